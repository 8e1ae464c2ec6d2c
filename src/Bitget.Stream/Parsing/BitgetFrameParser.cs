using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing;

/// <summary>
/// Reads one received frame in a single pass over its UTF-8 bytes: <c>pong</c> before any JSON, then the
/// envelope (<c>event</c>, <c>code</c> as number or string, <c>arg</c>, <c>action</c>, <c>ts</c>) and the pushed
/// items of one kind: tickers (<see cref="Parse(ReadOnlySpan{byte}, DateTimeOffset, List{BitgetTicker})"/>),
/// candles (<see cref="ParseCandles"/>) or order books (<see cref="ParseOrderBooks"/>); a session routes each push
/// to the reader of its channel's family instead. A push of another channel is classified but yields no items.
/// No DOM, no intermediate strings for ordinary pushes.
/// </summary>
public sealed class BitgetFrameParser
{
    private static readonly JsonReaderOptions s_options = new() { MaxDepth = 32 };
    private readonly SymbolTable _symbols;
    private readonly WireDialect _dialect;

    /// <summary>Creates a parser; share <paramref name="symbols"/> between parsers of one session.</summary>
    /// <param name="symbols">Shared symbol strings.</param>
    /// <param name="dialect">How the API spells topics (default: Classic, v2).</param>
    public BitgetFrameParser(SymbolTable? symbols = null, WireDialect? dialect = null)
    {
        _symbols = symbols ?? new SymbolTable();
        _dialect = dialect ?? WireDialect.Classic;
    }

    /// <summary>How the frames this parser reads spell their topics.</summary>
    public WireDialect Dialect => _dialect;

    /// <summary>The symbol strings this parser reuses.</summary>
    public SymbolTable Symbols => _symbols;

    /// <summary>
    /// The known fields of the last frame parsed whose values were malformed and left empty (its items were kept);
    /// cleared by the next parse. <see cref="BitgetFrame.BadFields"/> says how many.
    /// </summary>
    public MalformedFields MalformedFields { get; } = new();

    private PushListReader<BitgetTicker, TickerPushFormat>? _tickers;
    private PushListReader<BitgetCandle, CandlePushFormat>? _candles;
    private PushListReader<BitgetOrderBook, OrderBookPushFormat>? _books;
    private PushListReader<BitgetTrade, TradePushFormat>? _trades;
    private PushListReader<BitgetLiquidation, LiquidationPushFormat>? _liquidations;

    /// <summary>
    /// Parses a frame. Tickers of a ticker push are appended to <paramref name="tickers"/>; an invalid frame
    /// appends nothing.
    /// </summary>
    public BitgetFrame Parse(ReadOnlySpan<byte> utf8, DateTimeOffset receivedAt, List<BitgetTicker> tickers) =>
        ParseInto(utf8, receivedAt, _tickers ??= new(_symbols, tickers), tickers);

    /// <summary>
    /// Parses a frame. Candles of a <c>candle&lt;interval&gt;</c> push (one per row; a snapshot holds many) are
    /// appended to <paramref name="candles"/>; an invalid frame appends nothing.
    /// </summary>
    public BitgetFrame ParseCandles(ReadOnlySpan<byte> utf8, DateTimeOffset receivedAt, List<BitgetCandle> candles) =>
        ParseInto(utf8, receivedAt, _candles ??= new(_symbols, candles), candles);

    /// <summary>
    /// Parses a frame. The book of a <c>books</c>/<c>books1</c>/<c>books5</c>/<c>books15</c> push is appended to
    /// <paramref name="books"/>; an invalid frame appends nothing.
    /// </summary>
    public BitgetFrame ParseOrderBooks(ReadOnlySpan<byte> utf8, DateTimeOffset receivedAt, List<BitgetOrderBook> books) =>
        ParseInto(utf8, receivedAt, _books ??= new(_symbols, books), books);

    /// <summary>
    /// Parses a frame. Trades of a <c>trade</c> push (in the order sent; a snapshot holds many) are appended to
    /// <paramref name="trades"/>; an invalid frame appends nothing.
    /// </summary>
    public BitgetFrame ParseTrades(ReadOnlySpan<byte> utf8, DateTimeOffset receivedAt, List<BitgetTrade> trades) =>
        ParseInto(utf8, receivedAt, _trades ??= new(_symbols, trades), trades);

