namespace Bitget.Stream.Models;

/// <summary>
/// One order event of the private <c>orders</c> or <c>orders-algo</c> channel (spot or futures): amounts as exact
/// decimals, times in UTC. A field the push did not carry is null (spot orders have no leverage, plain orders no trigger).
/// </summary>
public sealed class BitgetOrder
{
    /// <summary>Product type (v2 spelling), e.g. <c>SPOT</c> or <c>USDT-FUTURES</c>.</summary>
    public string InstType { get; set; } = "";
    /// <summary><c>orders</c>, or <c>orders-algo</c> for plan (trigger) orders.</summary>
    public string Channel { get; set; } = "";
    /// <summary>Symbol, e.g. <c>BTCUSDT</c>.</summary>
    public string Symbol { get; set; } = "";
    /// <summary>The order id.</summary>
    public string OrderId { get; set; } = "";
    /// <summary>The client's own order id, if any.</summary>
    public string? ClientOrderId { get; set; }
    /// <summary>live, partially_filled, filled, cancelled (plan orders: live, executed, fail_execute, cancelled, …).</summary>
    public string Status { get; set; } = "";
    /// <summary>buy or sell.</summary>
    public string Side { get; set; } = "";
    /// <summary>limit or market.</summary>
    public string? OrderType { get; set; }
    /// <summary>Time in force: gtc, post_only, fok, ioc.</summary>
    public string? Force { get; set; }
    /// <summary>Limit price.</summary>
    public decimal? Price { get; set; }
    /// <summary>Order size (spot market buys: in quote coin).</summary>
    public decimal? Size { get; set; }
    /// <summary>Average fill price.</summary>
    public decimal? PriceAvg { get; set; }
    /// <summary>Filled quantity so far, in base coin.</summary>
    public decimal? FilledSize { get; set; }
    /// <summary>Price of the latest fill.</summary>
    public decimal? FillPrice { get; set; }
    /// <summary>Quantity of the latest fill.</summary>
    public decimal? FillSize { get; set; }
    /// <summary>Fee of the latest fill (negative: paid).</summary>
    public decimal? FillFee { get; set; }
    /// <summary>Coin of the latest fill's fee.</summary>
    public string? FillFeeCoin { get; set; }
    /// <summary>Fees paid on the order so far, summed over its fee details (negative: paid).</summary>
    public decimal? Fee { get; set; }
    /// <summary>The fee's coin (the first fee detail's).</summary>
    public string? FeeCoin { get; set; }
    /// <summary>Trade id of the latest fill.</summary>
    public string? TradeId { get; set; }
    /// <summary>Notional value (spot).</summary>
    public decimal? Notional { get; set; }
    /// <summary>Futures: leverage.</summary>
    public decimal? Leverage { get; set; }
    /// <summary>Futures: open or close.</summary>
    public string? TradeSide { get; set; }
    /// <summary>Futures: long, short or net.</summary>
    public string? PosSide { get; set; }
    /// <summary>Futures: hedge_mode or one_way_mode.</summary>
    public string? PosMode { get; set; }
    /// <summary>Futures: crossed or isolated.</summary>
    public string? MarginMode { get; set; }
    /// <summary>Futures: margin coin.</summary>
    public string? MarginCoin { get; set; }
    /// <summary>Futures: whether the order only reduces a position (yes/no).</summary>
    public string? ReduceOnly { get; set; }
    /// <summary>Futures: realised profit of the order.</summary>
    public decimal? TotalProfits { get; set; }
    /// <summary>Why it was cancelled, when it was.</summary>
    public string? CancelReason { get; set; }
    /// <summary>Plan orders: trigger price.</summary>
    public decimal? TriggerPrice { get; set; }
    /// <summary>Plan orders: fill_price or mark_price.</summary>
    public string? TriggerType { get; set; }
    /// <summary>Plan orders: the plan type (e.g. pl, tp, sl, amount).</summary>
    public string? PlanType { get; set; }
    /// <summary>Plan orders: the price executed at once triggered.</summary>
    public decimal? ExecutePrice { get; set; }
    /// <summary>Plan orders: the size actually placed.</summary>
    public decimal? ActualSize { get; set; }
    /// <summary>When the order was created (UTC).</summary>
    public DateTimeOffset? CreatedAt { get; set; }
    /// <summary>When it last changed (UTC).</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>snapshot or update.</summary>
    public string Action { get; set; } = "";
    /// <summary>When the push arrived (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Whether this is a plan (trigger) order of <c>orders-algo</c>.</summary>
    public bool IsAlgo => Channel == BitgetChannelNames.OrdersAlgo;

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape($"{InstType} {Symbol} {Side} {OrderType} {Size} @ {Price} {Status} ({OrderId})");
}
