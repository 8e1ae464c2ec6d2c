namespace Bitget.Stream.Recording;

/// <summary>The base of a typed CSV row format: a new output type derives from it and lists itself in <see cref="CsvRowFormats"/>.</summary>
/// <typeparam name="T">The output type, e.g. <see cref="Models.BitgetTicker"/>.</typeparam>
public abstract class CsvRowFormat<T> : ICsvRowFormat where T : class
{
    /// <inheritdoc />
    public Type ItemType => typeof(T);

    /// <inheritdoc />
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>Writes the fields of one item in <see cref="Columns"/> order.</summary>
    public abstract void Write(CsvRow row, T item);

    void ICsvRowFormat.Write(CsvRow row, object item) => Write(row, (T)item);
}