    /// <summary>
    /// Parses a frame. Liquidations of a v3 <c>liquidation</c> push are appended to <paramref name="liquidations"/>; an
    /// invalid frame appends nothing.
    /// </summary>
    public BitgetFrame ParseLiquidations(ReadOnlySpan<byte> utf8, DateTimeOffset receivedAt, List<BitgetLiquidation> liquidations) =>
        ParseInto(utf8, receivedAt, _liquidations ??= new(_symbols, liquidations), liquidations);

    private BitgetFrame ParseInto<TItem, TFormat>(ReadOnlySpan<byte> utf8, DateTimeOffset receivedAt,
        PushListReader<TItem, TFormat> reader, List<TItem> items)
        where TFormat : struct, IPushFormat<TItem>
    {
        reader.Items = items;
        reader.Begin();
        var first = items.Count;
        var frame = Parse(utf8, receivedAt, reader);
        frame.ItemCount = items.Count - first;
        return frame;
    }

    /// <summary>
    /// Parses a frame: the envelope here, the data of a push by the reader <paramref name="readers"/> gives for its
    /// channel (none: the data is skipped). When the frame is invalid, that reader is told to discard what it read.
    /// The data array's place in <paramref name="utf8"/> is recorded, so that a duplicate can be judged on the data alone.
    /// </summary>
    internal BitgetFrame Parse(ReadOnlySpan<byte> utf8, DateTimeOffset receivedAt, IPushReaderSource readers)
    {
        var frame = new BitgetFrame { Api = _dialect.Api };
        MalformedFields.Clear();
        if (utf8.SequenceEqual(BitgetTextFrames.Pong))
        {
            frame.Kind = BitgetFrameKind.Pong;
            return frame;
        }
        IPushReader? used = null;
        try
        {
            ParseJson(utf8, receivedAt, readers, ref frame, ref used);
        }
        catch (JsonException ex)
        {
            Invalid(ref frame, "invalid JSON: " + FirstLine(ex.Message));
        }
        if (frame.Kind == BitgetFrameKind.Invalid)
            used?.Discard();
        else
            frame.BadFields = MalformedFields.Count;
        return frame;
    }

