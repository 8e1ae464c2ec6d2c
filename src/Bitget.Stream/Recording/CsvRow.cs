using System.Globalization;
using CsvHelper;

namespace Bitget.Stream.Recording;

/// <summary>
/// The fields of the row being written, in a culture-proof form: decimals in invariant culture with their full scale,
/// times as ISO 8601 UTC with milliseconds (<c>2026-11-24T10:00:00.123Z</c>) or as Unix epoch milliseconds, empty
/// cells for values the exchange did not send. Whatever the current culture, the file reads back identically.
/// </summary>
public sealed class CsvRow
{
    /// <summary>The ISO 8601 form of times: UTC, milliseconds, a Z.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private readonly CsvWriter _csv;

    internal CsvRow(CsvWriter csv) => _csv = csv;

    /// <summary>A text field, quoted when it has to be.</summary>
    public void Text(string? value) => _csv.WriteField(value ?? "");

    /// <summary>A decimal field (empty for null).</summary>
    public void Decimal(decimal? value) => _csv.WriteField(value is { } v ? FormatDecimal(v) : "", shouldQuote: false);

    /// <summary>An integer field (empty for null).</summary>
    public void Integer(long? value) => _csv.WriteField(value?.ToString(CultureInfo.InvariantCulture) ?? "", shouldQuote: false);

    /// <summary>A time as ISO 8601 UTC with milliseconds (empty for null).</summary>
    public void Time(DateTimeOffset? value) => _csv.WriteField(value is { } v ? FormatTime(v) : "", shouldQuote: false);

    /// <summary>A time as Unix epoch milliseconds (empty for null): the column a spreadsheet or a script sorts on.</summary>
    public void EpochMilliseconds(DateTimeOffset? value) => Integer(value?.ToUnixTimeMilliseconds());

    /// <summary>A flag as <c>True</c> or <c>False</c> (what <c>bool.Parse</c> and Export-Csv read and write).</summary>
    public void Boolean(bool value) => _csv.WriteField(value ? "True" : "False", shouldQuote: false);

    /// <summary>Writes <c>True</c>, <c>False</c>, or an empty cell for "not sent".</summary>
    public void Boolean(bool? value) => _csv.WriteField(value is { } v ? (v ? "True" : "False") : "", shouldQuote: false);

    /// <summary>
    /// Writes fees per coin as <c>fee:coin</c> pairs joined by <c>;</c> (<c>0.012:USDT;-0.0001:BNB</c>), an empty cell
    /// for none; each fee exact, as sent.
    /// </summary>
    public void FeeDetails(IReadOnlyList<Models.BitgetFeeDetail>? details)
    {
        if (details is null || details.Count == 0)
        {
            _csv.WriteField("");
            return;
        }
        var text = new System.Text.StringBuilder();
        foreach (var detail in details)
        {
            if (text.Length > 0)
                text.Append(';');
            text.Append(detail.Fee is { } fee ? FormatDecimal(fee) : "").Append(':').Append(detail.Coin);
        }
        _csv.WriteField(text.ToString());
    }

    /// <summary>
    /// Order book levels in one field, best first: <c>price:size</c> pairs joined by <c>;</c>
    /// (<c>27000.5:1.25;26999.0:0.4</c>), each decimal as <see cref="Decimal"/> writes it; empty for no levels.
    /// </summary>
    public void Levels(IReadOnlyList<Models.BitgetBookLevel> levels)
    {
        if (levels.Count == 0)
        {
            _csv.WriteField("", shouldQuote: false);
            return;
        }
        var text = new System.Text.StringBuilder(levels.Count * 24);
        for (var i = 0; i < levels.Count; i++)
        {
            if (i > 0)
                text.Append(';');
            text.Append(FormatDecimal(levels[i].Price)).Append(':').Append(FormatDecimal(levels[i].Size));
        }
        _csv.WriteField(text.ToString(), shouldQuote: false);
    }

    // The recorder's hot path: decimal.ToString and a custom DateTime format cost several times what the digits need
    // (a ticker row has 19 decimals and 3 times). Both produce exactly what ToString(InvariantCulture) and TimeFormat do;
    // CsvRowTests compares them over many values.

    /// <summary>The invariant text of a decimal with its full scale, as <c>ToString(CultureInfo.InvariantCulture)</c>.</summary>
    internal static string FormatDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        // Above 64 bits, or zero (whose sign ToString drops), the framework's formatting is used.
        if (bits[2] != 0 || mantissa == 0)
            return value.ToString(CultureInfo.InvariantCulture);
        var scale = (bits[3] >> 16) & 0xFF;
        Span<char> text = stackalloc char[64];
        var pos = text.Length;
        for (var i = 0; i < scale; i++)
        {
            text[--pos] = (char)('0' + (int)(mantissa % 10));
            mantissa /= 10;
        }
        if (scale > 0)
            text[--pos] = '.';
        do
        {
            text[--pos] = (char)('0' + (int)(mantissa % 10));
            mantissa /= 10;
        }
        while (mantissa != 0);
        if (bits[3] < 0)
            text[--pos] = '-';
        return new string(text[pos..]);
    }

    /// <summary>A time as <see cref="TimeFormat"/> in UTC.</summary>
    internal static string FormatTime(DateTimeOffset value) => string.Create(24, value.UtcDateTime, static (text, t) =>
    {
        Digits(text[..4], t.Year);
        text[4] = '-';
        Digits(text.Slice(5, 2), t.Month);
        text[7] = '-';
        Digits(text.Slice(8, 2), t.Day);
        text[10] = 'T';
        Digits(text.Slice(11, 2), t.Hour);
        text[13] = ':';
        Digits(text.Slice(14, 2), t.Minute);
        text[16] = ':';
        Digits(text.Slice(17, 2), t.Second);
        text[19] = '.';
        Digits(text.Slice(20, 3), t.Millisecond);
        text[23] = 'Z';
    });

    private static void Digits(Span<char> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            text[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
