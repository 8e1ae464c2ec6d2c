namespace Bitget.Stream.Models;

/// <summary>
/// One futures position of the private <c>positions</c> channel, or a closed one of <c>positions-history</c>: amounts as
/// exact decimals, times in UTC; a field the push did not carry is null.
/// </summary>
public sealed class BitgetPosition
{
    /// <summary>Product type (v2 spelling), e.g. <c>USDT-FUTURES</c>.</summary>
    public string InstType { get; set; } = "";
    /// <summary><c>positions</c>, or <c>positions-history</c> for closed positions.</summary>
    public string Channel { get; set; } = "";
    /// <summary>Symbol, e.g. <c>BTCUSDT</c>.</summary>
    public string Symbol { get; set; } = "";
    /// <summary>The position id.</summary>
    public string PositionId { get; set; } = "";
    /// <summary>long or short (net in one-way mode).</summary>
    public string HoldSide { get; set; } = "";
    /// <summary>Margin coin.</summary>
    public string? MarginCoin { get; set; }
    /// <summary>crossed or isolated.</summary>
    public string? MarginMode { get; set; }
    /// <summary>hedge_mode or one_way_mode.</summary>
    public string? PosMode { get; set; }
    /// <summary>Open size.</summary>
    public decimal? Total { get; set; }
    /// <summary>Size that can be closed.</summary>
    public decimal? Available { get; set; }
    /// <summary>Size frozen by orders.</summary>
    public decimal? Frozen { get; set; }
    /// <summary>Margin.</summary>
    public decimal? MarginSize { get; set; }
    /// <summary>Average open price.</summary>
    public decimal? OpenPriceAvg { get; set; }
    /// <summary>History: average close price.</summary>
    public decimal? ClosePriceAvg { get; set; }
    /// <summary>History: size opened.</summary>
    public decimal? OpenSize { get; set; }
    /// <summary>History: size closed.</summary>
    public decimal? CloseSize { get; set; }
    /// <summary>Leverage.</summary>
    public decimal? Leverage { get; set; }
    /// <summary>Realised profit.</summary>
    public decimal? AchievedProfits { get; set; }
    /// <summary>Unrealised profit.</summary>
    public decimal? UnrealizedPL { get; set; }
    /// <summary>Unrealised return ratio.</summary>
    public decimal? UnrealizedPLR { get; set; }
    /// <summary>Estimated liquidation price.</summary>
    public decimal? LiquidationPrice { get; set; }
    /// <summary>Maintenance margin rate.</summary>
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
    /// <summary>History: opening fee.</summary>
    public decimal? OpenFee { get; set; }
    /// <summary>History: closing fee.</summary>
    public decimal? CloseFee { get; set; }
    /// <summary>When the position was opened (UTC).</summary>
    public DateTimeOffset? CreatedAt { get; set; }
    /// <summary>When it last changed (UTC).</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>snapshot or update.</summary>
    public string Action { get; set; } = "";
    /// <summary>When the push arrived (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Whether this is a closed position of <c>positions-history</c>.</summary>
    public bool IsHistory => Channel == BitgetChannelNames.PositionsHistory;

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape($"{InstType} {Symbol} {HoldSide} {Total ?? CloseSize} @ {OpenPriceAvg} ({PositionId})");
}
