using Bitget.Stream.Models;

namespace Bitget.Stream.Recording;

/// <summary>
/// <see cref="BitgetAccount"/> rows (balances): its properties in contract order, then the epoch milliseconds of its
/// times (<c>UpdatedAtMs</c>, <c>ReceivedAtMs</c>).
/// </summary>
public sealed class AccountCsvFormat : CsvRowFormat<BitgetAccount>
{
    private static readonly string[] s_columns =
    [
        "InstType", "Coin", "Available", "Frozen", "Locked", "LimitAvailable", "Equity", "UsdtEquity",
        "MaxOpenPosAvailable", "MaxTransferOut", "CrossedRiskRate", "UnrealizedPL", "UnionTotalMargin",
        "UnionAvailable", "UnionMm", "AssetsMode", "Balance", "UsdValue", "Borrow", "Debts", "Bonus", "TotalEquity", "EffectiveEquity", "MaintenanceMargin", "InitialMargin", "MarginRatio", "PositionMarginRatio", "TotalUnrealizedPL", "UpdatedAt", "Action", "ReceivedAt",
        "UpdatedAtMs", "ReceivedAtMs",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => s_columns;

    /// <summary>When the balance changed (<c>UpdatedAt</c>), else when it was received.</summary>
    public override DateTimeOffset RowTime(BitgetAccount item) => OwnTimeElse(item.ReceivedAt, item.UpdatedAt);

    /// <inheritdoc />
    public override void Write(CsvRow row, BitgetAccount a)
    {
        row.Text(a.InstType);
        row.Text(a.Coin);
        row.Decimal(a.Available);
        row.Decimal(a.Frozen);
        row.Decimal(a.Locked);
        row.Decimal(a.LimitAvailable);
        row.Decimal(a.Equity);
        row.Decimal(a.UsdtEquity);
        row.Decimal(a.MaxOpenPosAvailable);
        row.Decimal(a.MaxTransferOut);
        row.Decimal(a.CrossedRiskRate);
        row.Decimal(a.UnrealizedPL);
        row.Decimal(a.UnionTotalMargin);
        row.Decimal(a.UnionAvailable);
        row.Decimal(a.UnionMm);
        row.Text(a.AssetsMode);
        row.Decimal(a.Balance);
        row.Decimal(a.UsdValue);
        row.Decimal(a.Borrow);
        row.Decimal(a.Debts);
        row.Decimal(a.Bonus);
        row.Decimal(a.TotalEquity);
        row.Decimal(a.EffectiveEquity);
        row.Decimal(a.MaintenanceMargin);
        row.Decimal(a.InitialMargin);
        row.Decimal(a.MarginRatio);
        row.Decimal(a.PositionMarginRatio);
        row.Decimal(a.TotalUnrealizedPL);
        row.Time(a.UpdatedAt);
        row.Text(a.Action);
        row.Time(a.ReceivedAt);
        row.EpochMilliseconds(a.UpdatedAt);
        row.EpochMilliseconds(a.ReceivedAt);
    }
}
