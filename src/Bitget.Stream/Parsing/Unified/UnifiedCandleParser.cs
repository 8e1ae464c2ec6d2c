using System.Text.Json;
using Bitget.Stream.Models;

namespace Bitget.Stream.Parsing.Unified;

/// <summary>
/// Reads the <c>data</c> array of a v3 <c>kline</c> push into <see cref="BitgetCandle"/> objects, straight from the
/// UTF-8 bytes. v3 rows are objects <c>{start, open, high, low, close, volume, turnover}</c> (v2: arrays of eight
/// strings); <c>turnover</c> is in the quote coin (spec §2.2: the docs' "base coin" is contradicted by live values).
/// v3 has no "closed" flag: the candle handler closes a candle when a newer <c>start</c> arrives, as on v2.
/// </summary>
public static class UnifiedCandleParser
{
    private static readonly string[] s_fieldNames = ["", "open", "high", "low", "close", "volume", "turnover"];

    /// <summary>Parses the array the reader stands on (its <c>StartArray</c>) and appends one candle per row.</summary>
    /// <param name="reader">Positioned on the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (the module's upper-case spelling).</param>
    /// <param name="symbol">The push's <c>arg.symbol</c>.</param>
    /// <param name="channel">The module's channel, e.g. <c>candle1m</c> (<c>kline</c> + <c>interval</c> on the wire).</param>
    /// <param name="receivedAt">Receipt time stamped on every candle.</param>
    /// <param name="output">Receives the candles.</param>
    /// <param name="malformed">Notes each value field that was malformed; the candle is kept with it empty.</param>
    /// <returns>Null on success, else why the data is malformed (the start time is the candle's identity).</returns>
    public static string? ParseArray(ref Utf8JsonReader reader, string? instType, string? symbol, string? channel,
        DateTimeOffset receivedAt, List<BitgetCandle> output, MalformedFields? malformed = null)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return "candle data is not an array";
        if (string.IsNullOrEmpty(symbol) || symbol == Protocol.PrivateScope.All)
            return "candle without symbol";
        if (!BitgetChannelNames.IsCandle(channel))
            return "candle without interval";
        var interval = CandleParser.IntervalOf(channel);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                return "candle data item is not an object";
            var candle = new BitgetCandle { Symbol = symbol, InstType = instType ?? "", Interval = interval, ReceivedAt = receivedAt };
            var hasStart = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("start"u8))
                {
                    if (!TickerParser.TryReadTime(ref reader, out var start) || start is null)
                        return "malformed candle start";
                    candle.OpenTime = start.Value;
                    hasStart = true;
                    continue;
                }
                var field = name.Length switch
                {
                    4 => name.SequenceEqual("open"u8) ? 1 : name.SequenceEqual("high"u8) ? 2 : 0,
                    3 => name.SequenceEqual("low"u8) ? 3 : 0,
                    5 => name.SequenceEqual("close"u8) ? 4 : 0,
                    6 => name.SequenceEqual("volume"u8) ? 5 : 0,
                    8 => name.SequenceEqual("turnover"u8) ? 6 : 0,
                    _ => 0,
                };
                if (field == 0)
                {
                    reader.Skip();
                    continue;
                }
                if (!TickerParser.TryReadDecimal(ref reader, out var value))
                {
                    TickerParser.Malformed(ref reader, malformed, s_fieldNames[field]);
                    continue;
                }
                switch (field)
                {
                    case 1: candle.Open = value; break;
                    case 2: candle.High = value; break;
                    case 3: candle.Low = value; break;
                    case 4: candle.Close = value; break;
                    case 5: candle.BaseVolume = value; break;
                    case 6: candle.QuoteVolume = value; break;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return "truncated candle row";
            if (!hasStart)
                return "candle without start";
            output.Add(candle);
        }
        return reader.TokenType == JsonTokenType.EndArray ? null : "truncated candle data";
    }
}