    private void ParseJson(ReadOnlySpan<byte> utf8, DateTimeOffset receivedAt, IPushReaderSource readers, ref BitgetFrame frame,
        ref IPushReader? used)
    {
        var reader = new Utf8JsonReader(utf8, s_options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            Invalid(ref frame, "not a JSON object");
            return;
        }

        var sawData = false;
        var deferredData = false;
        string? dataError = null;
        // Property names are compared as raw bytes: Bitget never escapes them, and an escaped name is just unknown.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("arg"u8))
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                    _dialect.ReadArg(ref reader, ref frame, _symbols);
                else
                    reader.Skip();
            }
            else if (name.SequenceEqual("data"u8))
            {
                sawData = true;
                frame.DataStart = (int)reader.TokenStartIndex;
                var data = frame.Channel is not null ? readers.ReaderFor(frame.Channel) : null;
                if (data is not null)
                {
                    used = data;
                    dataError = data.ReadData(ref reader, in frame, receivedAt, MalformedFields);
                    if (dataError is not null)
                    {
                        // The reader stopped inside the data: nothing after it can be read.
                        Invalid(ref frame, $"{frame.InstType}/{frame.Channel}/{frame.InstId}: {dataError}");
                        return;
                    }
                }
                else
                {
                    // data before arg (the order some private pushes use): come back to it once arg is known.
                    deferredData = frame.Channel is null;
                    reader.Skip();
                }
                frame.DataLength = (int)reader.BytesConsumed - frame.DataStart;
            }
            else if (name.SequenceEqual("action"u8))
                frame.Action = ReadKnownString(ref reader, "snapshot"u8, "snapshot", "update"u8, "update");
            else if (name.SequenceEqual("event"u8))
                frame.Event = ReadEvent(ref reader);
            else if (name.SequenceEqual("code"u8))
            {
                if (!TickerParser.TryReadMillis(ref reader, out var code) || code is < int.MinValue or > int.MaxValue)
                {
                    Invalid(ref frame, "malformed code");
                    return;
                }
                frame.Code = (int?)code;
            }
            else if (name.SequenceEqual("msg"u8))
                frame.Message = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            else if (name.SequenceEqual("op"u8))
                frame.Op = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            else if (name.SequenceEqual("ts"u8))
            {
                // Like an item's field: a malformed envelope ts is left empty (items without their own ts then make
                // the frame bad, as nothing would order them).
                long? ts = null;
                if (reader.TokenType != JsonTokenType.Null && !TickerParser.TryReadTimeMillis(ref reader, out ts))
                    TickerParser.Malformed(ref reader, MalformedFields, "envelope ts");
                frame.Timestamp = ts;
            }
            else
                reader.Skip();
        }
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            Invalid(ref frame, "truncated frame");
            return;
        }

        if (deferredData && frame.Channel is not null && readers.ReaderFor(frame.Channel) is { } late)
        {
            used = late;
            var dataReader = new Utf8JsonReader(utf8[frame.DataStart..], s_options);
            dataReader.Read();
            dataError = late.ReadData(ref dataReader, in frame, receivedAt, MalformedFields);
        }
        if (dataError is not null)
        {
            Invalid(ref frame, $"{frame.InstType}/{frame.Channel}/{frame.InstId}: {dataError}");
            return;
        }

        if (frame.Event is not null)
        {
            frame.Kind = frame.Event switch
            {
                "subscribe" => BitgetFrameKind.Subscribed,
                "unsubscribe" => BitgetFrameKind.Unsubscribed,
                "error" => BitgetFrameKind.Error,
                "login" => BitgetFrameKind.Login,
                _ => BitgetFrameKind.OtherEvent,
            };
            if (frame.Kind == BitgetFrameKind.Error && frame.Code is null)
                Invalid(ref frame, "error event without code");
            else if (frame.Kind == BitgetFrameKind.Error && frame.Channel is null)
                _dialect.TryReadRefusedArg(ref frame, _symbols);
            return;
        }
        if (!sawData || frame.Channel is null)
        {
            Invalid(ref frame, sawData ? "push without arg.channel" : "neither an event nor a push");
            return;
        }

        // The topic names every item of the push (candles, trades and books carry no symbol of their own), and a
        // replayed recording takes its topics as they come: it must be a symbol, not a formula or a line break.
        if (!string.IsNullOrEmpty(frame.InstId) && !BitgetSymbolRule.IsValid(frame.InstId))
        {
            Invalid(ref frame, $"{frame.InstType}/{frame.Channel}: arg.instId {BitgetSymbolRule.Quote(frame.InstId)} is not a Bitget symbol");
            return;
        }
        if (used?.Complete(in frame) is { } completeError)
        {
            Invalid(ref frame, $"{frame.InstType}/{frame.Channel}/{frame.InstId}: {completeError}");
            return;
        }
        frame.Kind = BitgetFrameKind.Push;
    }

    private static string? ReadEvent(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
            return null;
        var v = reader.ValueSpan;
        if (v.SequenceEqual("subscribe"u8)) return "subscribe";
        if (v.SequenceEqual("unsubscribe"u8)) return "unsubscribe";
        if (v.SequenceEqual("error"u8)) return "error";
        if (v.SequenceEqual("login"u8)) return "login";
        return reader.GetString();
    }

    private static string? ReadKnownString(ref Utf8JsonReader reader, ReadOnlySpan<byte> a, string aText, ReadOnlySpan<byte> b, string bText)
    {
        if (reader.TokenType != JsonTokenType.String)
            return null;
        if (reader.ValueSpan.SequenceEqual(a)) return aText;
        if (reader.ValueSpan.SequenceEqual(b)) return bText;
        return reader.GetString();
    }

    private static void Invalid(ref BitgetFrame frame, string reason)
    {
        frame.Kind = BitgetFrameKind.Invalid;
        frame.InvalidReason = reason;
    }

    private static string FirstLine(string text)
    {
        var cut = text.IndexOf('\n');
        return cut < 0 ? text : text[..cut];
    }

    /// <summary>
    /// A short printable excerpt of a frame for reports: at most <paramref name="maxChars"/> characters, control
    /// characters escaped and bytes that are not UTF-8 shown as hex (<see cref="ServerText.EscapeUtf8"/>).
    /// </summary>
    public static string Excerpt(ReadOnlySpan<byte> utf8, int maxChars = 160) => ServerText.EscapeUtf8(utf8, maxChars);
}
