using System.Text;
using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing.Unified;

/// <summary>
/// Sets one field of a v3 private model from the value the reader stands on, and leaves the reader on that value's last
/// token; false when the value is malformed (the property then stays null).
/// </summary>
internal delegate bool UnifiedFieldSetter<in T>(T item, string name, ref Utf8JsonReader reader);

/// <summary>
/// The reading loop and value readers of the v3 private topics' data. A malformed value never rejects the push: the
/// property stays null and the field is named to the caller (<c>badFields</c>, e.g. <c>"order qty"</c>), because the
/// event itself (an order, a fill) must still reach the user; only a structural problem (not an object, no id) is an
/// error. <c>""</c> reads as null. Field names are compared as strings: private events come a few a second at most.
/// </summary>
internal static class UnifiedFieldReader
{
    /// <summary>
    /// Reads the data the reader is on: an array of objects, or (when <paramref name="objectToo"/>) a single object.
    /// </summary>
    /// <param name="reader">On the data's first token; left on its last.</param>
    /// <param name="what">What an item is, for errors and bad field names (<c>order</c>).</param>
    /// <param name="objectToo">Whether the data may be one object instead of an array (v3 <c>fast-fill</c>).</param>
    /// <param name="create">Makes an item before its fields are read.</param>
    /// <param name="set">Sets one field.</param>
    /// <param name="complete">Finishes an item once its fields are read; returns why it cannot be delivered (a required field
    /// missing, a symbol that is no Bitget symbol: see <see cref="Required"/> and <see cref="Symbol"/>), or null.</param>
    /// <param name="output">Receives the items.</param>
    /// <param name="badFields">Receives <c>"{what} {field}"</c> for each malformed field; may be null.</param>
    /// <returns>Why the data is structurally malformed, or null.</returns>
    public static string? ReadItems<T>(ref Utf8JsonReader reader, string what, bool objectToo, Func<T> create, UnifiedFieldSetter<T> set,
        Func<T, string?> complete, List<T> output, MalformedFields? badFields)
    {
        if (objectToo && reader.TokenType == JsonTokenType.StartObject)
            return ReadItem(ref reader, what, create, set, complete, output, badFields);
        if (reader.TokenType != JsonTokenType.StartArray)
            return objectToo ? $"{what} data is neither an array nor an object" : $"{what} data is not an array";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                return $"{what} data item is not an object";
            if (ReadItem(ref reader, what, create, set, complete, output, badFields) is { } error)
                return error;
        }
        return reader.TokenType == JsonTokenType.EndArray ? null : $"truncated {what} data";
    }

    private static string? ReadItem<T>(ref Utf8JsonReader reader, string what, Func<T> create, UnifiedFieldSetter<T> set,
        Func<T, string?> complete, List<T> output, MalformedFields? badFields)
    {
        var item = create();
        if (ReadFields(ref reader, what, item, set, badFields) is { } error)
            return error;
        if (complete(item) is { } problem)
            return problem;
        output.Add(item);
        return null;
    }

    /// <summary>Why an item lacks a required identity field (<c>order without orderId</c>), or null.</summary>
    public static string? Required(string what, string field, string value) => value.Length == 0 ? $"{what} without {field}" : null;

    /// <summary>
    /// Why a symbol (or coin) cannot name a private event: missing when <paramref name="required"/>, or not a Bitget
    /// symbol (<see cref="Protocol.BitgetSymbolRule"/>: a formula or a line break is never one); null when it can.
    /// </summary>
    public static string? Symbol(string what, string field, string value, bool required = true) =>
        value.Length == 0 ? (required ? $"{what} without {field}" : null)
        : PrivateFieldReader.SymbolProblem(what, field, value, null);

    /// <summary>Reads the fields of the object the reader is on (its <c>{</c>; left on its <c>}</c>) into an item.</summary>
    public static string? ReadFields<T>(ref Utf8JsonReader reader, string what, T item, UnifiedFieldSetter<T> set, MalformedFields? badFields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!set(item, name, ref reader))
                badFields?.Add($"{what} {name}");
        }
        return reader.TokenType == JsonTokenType.EndObject ? null : $"truncated {what}";
    }

    /// <summary>A decimal from a string or number, exact (empty and null: null).</summary>
    public static bool Decimal(ref Utf8JsonReader reader, out decimal? value) =>
        TickerParser.TryReadDecimal(ref reader, out value) || Malformed(ref reader);

    /// <summary>Epoch milliseconds (string or number) as a UTC time (empty and null: null).</summary>
    public static bool Time(ref Utf8JsonReader reader, out DateTimeOffset? value) =>
        TickerParser.TryReadTime(ref reader, out value) || Malformed(ref reader);

    /// <summary>A string; a number is taken as its text (a numeric <c>requestId</c>); empty and null are null.</summary>
    public static bool Text(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => null,
        };
        if (value is { Length: 0 })
            value = null;
        return reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || Malformed(ref reader);
    }

    /// <summary>A v3 flag: <c>yes</c>/<c>no</c> (or <c>true</c>/<c>false</c>, as text or JSON), case-insensitively.</summary>
    public static bool YesNo(ref Utf8JsonReader reader, out bool? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return true;
            case JsonTokenType.False:
                value = false;
                return true;
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.Equals(text, "yes", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
                    value = true;
                else if (string.Equals(text, "no", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
                    value = false;
                return value is not null || text is { Length: 0 };
            default:
                return Malformed(ref reader);
        }
    }

    /// <summary>
    /// A v3 <c>category</c> as the module's instType: compared case-insensitively (samples send both <c>usdt-futures</c> and
    /// <c>USDT-FUTURES</c>), shown in the upper-case spelling; an unknown one upper-cased, so both spellings still agree.
    /// </summary>
    public static bool Category(ref Utf8JsonReader reader, out string? instType)
    {
        instType = null;
        if (!Text(ref reader, out var text))
            return false;
        if (text is null)
            return true;
        foreach (var known in s_categories)
        {
            if (string.Equals(known, text, StringComparison.OrdinalIgnoreCase))
            {
                instType = known;
                return true;
            }
        }
        instType = text.ToUpperInvariant();
        return true;
    }

    private static readonly string[] s_categories =
        [BitgetInstTypes.UsdtFutures, BitgetInstTypes.Spot, BitgetInstTypes.CoinFutures, BitgetInstTypes.UsdcFutures, BitgetInstTypes.Margin];

    /// <summary>
    /// A v3 <c>feeDetail</c>: a list of <c>{feeCoin, fee}</c> (one object alone is taken as a list of one); <c>""</c> and
    /// null are null. Malformed anywhere: null, and the whole value is read past.
    /// </summary>
    public static bool FeeDetails(ref Utf8JsonReader reader, out IReadOnlyList<BitgetFeeDetail>? fees)
    {
        fees = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                return reader.GetString() is { Length: 0 };
            case JsonTokenType.StartObject:
                var single = new BitgetFeeDetail();
                if (!FeeDetail(ref reader, single))
                    return false;
                fees = [single];
                return true;
            case JsonTokenType.StartArray:
                var list = new List<BitgetFeeDetail>(1);
                var ok = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        ok = Malformed(ref reader);
                        continue;
                    }
                    var fee = new BitgetFeeDetail();
                    ok &= FeeDetail(ref reader, fee);
                    list.Add(fee);
                }
                if (ok)
                    fees = list;
                return ok;
            default:
                return Malformed(ref reader);
        }
    }

    // One {feeCoin, fee} object, read to its end whatever it holds.
    private static bool FeeDetail(ref Utf8JsonReader reader, BitgetFeeDetail fee)
    {
        var ok = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "feeCoin":
                    ok &= Text(ref reader, out var coin);
                    fee.Coin = coin;
                    break;
                case "fee":
                    ok &= Decimal(ref reader, out var amount);
                    fee.Fee = amount;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return ok;
    }

    /// <summary>The fees summed (null when none has an amount) and the first coin named, as v2's fee properties hold them.</summary>
    public static (decimal? Total, string? Coin) Sum(IReadOnlyList<BitgetFeeDetail>? fees)
    {
        decimal? total = null;
        string? coin = null;
        if (fees is null)
            return (null, null);
        foreach (var fee in fees)
        {
            coin ??= fee.Coin;
            if (fee.Fee is not { } amount)
                continue;
            try
            {
                total = (total ?? 0m) + amount;
            }
            catch (OverflowException)
            {
                return (null, coin); // no meaningful total; FeeDetails still has each fee
            }
        }
        return (total, coin);
    }

    // A malformed value: read past it (a container to its end) so that the next field is read; always false.
    private static bool Malformed(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            reader.Skip();
        return false;
    }
}
