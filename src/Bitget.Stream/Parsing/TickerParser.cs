using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing;

/// <summary>
/// Reads the <c>data</c> array of a ticker push into <see cref="BitgetTicker"/> objects, straight from the
/// UTF-8 bytes: decimals from the exchange's strings (numbers accepted too), times from ms strings or numbers.
/// Knows the v2 spot and futures shapes and the v1-era names (<c>last</c>, <c>bestBid</c>, <c>bestAsk</c>, …)
/// still seen on old and demo sockets.
/// </summary>
public static class TickerParser
{
    private enum Field
    {
        Unknown, InstId, Last, Bid, Ask, BidSize, AskSize, Open24h, High24h, Low24h, Change24h, BaseVolume,
        QuoteVolume, FundingRate, NextFundingTime, MarkPrice, IndexPrice, HoldingAmount, DeliveryPrice, OpenUtc,
        ChangeUtc24h, Ts,
    }

    /// <summary>
    /// Parses the array the reader stands on (its <c>StartArray</c> token) and appends one ticker per item.
    /// </summary>
    /// <param name="reader">Positioned on the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (v2 spelling).</param>
    /// <param name="argInstId">The push's <c>arg.instId</c>, used when an item carries none. An item naming another symbol is
    /// malformed; without it, an item's own instId must be a Bitget symbol (<see cref="BitgetSymbolRule"/>).</param>
    /// <param name="receivedAt">Receipt time stamped on every ticker.</param>
    /// <param name="symbols">Shared symbol strings.</param>
    /// <param name="output">Receives the tickers.</param>
    /// <param name="malformed">Notes each known field whose value was malformed; the ticker is kept with that field
    /// empty (null: not noted).</param>
    /// <returns>Null on success, else why the data is unusable (not an array of objects, an instId that is not the
    /// topic's). A ticker without a usable <c>ts</c> is left with a default <see cref="BitgetTicker.Timestamp"/> for the
    /// caller to fill from the envelope.</returns>
    public static string? ParseArray(ref Utf8JsonReader reader, string? instType, string? argInstId,
        DateTimeOffset receivedAt, SymbolTable symbols, List<BitgetTicker> output, MalformedFields? malformed = null)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return "ticker data is not an array";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                return "ticker data item is not an object";
            var ticker = new BitgetTicker { InstType = instType ?? "", ReceivedAt = receivedAt };
            string? symbol = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = Lookup(reader.ValueSpan);
                reader.Read();
                if (field == Field.Unknown)
                {
                    reader.Skip();
                    continue;
                }
                if (field == Field.InstId)
                {
                    if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length == 0)
                        return "malformed instId";
                    if (ReadSymbol(ref reader, argInstId, symbols, out symbol) is { } symbolError)
                        return symbolError;
                    continue;
                }
                // One malformed value costs that value, not the ticker: it is left empty and noted.
                if (field is Field.Ts or Field.NextFundingTime)
                {
                    if (!TryReadTime(ref reader, out var time))
                        Malformed(ref reader, malformed, field == Field.Ts ? "ts" : "nextFundingTime");
                    if (field == Field.Ts)
                        ticker.Timestamp = time ?? default;
                    else
                        ticker.NextFundingTime = time;
                    continue;
                }
                if (!TryReadDecimal(ref reader, out var value))
                    Malformed(ref reader, malformed, FieldName(field));
                Assign(ticker, field, value);
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return "truncated ticker item";
            symbol ??= argInstId;
            if (string.IsNullOrEmpty(symbol))
                return "ticker without instId";
            ticker.Symbol = symbol;
            output.Add(ticker);
        }
        return reader.TokenType == JsonTokenType.EndArray ? null : "truncated ticker data";
    }

    // An item belongs to its topic: one named otherwise cannot be attributed, and a name that is no Bitget symbol (a
    // formula, a line break) must not reach a consumer or a CSV file. Without a topic symbol the item's must be one.
    private static string? ReadSymbol(ref Utf8JsonReader reader, string? argInstId, SymbolTable symbols, out string? symbol)
    {
        if (!string.IsNullOrEmpty(argInstId))
        {
            // Nearly always the arg's: comparing bytes to that string is cheaper than a symbol table lookup.
            symbol = argInstId;
            if (reader.ValueIsEscaped ? reader.GetString() == argInstId : Ascii.Equals(reader.ValueSpan, argInstId))
                return null;
            return $"ticker instId {BitgetSymbolRule.Quote(reader.GetString())} is not the topic's {BitgetSymbolRule.Quote(argInstId)}";
        }
        if (reader.ValueIsEscaped)
        {
            symbol = reader.GetString()!;
            return BitgetSymbolRule.IsValid(symbol) ? null : $"ticker instId {BitgetSymbolRule.Quote(symbol)} is not a Bitget symbol";
        }
        // Checked before the symbol table keeps it: the table is for symbols only.
        symbol = BitgetSymbolRule.IsValid(reader.ValueSpan) ? symbols.Get(reader.ValueSpan) : null;
        return symbol is null ? $"ticker instId {BitgetSymbolRule.Quote(reader.GetString())} is not a Bitget symbol" : null;
    }

    private static void Assign(BitgetTicker t, Field field, decimal? value)
    {
        switch (field)
        {
            case Field.Last: t.LastPrice = value; break;
            case Field.Bid: t.BidPrice = value; break;
            case Field.Ask: t.AskPrice = value; break;
            case Field.BidSize: t.BidSize = value; break;
            case Field.AskSize: t.AskSize = value; break;
            case Field.Open24h: t.Open24h = value; break;
            case Field.High24h: t.High24h = value; break;
            case Field.Low24h: t.Low24h = value; break;
            case Field.Change24h: t.Change24h = value; break;
            case Field.BaseVolume: t.BaseVolume = value; break;
            case Field.QuoteVolume: t.QuoteVolume = value; break;
            case Field.FundingRate: t.FundingRate = value; break;
            case Field.MarkPrice: t.MarkPrice = value; break;
            case Field.IndexPrice: t.IndexPrice = value; break;
            case Field.HoldingAmount: t.HoldingAmount = value; break;
            case Field.DeliveryPrice: t.DeliveryPrice = value; break;
            case Field.OpenUtc: t.OpenUtc = value; break;
            case Field.ChangeUtc24h: t.ChangeUtc24h = value; break;
        }
    }

    /// <summary>
    /// Notes a malformed value and steps over it: an object or array is skipped whole (a truncated one throws, so that
    /// the frame is bad).
    /// </summary>
    internal static void Malformed(ref Utf8JsonReader reader, MalformedFields? malformed, string field)
    {
        malformed?.Add(field);
        reader.Skip();
    }

    /// <summary>Reads a decimal from a JSON string or number; an empty string or null is "not sent".</summary>
    internal static bool TryReadDecimal(ref Utf8JsonReader reader, out decimal? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String when reader.ValueIsEscaped:
                // Never sent by Bitget; handled for correctness, off the fast path.
                var text = reader.GetString();
                if (string.IsNullOrEmpty(text))
                    return true;
                if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                    return false;
                value = parsed;
                return true;
            case JsonTokenType.String:
            case JsonTokenType.Number:
                var span = reader.ValueSpan;
                if (span.Length == 0)
                    return true;
                if (!Utf8Decimal.TryParse(span, out var d))
                    return false;
                value = d;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads epoch milliseconds from a JSON string or number as a UTC time.</summary>
    internal static bool TryReadTime(ref Utf8JsonReader reader, out DateTimeOffset? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
            return true;
        if (!TryReadTimeMillis(ref reader, out var ms))
            return false;
        if (ms is null)
            return true;
        value = DateTimeOffset.FromUnixTimeMilliseconds(ms.Value);
        return true;
    }

    /// <summary>
    /// Reads epoch milliseconds from a JSON string or number, an integer or (as some gateways re-encode it) a float such
    /// as <c>1700000000000.0</c> or <c>1.7e12</c>; false when out of the range of <see cref="DateTimeOffset"/>.
    /// </summary>
    /// <remarks>
    /// A fractional millisecond is cut to the millisecond it falls in (floor): a time is never made later than the one
    /// sent, so it cannot overtake the next whole-millisecond push in the time order.
    /// </remarks>
    internal static bool TryReadTimeMillis(ref Utf8JsonReader reader, out long? value)
    {
        if (TryReadMillis(ref reader, out value))
            return value is null or (>= MinMillis and <= MaxMillis);
        value = null;
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number) || reader.ValueIsEscaped
            || !Utf8Decimal.TryParse(reader.ValueSpan, out var ms) || ms < MinMillis || ms > MaxMillis)
            return false;
        value = (long)decimal.Floor(ms);
        return true;
    }

    /// <summary>Reads an integer (epoch ms, code) from a JSON string or number.</summary>
    internal static bool TryReadMillis(ref Utf8JsonReader reader, out long? value)
    {
        value = null;
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number) || reader.ValueIsEscaped)
            return false;
        var span = reader.ValueSpan;
        if (span.Length == 0 && reader.TokenType == JsonTokenType.String)
            return true;
        if (!Utf8Parser.TryParse(span, out long parsed, out var consumed) || consumed != span.Length)
            return false;
        value = parsed;
        return true;
    }

    private const long MinMillis = -62_135_596_800_000;
    private const long MaxMillis = 253_402_300_799_999;

    // Dispatch on length first: at most four byte comparisons per property.
    private static Field Lookup(ReadOnlySpan<byte> n) => n.Length switch
    {
        2 => n.SequenceEqual("ts"u8) ? Field.Ts : Field.Unknown,
        4 => n.SequenceEqual("last"u8) ? Field.Last : Field.Unknown,
        5 => n.SequenceEqual("bidPr"u8) ? Field.Bid
            : n.SequenceEqual("askPr"u8) ? Field.Ask
            : n.SequenceEqual("bidSz"u8) ? Field.BidSize
            : n.SequenceEqual("askSz"u8) ? Field.AskSize
            : Field.Unknown,
        6 => n.SequenceEqual("lastPr"u8) ? Field.Last
            : n.SequenceEqual("instId"u8) ? Field.InstId
            : n.SequenceEqual("low24h"u8) ? Field.Low24h
            : Field.Unknown,
        7 => n.SequenceEqual("open24h"u8) ? Field.Open24h
            : n.SequenceEqual("high24h"u8) ? Field.High24h
            : n.SequenceEqual("openUtc"u8) ? Field.OpenUtc
            : n.SequenceEqual("bestBid"u8) ? Field.Bid
            : n.SequenceEqual("bestAsk"u8) ? Field.Ask
            : Field.Unknown,
        8 => n.SequenceEqual("quantity"u8) ? Field.HoldingAmount : Field.Unknown,
        9 => n.SequenceEqual("change24h"u8) ? Field.Change24h
            : n.SequenceEqual("markPrice"u8) ? Field.MarkPrice
            : Field.Unknown,
        10 => n.SequenceEqual("baseVolume"u8) ? Field.BaseVolume
            : n.SequenceEqual("indexPrice"u8) ? Field.IndexPrice
            : Field.Unknown,
        11 => n.SequenceEqual("quoteVolume"u8) ? Field.QuoteVolume
            : n.SequenceEqual("fundingRate"u8) ? Field.FundingRate
            : Field.Unknown,
        12 => n.SequenceEqual("changeUtc24h"u8) ? Field.ChangeUtc24h : Field.Unknown,
        13 => n.SequenceEqual("holdingAmount"u8) ? Field.HoldingAmount
            : n.SequenceEqual("deliveryPrice"u8) ? Field.DeliveryPrice
            : Field.Unknown,
        15 => n.SequenceEqual("nextFundingTime"u8) ? Field.NextFundingTime : Field.Unknown,
        18 => n.SequenceEqual("priceChangePercent"u8) ? Field.Change24h : Field.Unknown,
        _ => Field.Unknown,
    };

    private static string FieldName(Field field) => field switch
    {
        Field.Last => "lastPr", Field.Bid => "bidPr", Field.Ask => "askPr", Field.BidSize => "bidSz",
        Field.AskSize => "askSz", Field.Open24h => "open24h", Field.High24h => "high24h", Field.Low24h => "low24h",
        Field.Change24h => "change24h", Field.BaseVolume => "baseVolume", Field.QuoteVolume => "quoteVolume",
        Field.FundingRate => "fundingRate", Field.MarkPrice => "markPrice", Field.IndexPrice => "indexPrice",
        Field.HoldingAmount => "holdingAmount", Field.DeliveryPrice => "deliveryPrice", Field.OpenUtc => "openUtc",
        Field.ChangeUtc24h => "changeUtc24h", _ => field.ToString(),
    };
}
