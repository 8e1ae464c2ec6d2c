using System.Text;
using System.Text.Json;
using Bitget.Stream.Models;

namespace Bitget.Stream.Parsing;

/// <summary>
/// Reads the <c>data</c> array of a <c>trade</c> push into <see cref="BitgetTrade"/> objects, straight from the UTF-8
/// bytes. An item is <c>{ts, price, size, side, tradeId}</c> (strings; numbers accepted too); a snapshot holds the
/// recent trades, newest first, an update the new ones. Unknown fields are skipped.
/// </summary>
public static class TradeParser
{
    /// <summary>The taker side <c>buy</c>, shared by every trade.</summary>
    public const string Buy = "buy";

    /// <summary>The taker side <c>sell</c>, shared by every trade.</summary>
    public const string Sell = "sell";

    /// <summary>
    /// Parses the array the reader stands on (its <c>StartArray</c> token) and appends one trade per item.
    /// </summary>
    /// <param name="reader">Positioned on the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (v2 spelling).</param>
    /// <param name="instId">The push's <c>arg.instId</c>: items carry no symbol of their own.</param>
    /// <param name="receivedAt">Receipt time stamped on every trade.</param>
    /// <param name="output">Receives the trades.</param>
    /// <param name="malformed">Notes a malformed <c>ts</c> or <c>side</c>; the trade is kept with it empty (null: not noted).</param>
    /// <returns>Null on success, else why the data is unusable (the caller drops what was appended): a trade needs its
    /// price, size and tradeId. A trade without a usable <c>ts</c> is left with a default
    /// <see cref="BitgetTrade.Timestamp"/> for the caller to fill from the envelope.</returns>
    public static string? ParseArray(ref Utf8JsonReader reader, string? instType, string? instId, DateTimeOffset receivedAt,
        List<BitgetTrade> output, MalformedFields? malformed = null)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return "trade data is not an array";
        if (string.IsNullOrEmpty(instId))
            return "trade without instId";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                return "trade data item is not an object";
            var trade = new BitgetTrade { Symbol = instId, InstType = instType ?? "", ReceivedAt = receivedAt };
            bool hasPrice = false, hasSize = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                var escaped = reader.ValueIsEscaped;
                reader.Read();
                if (escaped)
                {
                    reader.Skip();
                    continue;
                }
                if (name.SequenceEqual("price"u8) || name.SequenceEqual("size"u8))
                {
                    if (!TickerParser.TryReadDecimal(ref reader, out var value) || value is null)
                        return $"malformed trade {Encoding.UTF8.GetString(name)}";
                    if (name[0] == (byte)'p')
                    {
                        trade.Price = value.Value;
                        hasPrice = true;
                    }
                    else
                    {
                        trade.Size = value.Value;
                        hasSize = true;
                    }
                }
                else if (name.SequenceEqual("ts"u8))
                {
                    if (!TickerParser.TryReadTime(ref reader, out var ts))
                        TickerParser.Malformed(ref reader, malformed, "ts");
                    trade.Timestamp = ts ?? default;
                }
                else if (name.SequenceEqual("tradeId"u8))
                {
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number) || reader.ValueSpan.Length == 0)
                        return "malformed tradeId";
                    trade.TradeId = reader.ValueIsEscaped ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
                }
                else if (name.SequenceEqual("side"u8))
                {
                    if (reader.TokenType == JsonTokenType.String)
                        trade.Side = SideOf(ref reader);
                    else if (reader.TokenType != JsonTokenType.Null)
                        TickerParser.Malformed(ref reader, malformed, "side");
                }
                else
                {
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return "truncated trade";
            if (trade.TradeId.Length == 0)
                return "trade without tradeId";
            if (!hasPrice || !hasSize)
                return hasPrice ? "trade without size" : "trade without price";
            output.Add(trade);
        }
        return reader.TokenType == JsonTokenType.EndArray ? null : "truncated trade data";
    }

    // Shared literals for Bitget's two sides (either case); anything else kept as sent.
    private static string SideOf(ref Utf8JsonReader reader)
    {
        var span = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            if (Ascii.EqualsIgnoreCase(span, "buy"u8))
                return Buy;
            if (Ascii.EqualsIgnoreCase(span, "sell"u8))
                return Sell;
        }
        return reader.GetString() ?? "";
    }
}
