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
    public void Decimal(decimal? value) => _csv.WriteField(value?.ToString(CultureInfo.InvariantCulture) ?? "", shouldQuote: false);

    /// <summary>An integer field (empty for null).</summary>
    public void Integer(long? value) => _csv.WriteField(value?.ToString(CultureInfo.InvariantCulture) ?? "", shouldQuote: false);

    /// <summary>A time as ISO 8601 UTC with milliseconds (empty for null).</summary>
    public void Time(DateTimeOffset? value) =>
        _csv.WriteField(value?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) ?? "", shouldQuote: false);

    /// <summary>A time as Unix epoch milliseconds (empty for null): the column a spreadsheet or a script sorts on.</summary>
    public void EpochMilliseconds(DateTimeOffset? value) => Integer(value?.ToUnixTimeMilliseconds());
}
