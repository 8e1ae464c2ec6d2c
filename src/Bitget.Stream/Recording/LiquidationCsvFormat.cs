using Bitget.Stream.Models;

namespace Bitget.Stream.Recording;

/// <summary>
/// <see cref="BitgetLiquidation"/> rows (Unified API): its properties in contract order, then the epoch milliseconds of
/// its times (<c>TimestampMs</c>, <c>ReceivedAtMs</c>).
/// </summary>
public sealed class LiquidationCsvFormat : CsvRowFormat<BitgetLiquidation>
{
    private static readonly string[] s_columns =
    [
        "Symbol", "InstType", "Side", "Price", "Amount", "Timestamp", "ReceivedAt", "TimestampMs", "ReceivedAtMs",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => s_columns;

    /// <summary>When the liquidation happened, else when it was received.</summary>
    public override DateTimeOffset RowTime(BitgetLiquidation item) => OwnTimeElse(item.ReceivedAt, item.Timestamp);

    /// <inheritdoc />
    public override void Write(CsvRow row, BitgetLiquidation l)
    {
        row.Text(l.Symbol);
        row.Text(l.InstType);
        row.Text(l.Side);
        row.Decimal(l.Price);
        row.Decimal(l.Amount);
        row.Time(l.Timestamp);
        row.Time(l.ReceivedAt);
        row.EpochMilliseconds(l.Timestamp);
        row.EpochMilliseconds(l.ReceivedAt);
    }
}
