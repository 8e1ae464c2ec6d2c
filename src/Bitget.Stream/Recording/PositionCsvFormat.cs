using Bitget.Stream.Models;

namespace Bitget.Stream.Recording;

/// <summary>
/// <see cref="BitgetPosition"/> rows (positions, and closed ones of <c>positions-history</c>): its properties in contract
/// order, then the epoch milliseconds of its times (<c>CreatedAtMs</c>, <c>UpdatedAtMs</c>, <c>ReceivedAtMs</c>).
/// </summary>
public sealed class PositionCsvFormat : CsvRowFormat<BitgetPosition>
{
    private static readonly string[] s_columns =
    [
        "InstType", "Channel", "Symbol", "PositionId", "HoldSide", "MarginCoin", "MarginMode", "PosMode", "Total",
        "Available", "Frozen", "MarginSize", "OpenPriceAvg", "ClosePriceAvg", "OpenSize", "CloseSize", "Leverage",
        "AchievedProfits", "UnrealizedPL", "UnrealizedPLR", "LiquidationPrice", "KeepMarginRate", "MarginRate",
        "BreakEvenPrice", "MarkPrice", "TotalFee", "SettleFee", "OpenFee", "CloseFee", "PositionStatus", "TotalFundingFee", "CashDividend", "CreatedAt", "UpdatedAt",
        "Action", "ReceivedAt", "IsHistory",
        "DeductedFee", "AssetMode", "AutoMargin",
        "CreatedAtMs", "UpdatedAtMs", "ReceivedAtMs",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => s_columns;

    /// <summary>When it last changed (<c>UpdatedAt</c>), else when it was opened, else when it was received.</summary>
    public override DateTimeOffset RowTime(BitgetPosition item) => OwnTimeElse(item.ReceivedAt, item.UpdatedAt, item.CreatedAt);

    /// <inheritdoc />
    public override void Write(CsvRow row, BitgetPosition p)
    {
        row.Text(p.InstType);
        row.Text(p.Channel);
        row.Text(p.Symbol);
        row.Text(p.PositionId);
        row.Text(p.HoldSide);
        row.Text(p.MarginCoin);
        row.Text(p.MarginMode);
        row.Text(p.PosMode);
        row.Decimal(p.Total);
        row.Decimal(p.Available);
        row.Decimal(p.Frozen);
        row.Decimal(p.MarginSize);
        row.Decimal(p.OpenPriceAvg);
        row.Decimal(p.ClosePriceAvg);
        row.Decimal(p.OpenSize);
        row.Decimal(p.CloseSize);
        row.Decimal(p.Leverage);
        row.Decimal(p.AchievedProfits);
        row.Decimal(p.UnrealizedPL);
        row.Decimal(p.UnrealizedPLR);
        row.Decimal(p.LiquidationPrice);
        row.Decimal(p.KeepMarginRate);
        row.Decimal(p.MarginRate);
        row.Decimal(p.BreakEvenPrice);
        row.Decimal(p.MarkPrice);
        row.Decimal(p.TotalFee);
        row.Decimal(p.SettleFee);
        row.Decimal(p.OpenFee);
        row.Decimal(p.CloseFee);
        row.Text(p.PositionStatus);
        row.Decimal(p.TotalFundingFee);
        row.Decimal(p.CashDividend);
        row.Time(p.CreatedAt);
        row.Time(p.UpdatedAt);
        row.Text(p.Action);
        row.Time(p.ReceivedAt);
        row.Boolean(p.IsHistory);
        row.Decimal(p.DeductedFee);
        row.Text(p.AssetMode);
        row.Text(p.AutoMargin);
        row.EpochMilliseconds(p.CreatedAt);
        row.EpochMilliseconds(p.UpdatedAt);
        row.EpochMilliseconds(p.ReceivedAt);
    }
}
