using System.Text.Json;
using Bitget.Stream.Models;

namespace Bitget.Stream.Parsing.Unified;

/// <summary>
/// Reads the <c>data</c> array of a v3 <c>ticker</c> push into <see cref="BitgetTicker"/> objects, straight from the
/// UTF-8 bytes. v3 names every field differently from v2 (<c>lastPrice</c>, <c>bid1Price</c>, <c>price24hPcnt</c>,
/// <c>volume24h</c>, <c>turnover24h</c>, <c>openInterest</c>, …) and carries neither the symbol nor a time inside
/// <c>data</c>: the symbol is the topic's, the time the envelope's (spec §2.1).
/// </summary>
public static class UnifiedTickerParser
{
    private enum Field
    {
        Unknown, Last, Bid, Ask, BidSize, AskSize, Open24h, High24h, Low24h, Change24h, BaseVolume, QuoteVolume,
        FundingRate, NextFundingTime, MarkPrice, IndexPrice, OpenInterest, DeliveryTime, DeliveryStartTime, DeliveryStatus,
    }

    /// <summary>Parses the array the reader stands on (its <c>StartArray</c>) and appends one ticker per item.</summary>
    /// <param name="reader">Positioned on the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (the module's upper-case spelling).</param>
    /// <param name="symbol">The push's <c>arg.symbol</c>.</param>
    /// <param name="receivedAt">Receipt time stamped on every ticker.</param>
    /// <param name="output">Receives the tickers; their <see cref="BitgetTicker.Timestamp"/> is left for the envelope's.</param>
    /// <param name="malformed">Notes each known field whose value was malformed; the ticker is kept with it empty.</param>
    /// <returns>Null on success, else why the data is malformed.</returns>
    public static string? ParseArray(ref Utf8JsonReader reader, string? instType, string? symbol, DateTimeOffset receivedAt,
        List<BitgetTicker> output, MalformedFields? malformed = null)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return "ticker data is not an array";
        if (string.IsNullOrEmpty(symbol) || symbol == Protocol.PrivateScope.All)
            return "ticker without symbol";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                return "ticker data item is not an object";
            var ticker = new BitgetTicker { Symbol = symbol, InstType = instType ?? "", ReceivedAt = receivedAt };
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = Lookup(reader.ValueSpan);
                reader.Read();
                switch (field)
                {
                    case Field.Unknown:
                        reader.Skip();
                        continue;
                    case Field.DeliveryStatus:
                        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                            TickerParser.Malformed(ref reader, malformed, "deliveryStatus");
                        else
                            ticker.DeliveryStatus = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0 ? reader.GetString() : null;
                        continue;
                    case Field.NextFundingTime or Field.DeliveryTime or Field.DeliveryStartTime:
                        if (!TickerParser.TryReadTime(ref reader, out var time))
                        {
                            TickerParser.Malformed(ref reader, malformed, FieldName(field));
                            continue;
                        }
                        if (field == Field.NextFundingTime) ticker.NextFundingTime = time;
                        else if (field == Field.DeliveryTime) ticker.DeliveryTime = time;
                        else ticker.DeliveryStartTime = time;
                        continue;
                }
                // One malformed value costs that value, not the ticker.
                if (!TickerParser.TryReadDecimal(ref reader, out var value))
                    TickerParser.Malformed(ref reader, malformed, FieldName(field));
                else
                    Assign(ticker, field, value);
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return "truncated ticker item";
            output.Add(ticker);
        }
        return reader.TokenType == JsonTokenType.EndArray ? null : "truncated ticker data";
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
            case Field.OpenInterest: t.HoldingAmount = value; break;
        }
    }

    // Dispatch on length first: at most four byte comparisons per property.
    private static Field Lookup(ReadOnlySpan<byte> n) => n.Length switch
    {
        9 => n.SequenceEqual("lastPrice"u8) ? Field.Last
            : n.SequenceEqual("bid1Price"u8) ? Field.Bid
            : n.SequenceEqual("ask1Price"u8) ? Field.Ask
            : n.SequenceEqual("volume24h"u8) ? Field.BaseVolume
            : n.SequenceEqual("markPrice"u8) ? Field.MarkPrice
            : Field.Unknown,
        8 => n.SequenceEqual("bid1Size"u8) ? Field.BidSize
            : n.SequenceEqual("ask1Size"u8) ? Field.AskSize
            : Field.Unknown,
        10 => n.SequenceEqual("indexPrice"u8) ? Field.IndexPrice : Field.Unknown,
        11 => n.SequenceEqual("lowPrice24h"u8) ? Field.Low24h
            : n.SequenceEqual("turnover24h"u8) ? Field.QuoteVolume
            : n.SequenceEqual("fundingRate"u8) ? Field.FundingRate
            : Field.Unknown,
        12 => n.SequenceEqual("openPrice24h"u8) ? Field.Open24h
            : n.SequenceEqual("highPrice24h"u8) ? Field.High24h
            : n.SequenceEqual("price24hPcnt"u8) ? Field.Change24h
            : n.SequenceEqual("openInterest"u8) ? Field.OpenInterest
            : n.SequenceEqual("deliveryTime"u8) ? Field.DeliveryTime
            : Field.Unknown,
        14 => n.SequenceEqual("deliveryStatus"u8) ? Field.DeliveryStatus : Field.Unknown,
        15 => n.SequenceEqual("nextFundingTime"u8) ? Field.NextFundingTime : Field.Unknown,
        17 => n.SequenceEqual("deliveryStartTime"u8) ? Field.DeliveryStartTime : Field.Unknown,
        _ => Field.Unknown,
    };

    private static string FieldName(Field field) => field switch
    {
        Field.Last => "lastPrice", Field.Bid => "bid1Price", Field.Ask => "ask1Price", Field.BidSize => "bid1Size",
        Field.AskSize => "ask1Size", Field.Open24h => "openPrice24h", Field.High24h => "highPrice24h",
        Field.Low24h => "lowPrice24h", Field.Change24h => "price24hPcnt", Field.BaseVolume => "volume24h",
        Field.QuoteVolume => "turnover24h", Field.FundingRate => "fundingRate", Field.NextFundingTime => "nextFundingTime",
        Field.MarkPrice => "markPrice", Field.IndexPrice => "indexPrice", Field.OpenInterest => "openInterest",
        Field.DeliveryTime => "deliveryTime", Field.DeliveryStartTime => "deliveryStartTime",
        Field.DeliveryStatus => "deliveryStatus", _ => "field",
    };
}
