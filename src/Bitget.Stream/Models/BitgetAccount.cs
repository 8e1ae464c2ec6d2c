namespace Bitget.Stream.Models;

/// <summary>
/// One balance of the private <c>account</c> channel: a spot coin, or a futures margin coin (with equity and risk).
/// Exact decimals; a field the push did not carry is null. On a Unified (v3) session one object per coin of the
/// account-wide <c>account</c> topic, each carrying the account's totals (<see cref="TotalEquity"/>,
/// <see cref="MarginRatio"/>, …); a property named "v3" is filled only there.
/// </summary>
public sealed class BitgetAccount
{
    /// <summary>Product type (v2 spelling): <c>SPOT</c> or a futures type; <c>UTA</c> on v3 (one account for every product).</summary>
    public string InstType { get; set; } = "";
    /// <summary>The coin (spot <c>coin</c>, futures <c>marginCoin</c>).</summary>
    public string Coin { get; set; } = "";
    /// <summary>Available balance.</summary>
    public decimal? Available { get; set; }
    /// <summary>Frozen (in orders).</summary>
    public decimal? Frozen { get; set; }
    /// <summary>Spot: locked (v3: locked by spot orders).</summary>
    public decimal? Locked { get; set; }
    /// <summary>Spot: restricted availability.</summary>
    public decimal? LimitAvailable { get; set; }
    /// <summary>Futures: equity; v3: the coin's equity (<c>equity</c>).</summary>
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
    /// <summary>v3: the coin's balance (<c>balance</c>); null on v2.</summary>
    public decimal? Balance { get; set; }
    /// <summary>v3: the coin's value in USD (<c>usdValue</c>); null on v2.</summary>
    public decimal? UsdValue { get; set; }
    /// <summary>v3: borrowed amount of the coin (<c>borrow</c>); null on v2.</summary>
    public decimal? Borrow { get; set; }
    /// <summary>v3: debt in the coin, margin trading only (<c>debts</c>); null on v2.</summary>
    public decimal? Debts { get; set; }
    /// <summary>v3: bonus of the coin (<c>bonus</c>); null on v2.</summary>
    public decimal? Bonus { get; set; }
    /// <summary>v3 account total: the account's equity in USD (<c>totalEquity</c>); null on v2.</summary>
    public decimal? TotalEquity { get; set; }
    /// <summary>v3 account total: effective margin in USD, what cross margin can use (<c>effEquity</c>); null on v2.</summary>
    public decimal? EffectiveEquity { get; set; }
    /// <summary>v3 account total: maintenance margin in USD (<c>mmr</c>); null on v2.</summary>
    public decimal? MaintenanceMargin { get; set; }
    /// <summary>v3 account total: initial margin in USD (<c>imr</c>); null on v2.</summary>
    public decimal? InitialMargin { get; set; }
    /// <summary>v3 account total: the margin ratio (<c>mgnRatio</c>); null on v2.</summary>
    public decimal? MarginRatio { get; set; }
    /// <summary>v3 account total: the positions' margin ratio (<c>positionMgnRatio</c>); null on v2.</summary>
    public decimal? PositionMarginRatio { get; set; }
    /// <summary>v3 account total: unrealised profit of the account (<c>unrealisedPnL</c>); null on v2.</summary>
    public decimal? TotalUnrealizedPL { get; set; }
    /// <summary>Spot: when the balance changed (UTC).</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>snapshot or update.</summary>
    public string Action { get; set; } = "";
    /// <summary>When the push arrived (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape($"{InstType} {Coin} available {Available} frozen {Frozen}");
}
