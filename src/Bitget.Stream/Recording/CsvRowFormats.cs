namespace Bitget.Stream.Recording;

/// <summary>The CSV row format of every output type the module writes; a new type is one more entry here.</summary>
public static class CsvRowFormats
{
    private static readonly ICsvRowFormat[] s_formats =
    [
        new TickerCsvFormat(),
    ];

    /// <summary>Every known format.</summary>
    public static IReadOnlyList<ICsvRowFormat> All => s_formats;

    /// <summary>The format for items of <paramref name="type"/> (or a type it derives from); null when there is none.</summary>
    public static ICsvRowFormat? Find(Type type)
    {
        foreach (var format in s_formats)
        {
            if (format.ItemType == type)
                return format;
        }
        foreach (var format in s_formats)
        {
            if (format.ItemType.IsAssignableFrom(type))
                return format;
        }
        return null;
    }
}
