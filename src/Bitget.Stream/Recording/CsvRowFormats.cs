namespace Bitget.Stream.Recording;

/// <summary>
/// The CSV row format of every output type the module writes. A new type is one
/// <see cref="CsvRowFormat{T}"/> class and one more entry in this list.
/// </summary>
public static class CsvRowFormats
{
    private static readonly ICsvRowFormat[] s_formats =
    [
        new TickerCsvFormat(),
        new CandleCsvFormat(),
        new TradeCsvFormat(),
        new OrderBookCsvFormat(),
        new RawMessageCsvFormat(),
        new OrderCsvFormat(),
        new PositionCsvFormat(),
        new AccountCsvFormat(),
        new FillCsvFormat(),
        new LiquidationCsvFormat(),
    ];

    /// <summary>Every known format.</summary>
    public static IReadOnlyList<ICsvRowFormat> All => s_formats;

    /// <summary>The names of the types there are formats for, for messages: <c>BitgetTicker, BitgetCandle, …</c>.</summary>
    public static string TypeNames { get; } = string.Join(", ", s_formats.Select(f => f.ItemType.Name));

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
