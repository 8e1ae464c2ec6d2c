using Bitget.Stream.Models;

namespace Bitget.Stream.Recording;

/// <summary>
/// <see cref="BitgetCandle"/> rows: its properties in contract order, then the epoch milliseconds of its times
/// (<c>OpenTimeMs</c>, <c>ReceivedAtMs</c>). A candle belongs to the day its period starts on.
/// </summary>
public sealed class CandleCsvFormat : CsvRowFormat<BitgetCandle>
{
    private static readonly string[] s_columns =
    [
        "Symbol", "InstType", "Interval", "OpenTime", "Open", "High", "Low", "Close", "BaseVolume", "QuoteVolume", "UsdtVolume",
        "IsClosed", "IsHistory", "ReceivedAt",
        "OpenTimeMs", "ReceivedAtMs",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => s_columns;

    /// <summary>The start of the candle's period, else when it was received.</summary>
    public override DateTimeOffset RowTime(BitgetCandle item) => OwnTimeElse(item.ReceivedAt, item.OpenTime);

    /// <inheritdoc />
    public override void Write(CsvRow row, BitgetCandle c)
    {
        row.Text(c.Symbol);
        row.Text(c.InstType);
        row.Text(c.Interval);
        row.Time(c.OpenTime);
        row.Decimal(c.Open);
        row.Decimal(c.High);
        row.Decimal(c.Low);
        row.Decimal(c.Close);
        row.Decimal(c.BaseVolume);
        row.Decimal(c.QuoteVolume);
        row.Decimal(c.UsdtVolume);
        row.Boolean(c.IsClosed);
        row.Boolean(c.IsHistory);
        row.Time(c.ReceivedAt);
        row.EpochMilliseconds(c.OpenTime);
        row.EpochMilliseconds(c.ReceivedAt);
    }
}
