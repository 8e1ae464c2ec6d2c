using System.Text;
using System.Text.Json;
using Bitget.Stream.Models;

namespace Bitget.Stream.Parsing.Unified;

/// <summary>
/// Reads the <c>data</c> array of a v3 <c>publicTrade</c> push into <see cref="BitgetTrade"/> objects, straight from
/// the UTF-8 bytes. An item is <c>{i, p, v, S, T, L, isRPI}</c> (spec §2.4): execution id, price (one source spells it
/// <c>P</c>: read as a fall-back), size, taker side, time, correlation id and the RPI flag. Rows come newest first;
/// the trade handler delivers them oldest first, each id once.
/// </summary>
public static class UnifiedTradeParser
{
    /// <summary>Parses the array the reader stands on (its <c>StartArray</c>) and appends one trade per item.</summary>
    /// <param name="reader">Positioned on the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (the module's upper-case spelling).</param>
    /// <param name="symbol">The push's <c>arg.symbol</c>.</param>
    /// <param name="receivedAt">Receipt time stamped on every trade.</param>
    /// <param name="output">Receives the trades.</param>
    /// <param name="malformed">Notes a malformed time, side or flag; the trade is kept with it empty (id, price and size are
    /// the trade: without them the push is bad).</param>
    /// <returns>Null on success, else why the data is malformed.</returns>
    public static string? ParseArray(ref Utf8JsonReader reader, string? instType, string? symbol, DateTimeOffset receivedAt,
        List<BitgetTrade> output, MalformedFields? malformed = null)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return "trade data is not an array";
        if (string.IsNullOrEmpty(symbol) || symbol == Protocol.PrivateScope.All)
            return "trade without symbol";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                return "trade data item is not an object";
            var trade = new BitgetTrade { Symbol = symbol, InstType = instType ?? "", ReceivedAt = receivedAt };
            bool hasPrice = false, hasLowerPrice = false, hasSize = false;
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
                if (name.Length == 1)
                {
                    switch (name[0])
                    {
                        case (byte)'p':
                        case (byte)'P':
                            // Case-sensitive keys: "p" is v3's, "P" only a fall-back when "p" is absent.
                            if (!TickerParser.TryReadDecimal(ref reader, out var price) || price is null)
                                return "malformed trade price";
                            if (name[0] == (byte)'p' || !hasLowerPrice)
                                trade.Price = price.Value;
                            hasLowerPrice |= name[0] == (byte)'p';
                            hasPrice = true;
                            continue;
                        case (byte)'v':
                            if (!TickerParser.TryReadDecimal(ref reader, out var size) || size is null)
                                return "malformed trade size";
                            trade.Size = size.Value;
                            hasSize = true;
                            continue;
                        case (byte)'T':
                            // A bad time falls back to the envelope's (Complete), as a missing one does.
                            if (!TickerParser.TryReadTime(ref reader, out var ts))
                                TickerParser.Malformed(ref reader, malformed, "T");
                            else
                                trade.Timestamp = ts ?? default;
                            continue;
                        case (byte)'i':
                            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number) || reader.ValueSpan.Length == 0)
                                return "malformed trade id";
                            trade.TradeId = reader.ValueIsEscaped ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
                            continue;
                        case (byte)'S':
                            if (reader.TokenType != JsonTokenType.String)
                            {
                                TickerParser.Malformed(ref reader, malformed, "S");
                                continue;
                            }
                            trade.Side = Ascii.EqualsIgnoreCase(reader.ValueSpan, "buy"u8) ? TradeParser.Buy
                                : Ascii.EqualsIgnoreCase(reader.ValueSpan, "sell"u8) ? TradeParser.Sell
                                : reader.GetString() ?? "";
                            continue;
                        case (byte)'L':
                            trade.CorrelationId = reader.TokenType is JsonTokenType.String or JsonTokenType.Number && reader.ValueSpan.Length > 0
                                ? Encoding.UTF8.GetString(reader.ValueSpan) : null;
                            continue;
                    }
                }
                else if (name.SequenceEqual("isRPI"u8))
                {
                    trade.IsRpi = reader.TokenType == JsonTokenType.String
                        ? Ascii.EqualsIgnoreCase(reader.ValueSpan, "yes"u8) ? true : Ascii.EqualsIgnoreCase(reader.ValueSpan, "no"u8) ? false : null
                        : reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
                    continue;
                }
                reader.Skip();
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return "truncated trade";
            if (trade.TradeId.Length == 0)
                return "trade without id";
            if (!hasPrice || !hasSize)
                return hasPrice ? "trade without size" : "trade without price";
            output.Add(trade);
        }
        return reader.TokenType == JsonTokenType.EndArray ? null : "truncated trade data";
    }
}
