using System.Text;
using System.Text.Json;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing;

/// <summary>Sets one field of a private model from the value the reader stands on; returns an error, or null.</summary>
internal delegate string? PrivateFieldSetter<in T>(T item, string name, ref Utf8JsonReader reader);

/// <summary>
/// The shared reading loop and value readers of the private channels' data arrays. Field names are compared as strings:
/// private events come a few a second at most, so clarity wins over the public channels' byte matching.
/// </summary>
internal static class PrivateFieldReader
{
    /// <summary>
    /// Reads the data array the reader is on into items made by <paramref name="create"/>; <paramref name="check"/> says
    /// why a whole item is unusable (a missing id, a symbol that cannot name it), or null. A field whose value
    /// <paramref name="set"/> finds malformed is left empty and noted in <paramref name="malformed"/>: the event is kept.
    /// </summary>
    public static string? ReadArray<T>(ref Utf8JsonReader reader, string what, Func<T> create, PrivateFieldSetter<T> set,
        Func<T, string?> check, List<T> output, MalformedFields? malformed)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return $"{what} data is not an array";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                return $"{what} data item is not an object";
            var item = create();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (set(item, name, ref reader) is not null)
                    TickerParser.Malformed(ref reader, malformed, name);
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return $"truncated {what}";
            if (check(item) is { } unusable)
                return unusable;
            output.Add(item);
        }
        return reader.TokenType == JsonTokenType.EndArray ? null : $"truncated {what} data";
    }

    /// <summary>
    /// Why <paramref name="symbol"/> (read from <paramref name="field"/>) cannot name a private event: not a Bitget symbol
    /// (<see cref="BitgetSymbolRule"/>), or not the topic's when the topic names one (<paramref name="topicSymbol"/>, not
    /// <c>default</c>); null when it can.
    /// </summary>
    public static string? SymbolProblem(string what, string field, string symbol, string? topicSymbol)
    {
        if (!BitgetSymbolRule.IsValid(symbol))
            return $"{what} {field} {BitgetSymbolRule.Quote(symbol)} is not a Bitget symbol";
        if (!string.IsNullOrEmpty(topicSymbol) && topicSymbol != symbol)
            return $"{what} {field} {BitgetSymbolRule.Quote(symbol)} is not the topic's {BitgetSymbolRule.Quote(topicSymbol)}";
        return null;
    }

    /// <summary>A decimal from a string or number (empty: null).</summary>
    public static string? Decimal(ref Utf8JsonReader reader, out decimal? value) =>
        TickerParser.TryReadDecimal(ref reader, out value) ? null : "not a decimal";

    /// <summary>Epoch milliseconds as a UTC time (empty: null).</summary>
    public static string? Time(ref Utf8JsonReader reader, out DateTimeOffset? value) =>
        TickerParser.TryReadTime(ref reader, out value) ? null : "not a time";

    /// <summary>A string (a number is taken as its text; empty and null are null).</summary>
    public static string? Text(ref Utf8JsonReader reader)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => null,
        };
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            reader.Skip();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>
    /// A <c>feeDetail</c> array: the fees summed (<c>totalFee</c>, else <c>fee</c>) and the first coin. Null when empty.
    /// A malformed fee gives an error and no total (a partial sum is not the fee); the array is still read to its end.
    /// </summary>
    public static string? FeeDetail(ref Utf8JsonReader reader, out decimal? total, out string? coin) =>
        FeeDetail(ref reader, out total, out coin, out _, out _);

    /// <summary>
    /// A <c>feeDetail</c> array as <see cref="FeeDetail(ref Utf8JsonReader, out decimal?, out string?)"/> reads it, with the
    /// fills' deduction: the first <c>deduction</c> (yes/no) and the <c>totalDeductionFee</c>s summed.
    /// </summary>
    public static string? FeeDetail(ref Utf8JsonReader reader, out decimal? total, out string? coin, out string? deduction,
        out decimal? deductionTotal)
    {
        total = null;
        coin = null;
        deduction = null;
        deductionTotal = null;
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.StartArray)
            return "not an array";
        string? error = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = "an item is not an object";
                reader.Skip();
                continue;
            }
            decimal? fee = null, totalFee = null, deductionFee = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "feeCoin":
                        coin ??= Text(ref reader);
                        break;
                    case "fee":
                        error ??= Decimal(ref reader, out fee);
                        reader.Skip();
                        break;
                    case "totalFee":
                        error ??= Decimal(ref reader, out totalFee);
                        reader.Skip();
                        break;
                    case "deduction":
                        var deducted = Text(ref reader);
                        deduction ??= deducted;
                        break;
                    case "totalDeductionFee":
                        error ??= Decimal(ref reader, out deductionFee);
                        reader.Skip();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            if ((totalFee ?? fee) is { } amount)
                total = (total ?? 0m) + amount;
            if (deductionFee is { } deductedFee)
                deductionTotal = (deductionTotal ?? 0m) + deductedFee;
        }
        if (error is not null)
        {
            total = null;
            coin = null;
            deduction = null;
            deductionTotal = null;
        }
        return error;
    }
}
