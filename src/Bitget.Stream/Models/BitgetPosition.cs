namespace Bitget.Stream.Models;

/// <summary>
/// One futures position of the private <c>positions</c> channel, or a closed one of <c>positions-history</c>: amounts as
/// exact decimals, times in UTC; a field the push did not carry is null. On a Unified (v3) session the same object carries
/// the <c>position</c> topic (as <c>positions</c>); a property named "v3" is filled only there.
/// </summary>
public sealed class BitgetPosition
{
    /// <summary>
    /// Product type (v2 spelling), e.g. <c>USDT-FUTURES</c>. v3 positions name none: the position's <c>category</c> when
    /// sent, else COIN-FUTURES for a <c>_CM</c> symbol, USDT-FUTURES or USDC-FUTURES by the margin coin, else <c>UTA</c>.
    /// </summary>
    public string InstType { get; set; } = "";
    /// <summary><c>positions</c>, or <c>positions-history</c> for closed positions.</summary>
    public string Channel { get; set; } = "";
    /// <summary>Symbol, e.g. <c>BTCUSDT</c>.</summary>
    public string Symbol { get; set; } = "";
    /// <summary>The position id (empty on v3, which sends none).</summary>
    public string PositionId { get; set; } = "";
    /// <summary>long or short (net in one-way mode); v3 <c>posSide</c>.</summary>
    public string HoldSide { get; set; } = "";
    /// <summary>Margin coin.</summary>
    public string? MarginCoin { get; set; }
    /// <summary>crossed or isolated.</summary>
    public string? MarginMode { get; set; }
    /// <summary>hedge_mode or one_way_mode (v3 <c>holdMode</c>).</summary>
    public string? PosMode { get; set; }
    /// <summary>Open size (v3 <c>size</c>: available + frozen).</summary>
    public decimal? Total { get; set; }
    /// <summary>Size that can be closed.</summary>
    public decimal? Available { get; set; }
    /// <summary>Size frozen by orders.</summary>
    public decimal? Frozen { get; set; }
    /// <summary>Margin.</summary>
    public decimal? MarginSize { get; set; }
    /// <summary>Average open price (v3 <c>avgPrice</c>).</summary>
    public decimal? OpenPriceAvg { get; set; }
    /// <summary>History: average close price.</summary>
    public decimal? ClosePriceAvg { get; set; }
    /// <summary>History: size opened.</summary>
    public decimal? OpenSize { get; set; }
    /// <summary>History: size closed.</summary>
    public decimal? CloseSize { get; set; }
    /// <summary>Leverage.</summary>
    public decimal? Leverage { get; set; }
    /// <summary>Realised profit (v3 <c>curRealisedPnl</c>).</summary>
    public decimal? AchievedProfits { get; set; }
    /// <summary>Unrealised profit (v3 <c>unrealisedPnl</c>).</summary>
    public decimal? UnrealizedPL { get; set; }
    /// <summary>Unrealised return ratio (v3 <c>profitRate</c>: unrealised profit over initial margin).</summary>
    public decimal? UnrealizedPLR { get; set; }
    /// <summary>Estimated liquidation price (v3 <c>liqPrice</c>).</summary>
    public decimal? LiquidationPrice { get; set; }
    /// <summary>Maintenance margin rate (v3 <c>mmr</c>).</summary>
    public decimal? KeepMarginRate { get; set; }
    /// <summary>Margin rate.</summary>
    public decimal? MarginRate { get; set; }
    /// <summary>Break-even price.</summary>
    public decimal? BreakEvenPrice { get; set; }
    /// <summary>Mark price.</summary>
    public decimal? MarkPrice { get; set; }
    /// <summary>Total fee (funding included).</summary>
    public decimal? TotalFee { get; set; }
    /// <summary>History: funding fees settled.</summary>
    public decimal? SettleFee { get; set; }
    /// <summary>History: opening fee; v3 positions: the opening fees so far (<c>openFeeTotal</c>).</summary>
    public decimal? OpenFee { get; set; }
    /// <summary>History: closing fee; v3 positions: the closing fees so far (<c>closeFeeTotal</c>).</summary>
    public decimal? CloseFee { get; set; }
    /// <summary>v3: opening (still open) or ended (<c>positionStatus</c>); null on v2.</summary>
    public string? PositionStatus { get; set; }
    /// <summary>v3: funding fees over the position's lifetime, 0 when none was charged (<c>totalFundingFee</c>); null on v2.</summary>
    public decimal? TotalFundingFee { get; set; }
    /// <summary>v3: cash dividend (<c>cashDividend</c>); null on v2.</summary>
    public decimal? CashDividend { get; set; }
    /// <summary>When the position was opened (UTC; v3 <c>createdTime</c>).</summary>
    public DateTimeOffset? CreatedAt { get; set; }
    /// <summary>When it last changed (UTC; v3 <c>updatedTime</c>).</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>snapshot or update.</summary>
    public string Action { get; set; } = "";
    /// <summary>When the push arrived (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Whether this is a closed position of <c>positions-history</c>.</summary>
    public bool IsHistory => Channel == BitgetChannelNames.PositionsHistory;

    // v2 fields added after the columns above were published: declared last so that CSV files keep their columns' order.

    /// <summary>v2: the part of <see cref="TotalFee"/> paid by deduction (e.g. in BGB; <c>deductedFee</c>).</summary>
    public decimal? DeductedFee { get; set; }
    /// <summary>v2: the account's asset mode, single or union (<c>assetMode</c>).</summary>
    public string? AssetMode { get; set; }
    /// <summary>v2: whether margin is added automatically, on or off (<c>autoMargin</c>).</summary>
    public string? AutoMargin { get; set; }

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape($"{InstType} {Symbol} {HoldSide} {Total ?? CloseSize} @ {OpenPriceAvg} ({PositionId})");
}
