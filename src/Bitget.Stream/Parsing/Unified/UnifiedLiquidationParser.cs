using System.Text.Json;
using Bitget.Stream.Models;

namespace Bitget.Stream.Parsing.Unified;

/// <summary>
/// Reads the <c>data</c> array of a v3 <c>liquidation</c> push (<c>{symbol, side, price, amount, ts}</c>, spec §2.5)
/// into <see cref="BitgetLiquidation"/> objects, straight from the UTF-8 bytes. The topic names no symbol: each item
/// carries its own.
/// </summary>
public static class UnifiedLiquidationParser
{
    /// <summary>Parses the array the reader stands on (its <c>StartArray</c>) and appends one liquidation per item.</summary>
    /// <param name="reader">Positioned on the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (the module's upper-case spelling).</param>
    /// <param name="receivedAt">Receipt time stamped on every item.</param>
    /// <param name="symbols">Shared symbol strings.</param>
    /// <param name="output">Receives the liquidations; one without <c>ts</c> is left for the envelope's.</param>
    /// <param name="malformed">Notes each malformed side, price, amount or time; the item is kept with it empty.</param>
    /// <returns>Null on success, else why the data is malformed (an item's symbol must be a Bitget symbol).</returns>
    public static string? ParseArray(ref Utf8JsonReader reader, string? instType, DateTimeOffset receivedAt, SymbolTable symbols,
        List<BitgetLiquidation> output, MalformedFields? malformed = null)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return "liquidation data is not an array";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                return "liquidation data item is not an object";
            var item = new BitgetLiquidation { InstType = instType ?? "", ReceivedAt = receivedAt };
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("symbol"u8))
                {
                    // The topic names no symbol: the item's own is all there is, so it must be a real one.
                    if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !Protocol.BitgetSymbolRule.IsValid(reader.ValueSpan))
                        return $"liquidation symbol {Protocol.BitgetSymbolRule.Quote(reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType.ToString())} is not a Bitget symbol";
                    item.Symbol = symbols.Get(reader.ValueSpan);
                }
                else if (name.SequenceEqual("side"u8))
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        TickerParser.Malformed(ref reader, malformed, "side");
                        continue;
                    }
                    item.Side = System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "buy"u8) ? TradeParser.Buy
                        : System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "sell"u8) ? TradeParser.Sell
                        : reader.GetString() ?? "";
                }
                else if (name.SequenceEqual("price"u8) || name.SequenceEqual("amount"u8))
                {
                    if (!TickerParser.TryReadDecimal(ref reader, out var value))
                    {
                        TickerParser.Malformed(ref reader, malformed, name[0] == (byte)'p' ? "price" : "amount");
                        continue;
                    }
                    if (name[0] == (byte)'p')
                        item.Price = value;
                    else
                        item.Amount = value;
                }
                else if (name.SequenceEqual("ts"u8))
                {
                    if (!TickerParser.TryReadTime(ref reader, out var ts))
                        TickerParser.Malformed(ref reader, malformed, "ts");
                    else
                        item.Timestamp = ts ?? default;
                }
                else
                    reader.Skip();
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return "truncated liquidation";
            if (item.Symbol.Length == 0)
                return "liquidation without symbol";
            output.Add(item);
        }
        return reader.TokenType == JsonTokenType.EndArray ? null : "truncated liquidation data";
    }
}
