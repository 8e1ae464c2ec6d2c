using Bitget.Stream.Models;

namespace Bitget.Stream.Recording;

/// <summary>
/// <see cref="BitgetFill"/> rows (fills): its properties in contract order, then the epoch milliseconds of its
/// times (<c>CreatedAtMs</c>, <c>UpdatedAtMs</c>, <c>ReceivedAtMs</c>).
/// </summary>
public sealed class FillCsvFormat : CsvRowFormat<BitgetFill>
{
    private static readonly string[] s_columns =
    [
        "InstType", "Channel", "Symbol", "TradeId", "OrderId", "ClientOrderId", "Side", "OrderType", "Price", "Size", "Amount",
        "Fee", "FeeCoin", "TradeScope", "Profit", "TradeSide", "PosMode", "HoldSide", "ExecLinkId", "IsRpi", "FeeDetails", "CreatedAt", "UpdatedAt", "Action",
        "ReceivedAt", "IsFast",
        "FeeDeduction", "DeductionFee",
        "CreatedAtMs", "UpdatedAtMs", "ReceivedAtMs",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => s_columns;

    /// <summary>When it was last updated (<c>UpdatedAt</c>), else when it happened, else when it was received.</summary>
    public override DateTimeOffset RowTime(BitgetFill item) => OwnTimeElse(item.ReceivedAt, item.UpdatedAt, item.CreatedAt);

    /// <inheritdoc />
    public override void Write(CsvRow row, BitgetFill f)
    {
        row.Text(f.InstType);
        row.Text(f.Channel);
        row.Text(f.Symbol);
        row.Text(f.TradeId);
        row.Text(f.OrderId);
        row.Text(f.ClientOrderId);
        row.Text(f.Side);
        row.Text(f.OrderType);
        row.Decimal(f.Price);
        row.Decimal(f.Size);
        row.Decimal(f.Amount);
        row.Decimal(f.Fee);
        row.Text(f.FeeCoin);
        row.Text(f.TradeScope);
        row.Decimal(f.Profit);
        row.Text(f.TradeSide);
        row.Text(f.PosMode);
        row.Text(f.HoldSide);
        row.Text(f.ExecLinkId);
        row.Boolean(f.IsRpi);
        row.FeeDetails(f.FeeDetails);
        row.Time(f.CreatedAt);
        row.Time(f.UpdatedAt);
        row.Text(f.Action);
        row.Time(f.ReceivedAt);
        row.Boolean(f.IsFast);
        row.Text(f.FeeDeduction);
        row.Decimal(f.DeductionFee);
        row.EpochMilliseconds(f.CreatedAt);
        row.EpochMilliseconds(f.UpdatedAt);
        row.EpochMilliseconds(f.ReceivedAt);
    }
}
