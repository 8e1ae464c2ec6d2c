using Bitget.Stream.Models;

namespace Bitget.Stream.Recording;

/// <summary>
/// <see cref="BitgetTrade"/> rows: its properties in contract order, then the epoch milliseconds of its times
/// (<c>TimestampMs</c>, <c>ReceivedAtMs</c>).
/// </summary>
public sealed class TradeCsvFormat : CsvRowFormat<BitgetTrade>
{
    private static readonly string[] s_columns =
    [
        "Symbol", "InstType", "TradeId", "Price", "Size", "Side", "CorrelationId", "IsRpi", "Timestamp", "ReceivedAt",
        "TimestampMs", "ReceivedAtMs",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => s_columns;

    /// <summary>When the trade happened, else when it was received.</summary>
    public override DateTimeOffset RowTime(BitgetTrade item) => OwnTimeElse(item.ReceivedAt, item.Timestamp);

    /// <inheritdoc />
    public override void Write(CsvRow row, BitgetTrade t)
    {
        row.Text(t.Symbol);
        row.Text(t.InstType);
        row.Text(t.TradeId);
        row.Decimal(t.Price);
        row.Decimal(t.Size);
        row.Text(t.Side);
        row.Text(t.CorrelationId);
        row.Boolean(t.IsRpi);
        row.Time(t.Timestamp);
        row.Time(t.ReceivedAt);
        row.EpochMilliseconds(t.Timestamp);
        row.EpochMilliseconds(t.ReceivedAt);
    }
}
