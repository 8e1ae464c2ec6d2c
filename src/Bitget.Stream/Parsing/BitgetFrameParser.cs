using System.Text;
using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing;

/// <summary>
/// Reads one received frame in a single pass over its UTF-8 bytes: <c>pong</c> before any JSON, then the
/// envelope (<c>event</c>, <c>code</c> as number or string, <c>arg</c>, <c>action</c>, <c>ts</c>) and, for
/// ticker pushes, the tickers themselves. No DOM, no intermediate strings for ordinary pushes.
/// </summary>
public sealed class BitgetFrameParser
{
    private static readonly JsonReaderOptions s_options = new() { MaxDepth = 32 };
    private readonly SymbolTable _symbols;

    /// <summary>Creates a parser; share <paramref name="symbols"/> between parsers of one session.</summary>
    public BitgetFrameParser(SymbolTable? symbols = null) => _symbols = symbols ?? new SymbolTable();

    /// <summary>The symbol strings this parser reuses.</summary>
    public SymbolTable Symbols => _symbols;

    /// <summary>
    /// Parses a frame. Tickers of a ticker push are appended to <paramref name="tickers"/>; an invalid frame
    /// appends nothing.
    /// </summary>
    public BitgetFrame Parse(ReadOnlySpan<byte> utf8, DateTimeOffset receivedAt, List<BitgetTicker> tickers)
    {
        var frame = new BitgetFrame();
        if (utf8.SequenceEqual(BitgetTextFrames.Pong))
        {
            frame.Kind = BitgetFrameKind.Pong;
            return frame;
        }
        var first = tickers.Count;
        try
        {
            ParseJson(utf8, receivedAt, tickers, ref frame);
        }
        catch (JsonException ex)
        {
            Invalid(ref frame, "invalid JSON: " + FirstLine(ex.Message));
        }
        if (frame.Kind == BitgetFrameKind.Invalid)
            tickers.RemoveRange(first, tickers.Count - first);
        else
            frame.ItemCount = tickers.Count - first;
        return frame;
    }

    private void ParseJson(ReadOnlySpan<byte> utf8, DateTimeOffset receivedAt, List<BitgetTicker> tickers, ref BitgetFrame frame)
    {
        var reader = new Utf8JsonReader(utf8, s_options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            Invalid(ref frame, "not a JSON object");
            return;
        }

        var first = tickers.Count;
        var dataStart = -1;
        var sawData = false;
        string? dataError = null;
        // Property names are compared as raw bytes: Bitget never escapes them, and an escaped name is just unknown.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("arg"u8))
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                    ReadArg(ref reader, ref frame);
                else
                    reader.Skip();
            }
            else if (name.SequenceEqual("data"u8))
            {
                sawData = true;
                if (ReferenceEquals(frame.Channel, BitgetChannelNames.Ticker) && reader.TokenType == JsonTokenType.StartArray)
                {
                    dataError = TickerParser.ParseArray(ref reader, BitgetInstTypes.FromWire(frame.InstType), frame.InstId, receivedAt, _symbols, tickers);
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
                    dataStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                }
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
                if (!TickerParser.TryReadMillis(ref reader, out var ts))
                {
                    Invalid(ref frame, "malformed ts");
                    return;
                }
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

        if (dataStart >= 0 && ReferenceEquals(frame.Channel, BitgetChannelNames.Ticker))
        {
            var dataReader = new Utf8JsonReader(utf8[dataStart..], s_options);
            dataReader.Read();
            dataError = TickerParser.ParseArray(ref dataReader, BitgetInstTypes.FromWire(frame.InstType), frame.InstId, receivedAt, _symbols, tickers);
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
            return;
        }
        if (!sawData || frame.Channel is null)
        {
            Invalid(ref frame, sawData ? "push without arg.channel" : "neither an event nor a push");
            return;
        }

        // A ticker without its own ts takes the envelope's; with neither it is malformed.
        for (var i = first; i < tickers.Count; i++)
        {
            if (tickers[i].Timestamp != default)
                continue;
            if (frame.Timestamp is not { } envelopeTs)
            {
                Invalid(ref frame, $"{frame.InstType}/{frame.Channel}/{frame.InstId}: ticker without ts");
                return;
            }
            tickers[i].Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(envelopeTs);
        }
        frame.Kind = BitgetFrameKind.Push;
    }

    private void ReadArg(ref Utf8JsonReader reader, ref BitgetFrame frame)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }
            var value = reader.ValueSpan;
            if (name.SequenceEqual("instType"u8))
                frame.InstType = InstTypeFromWire(value);
            else if (name.SequenceEqual("channel"u8))
                frame.Channel = value.SequenceEqual("ticker"u8) ? BitgetChannelNames.Ticker : _symbols.Get(value);
            else if (name.SequenceEqual("instId"u8))
                frame.InstId = _symbols.Get(value);
        }
    }

    // The wire spelling is kept as sent: an error event must name exactly the topic that was refused
    // (a refused "mc" is not the valid USDT-FUTURES topic). Tickers get the v2 name (FromWire).
    private string InstTypeFromWire(ReadOnlySpan<byte> value)
    {
        if (value.SequenceEqual("USDT-FUTURES"u8)) return BitgetInstTypes.UsdtFutures;
        if (value.SequenceEqual("SPOT"u8)) return BitgetInstTypes.Spot;
        if (value.SequenceEqual("COIN-FUTURES"u8)) return BitgetInstTypes.CoinFutures;
        if (value.SequenceEqual("USDC-FUTURES"u8)) return BitgetInstTypes.UsdcFutures;
        return _symbols.Get(value);
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

    /// <summary>A short printable excerpt of a frame for reports (never the whole of a huge frame).</summary>
    public static string Excerpt(ReadOnlySpan<byte> utf8, int maxChars = 160)
    {
        var slice = utf8.Length > maxChars ? utf8[..maxChars] : utf8;
        var text = Encoding.UTF8.GetString(slice);
        return utf8.Length > maxChars ? text + $"… ({utf8.Length} bytes)" : text;
    }
}
