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

    /// <summary>The item's own UTC time (see <see cref="ICsvRowFormat.RowTime"/>).</summary>
    public abstract DateTimeOffset RowTime(T item);

    /// <summary>The first of <paramref name="own"/> that is set (a default time counts as unset), else <paramref name="receivedAt"/>.</summary>
    protected static DateTimeOffset OwnTimeElse(DateTimeOffset receivedAt, params ReadOnlySpan<DateTimeOffset?> own)
    {
        foreach (var time in own)
        {
            if (time is { } t && t != default)
                return t;
        }
        return receivedAt;
    }

    void ICsvRowFormat.Write(CsvRow row, object item) => Write(row, (T)item);

    DateTimeOffset ICsvRowFormat.RowTime(object item) => RowTime((T)item);
}
