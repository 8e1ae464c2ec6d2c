using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Bitget.Stream.Recording;

/// <summary>
/// Writes items of one output type as CSV rows through CsvHelper, in the type's <see cref="ICsvRowFormat"/>:
/// invariant culture, "\n" line ends, an optional header. Whole rows go to the <see cref="TextWriter"/>'s buffer;
/// <see cref="Flush"/> between rows never leaves a partial one.
/// </summary>
public sealed class BitgetCsvWriter : IDisposable
{
    private readonly CsvWriter _csv;
    private readonly CsvRow _row;

    /// <summary>Writes to <paramref name="writer"/>, starting with the header row unless told otherwise (appending).</summary>
    public BitgetCsvWriter(TextWriter writer, ICsvRowFormat format, bool writeHeader = true, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Format = format ?? throw new ArgumentNullException(nameof(format));
        _csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen);
        _row = new CsvRow(_csv);
        if (writeHeader)
        {
            foreach (var column in format.Columns)
                _csv.WriteField(column);
            _csv.NextRecord();
        }
    }

    /// <summary>The header line of <paramref name="format"/>, without its line end (column names never need quotes).</summary>
    public static string HeaderLine(ICsvRowFormat format) => string.Join(',', format.Columns);

    /// <summary>The row format.</summary>
    public ICsvRowFormat Format { get; }

    /// <summary>Rows written (without the header).</summary>
    public long Rows { get; private set; }

    /// <summary>Writes one row.</summary>
    /// <exception cref="InvalidCastException"><paramref name="item"/> is not of the format's type.</exception>
    public void Write(object item)
    {
        Format.Write(_row, item);
        _csv.NextRecord();
        Rows++;
    }

    /// <summary>Pushes buffered rows to the underlying writer and flushes it.</summary>
    public void Flush() => _csv.Flush();

    /// <inheritdoc />
    public void Dispose() => _csv.Dispose();
}
