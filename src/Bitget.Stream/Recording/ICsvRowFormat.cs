namespace Bitget.Stream.Recording;

/// <summary>
/// How one output type becomes a CSV row: its columns in the contract's order and the code that writes an item's
/// fields in that order. One small class per type (see <see cref="CsvRowFormat{T}"/>), listed in
/// <see cref="CsvRowFormats"/>.
/// </summary>
public interface ICsvRowFormat
{
    /// <summary>The type whose items this format writes.</summary>
    Type ItemType { get; }

    /// <summary>The header: one name per column, in row order.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Writes the fields of one item (exactly <see cref="Columns"/> of them), not the end of the row.</summary>
    void Write(CsvRow row, object item);

    /// <summary>
    /// The item's own UTC time, which files it in a daily recording: the exchange's time of the row, else when it was
    /// received. A replay of a capture therefore fills the same daily files as the live run that made it.
    /// </summary>
    DateTimeOffset RowTime(object item);
}
