using System.Text.Json;
using Bitget.Stream.Models;

namespace Bitget.Stream.Parsing;

/// <summary>
/// Reads the <c>data</c> array of a candle push into <see cref="BitgetCandle"/> objects, straight from the UTF-8
/// bytes. A row is an array of strings <c>[start ms, open, high, low, close, base volume, quote volume, USDT
/// volume]</c>; a snapshot holds many rows, an update usually one. Each row becomes one candle appended to the
/// caller's list, so a push costs exactly one object per row. Use <see cref="BitgetFrameParser.ParseCandles"/> for
/// a whole frame.
/// </summary>
public static class CandleParser
{
    // Row items 1..7, for error messages.
    private static readonly string[] s_itemNames =
        ["start time", "open", "high", "low", "close", "base volume", "quote volume", "USDT volume"];

    /// <summary>Items a row needs at least: start time, open, high, low, close. The volumes may be absent.</summary>
    private const int RequiredItems = 5;

    /// <summary>
    /// Parses the array the reader stands on (its <c>StartArray</c> token) and appends one candle per row.
    /// </summary>
    /// <param name="reader">Positioned on the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (v2 spelling).</param>
    /// <param name="instId">The push's <c>arg.instId</c>: rows carry no symbol of their own.</param>
    /// <param name="channel">The push's channel, e.g. <c>candle1m</c>; gives <see cref="BitgetCandle.Interval"/>.</param>
    /// <param name="receivedAt">Receipt time stamped on every candle.</param>
    /// <param name="output">Receives the candles.</param>
    /// <param name="malformed">Notes each value (open, high, …) that was malformed; the candle is kept with it empty
    /// (null: not noted).</param>
    /// <returns>Null on success, else why the data is unusable (the caller drops what was appended): not rows of values,
    /// or a row without a start time, which places the candle.</returns>
    public static string? ParseArray(ref Utf8JsonReader reader, string? instType, string? instId, string? channel,
        DateTimeOffset receivedAt, List<BitgetCandle> output, MalformedFields? malformed = null)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return "candle data is not an array";
        if (string.IsNullOrEmpty(instId))
            return "candle without instId";
        var interval = IntervalOf(channel);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
                return "candle data item is not an array";
            var candle = new BitgetCandle { Symbol = instId, InstType = instType ?? "", Interval = interval, ReceivedAt = receivedAt };
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (index == 0)
                {
                    if (!TickerParser.TryReadTime(ref reader, out var openTime) || openTime is null)
                        return "malformed candle start time";
                    candle.OpenTime = openTime.Value;
                }
                else if (index < s_itemNames.Length)
                {
                    if (!TickerParser.TryReadDecimal(ref reader, out var value))
                        TickerParser.Malformed(ref reader, malformed, s_itemNames[index]);
                    Assign(candle, index, value);
                }
                else
                {
                    // Items a later API version may add: ignored, whatever they hold.
                    reader.Skip();
                }
                index++;
            }
            if (reader.TokenType != JsonTokenType.EndArray)
                return "truncated candle row";
            if (index < RequiredItems)
                return $"candle without {s_itemNames[index]}";
            output.Add(candle);
        }
        return reader.TokenType == JsonTokenType.EndArray ? null : "truncated candle data";
    }

    /// <summary>
    /// The interval part of a candle channel name (<c>candle1m</c> → <c>1m</c>, <c>candle1Dutc</c> → <c>1Dutc</c>).
    /// Known channels map to shared literals, so ordinary pushes allocate no interval string.
    /// </summary>
    public static string IntervalOf(string? channel) => channel switch
    {
        "candle1m" => "1m",
        "candle3m" => "3m",
        "candle5m" => "5m",
        "candle15m" => "15m",
        "candle30m" => "30m",
        "candle1H" => "1H",
        "candle4H" => "4H",
        "candle6H" => "6H",
        "candle12H" => "12H",
        "candle1D" => "1D",
        "candle3D" => "3D",
        "candle1W" => "1W",
        "candle1M" => "1M",
        "candle6Hutc" => "6Hutc",
        "candle12Hutc" => "12Hutc",
        "candle1Dutc" => "1Dutc",
        "candle3Dutc" => "3Dutc",
        "candle1Wutc" => "1Wutc",
        "candle1Mutc" => "1Mutc",
        _ => BitgetChannelNames.IsCandle(channel) ? channel![BitgetChannelNames.CandlePrefix.Length..] : "",
    };

    private static void Assign(BitgetCandle c, int index, decimal? value)
    {
        switch (index)
        {
            case 1: c.Open = value; break;
            case 2: c.High = value; break;
            case 3: c.Low = value; break;
            case 4: c.Close = value; break;
            case 5: c.BaseVolume = value; break;
            case 6: c.QuoteVolume = value; break;
            case 7: c.UsdtVolume = value; break;
        }
    }
}
