namespace Bitget.Stream.Models;

/// <summary>
/// One balance of the private <c>account</c> channel: a spot coin, or a futures margin coin (with equity and risk).
/// Exact decimals; a field the push did not carry is null.
/// </summary>
public sealed class BitgetAccount
{
    /// <summary>Product type (v2 spelling): <c>SPOT</c> or a futures type.</summary>
    public string InstType { get; set; } = "";
    /// <summary>The coin (spot <c>coin</c>, futures <c>marginCoin</c>).</summary>
    public string Coin { get; set; } = "";
    /// <summary>Available balance.</summary>
    public decimal? Available { get; set; }
    /// <summary>Frozen (in orders).</summary>
    public decimal? Frozen { get; set; }
    /// <summary>Spot: locked.</summary>
    public decimal? Locked { get; set; }
    /// <summary>Spot: restricted availability.</summary>
    public decimal? LimitAvailable { get; set; }
    /// <summary>Futures: equity.</summary>
    public decimal? Equity { get; set; }
    /// <summary>Futures: equity in USDT.</summary>
    public decimal? UsdtEquity { get; set; }
    /// <summary>Futures: largest position that can be opened.</summary>
    public decimal? MaxOpenPosAvailable { get; set; }
    /// <summary>Futures: largest transfer out.</summary>
    public decimal? MaxTransferOut { get; set; }
    /// <summary>Futures: cross margin risk rate.</summary>
    public decimal? CrossedRiskRate { get; set; }
    /// <summary>Futures: unrealised profit.</summary>
    public decimal? UnrealizedPL { get; set; }
    /// <summary>Futures (union margin): total margin.</summary>
    public decimal? UnionTotalMargin { get; set; }
    /// <summary>Futures (union margin): available.</summary>
    public decimal? UnionAvailable { get; set; }
    /// <summary>Futures (union margin): maintenance margin.</summary>
    public decimal? UnionMm { get; set; }
    /// <summary>Futures: single or union.</summary>
    public string? AssetsMode { get; set; }
    /// <summary>Spot: when the balance changed (UTC).</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>snapshot or update.</summary>
    public string Action { get; set; } = "";
    /// <summary>When the push arrived (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape($"{InstType} {Coin} available {Available} frozen {Frozen}");
}
