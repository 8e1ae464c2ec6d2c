namespace Bitget.Stream.Models;

/// <summary>
/// One order event of the private <c>orders</c> or <c>orders-algo</c> channel (spot or futures): amounts as exact
/// decimals, times in UTC. A field the push did not carry is null (spot orders have no leverage, plain orders no trigger).
/// On a Unified (v3) session the same object carries the <c>order</c> topic (as <c>orders</c>) and the
/// <c>strategy-order</c> topic (as <c>orders-algo</c>); a property named "v3" is filled only there.
/// </summary>
public sealed class BitgetOrder
{
    /// <summary>
    /// Product type (v2 spelling), e.g. <c>SPOT</c> or <c>USDT-FUTURES</c>; on v3 the order's <c>category</c> in the same
    /// upper-case spelling (<c>MARGIN</c> for margin orders), or <c>UTA</c> when it carries none.
    /// </summary>
    public string InstType { get; set; } = "";
    /// <summary><c>orders</c>, or <c>orders-algo</c> for plan (trigger) orders.</summary>
    public string Channel { get; set; } = "";
    /// <summary>Symbol, e.g. <c>BTCUSDT</c>.</summary>
    public string Symbol { get; set; } = "";
    /// <summary>The order id.</summary>
    public string OrderId { get; set; } = "";
    /// <summary>The client's own order id, if any.</summary>
    public string? ClientOrderId { get; set; }
    /// <summary>
    /// live, partially_filled, filled, cancelled (plan orders: live, executed, fail_execute, cancelled, …); v3 adds
    /// <c>new</c> (<c>orderStatus</c>), v3 strategy orders: pending, submitting, success, failed, cancelled (<c>status</c>).
    /// </summary>
    public string Status { get; set; } = "";
    /// <summary>buy or sell.</summary>
    public string Side { get; set; } = "";
    /// <summary>limit or market (v3 strategy orders: the type of the order placed when triggered, <c>triggerOrderType</c>).</summary>
    public string? OrderType { get; set; }
    /// <summary>Time in force: gtc, post_only, fok, ioc (v3 <c>timeInForce</c>).</summary>
    public string? Force { get; set; }
    /// <summary>Limit price.</summary>
    public decimal? Price { get; set; }
    /// <summary>Order size (spot market buys: in quote coin); v3 <c>qty</c>.</summary>
    public decimal? Size { get; set; }
    /// <summary>Average fill price (v3 <c>avgPrice</c>).</summary>
    public decimal? PriceAvg { get; set; }
    /// <summary>Filled quantity so far, in base coin (v3 <c>cumExecQty</c>).</summary>
    public decimal? FilledSize { get; set; }
    /// <summary>Price of the latest fill.</summary>
    public decimal? FillPrice { get; set; }
    /// <summary>Quantity of the latest fill.</summary>
    public decimal? FillSize { get; set; }
    /// <summary>Fee of the latest fill (negative: paid).</summary>
    public decimal? FillFee { get; set; }
    /// <summary>Coin of the latest fill's fee.</summary>
    public string? FillFeeCoin { get; set; }
    /// <summary>
    /// Fees on the order so far, summed over its fee details, with the sign the API sends: v2 futures negative when paid;
    /// v3 positive when paid, negative for a rebate (see <see cref="FeeDetails"/> for each coin).
    /// </summary>
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
    /// <summary>Futures: long, short or net (v3 orders <c>holdSide</c>, v3 strategy orders <c>posSide</c>).</summary>
    public string? PosSide { get; set; }
    /// <summary>Futures: hedge_mode or one_way_mode (v3 <c>holdMode</c>).</summary>
    public string? PosMode { get; set; }
    /// <summary>Futures: crossed or isolated.</summary>
    public string? MarginMode { get; set; }
    /// <summary>Futures: margin coin.</summary>
    public string? MarginCoin { get; set; }
    /// <summary>Futures: whether the order only reduces a position (yes/no).</summary>
    public string? ReduceOnly { get; set; }
    /// <summary>Futures: realised profit of the order (v3 <c>totalProfit</c>).</summary>
    public decimal? TotalProfits { get; set; }
    /// <summary>Why it was cancelled, when it was.</summary>
    public string? CancelReason { get; set; }
    /// <summary>Plan orders: trigger price.</summary>
    public decimal? TriggerPrice { get; set; }
    /// <summary>Plan orders: the price that triggers: fill_price or mark_price; v3 strategy orders market or mark (<c>triggerBy</c>).</summary>
    public string? TriggerType { get; set; }
    /// <summary>Plan orders: the plan type (e.g. pl, tp, sl, amount); v3 strategy orders tpsl or trigger (<c>type</c>).</summary>
    public string? PlanType { get; set; }
    /// <summary>Plan orders: the price executed at once triggered (v3 <c>triggerOrderPrice</c>).</summary>
    public decimal? ExecutePrice { get; set; }
    /// <summary>Plan orders: the size actually placed.</summary>
    public decimal? ActualSize { get; set; }
    /// <summary>v3: the order's value in quote coin (<c>amount</c>); null on v2.</summary>
    public decimal? Amount { get; set; }
    /// <summary>v3: the value filled so far, in quote coin (<c>cumExecValue</c>); null on v2.</summary>
    public decimal? FilledValue { get; set; }
    /// <summary>v3: each fee of the order by coin, as sent (<c>feeDetail</c>); null on v2 and when none was sent.</summary>
    public IReadOnlyList<BitgetFeeDetail>? FeeDetails { get; set; }
    /// <summary>Self-trade prevention: none, cancel_taker, cancel_maker or cancel_both (<c>stpMode</c>).</summary>
    public string? StpMode { get; set; }
    /// <summary>v3: who placed the order, e.g. normal (<c>delegateType</c>).</summary>
    public string? DelegateType { get; set; }
    /// <summary>v3: the request id the order was placed with (<c>requestId</c>), as text.</summary>
    public string? RequestId { get; set; }
    /// <summary>v3 strategy orders: takeProfit or stopLoss (<c>triggerType</c>).</summary>
    public string? TpslType { get; set; }
    /// <summary>The take-profit trigger price: v2 the order's preset one (<c>presetStopSurplusPrice</c>), v3 strategy orders <c>takeProfit</c>.</summary>
    public decimal? TakeProfitPrice { get; set; }
    /// <summary>The stop-loss trigger price: v2 the order's preset one (<c>presetStopLossPrice</c>), v3 strategy orders <c>stopLoss</c>.</summary>
    public decimal? StopLossPrice { get; set; }
    /// <summary>
    /// The price that triggers the take-profit: v2 fill_price or mark_price (<c>presetStopSurplusType</c>, plan orders
    /// <c>stopSurplusTriggerType</c>); v3 strategy orders market or mark (<c>tpTriggerBy</c>).
    /// </summary>
    public string? TakeProfitTriggerBy { get; set; }
    /// <summary>
    /// The price that triggers the stop-loss: v2 fill_price or mark_price (<c>presetStopLossType</c>, plan orders
    /// <c>stopLossTriggerType</c>); v3 strategy orders market or mark (<c>slTriggerBy</c>).
    /// </summary>
    public string? StopLossTriggerBy { get; set; }
    /// <summary>v3 strategy orders: limit or market, the take-profit order's type (<c>tpOrderType</c>).</summary>
    public string? TakeProfitOrderType { get; set; }
    /// <summary>v3 strategy orders: limit or market, the stop-loss order's type (<c>slOrderType</c>).</summary>
    public string? StopLossOrderType { get; set; }
    /// <summary>The take-profit order's price: v2 the preset one (<c>presetStopSurplusExecutePrice</c>), v3 strategy orders <c>tpLimitPrice</c>.</summary>
    public decimal? TakeProfitLimitPrice { get; set; }
    /// <summary>The stop-loss order's price: v2 the preset one (<c>presetStopLossExecutePrice</c>), v3 strategy orders <c>slLimitPrice</c>.</summary>
    public decimal? StopLossLimitPrice { get; set; }
    /// <summary>When the order was created (UTC; v3 <c>createdTime</c>).</summary>
    public DateTimeOffset? CreatedAt { get; set; }
    /// <summary>When it last changed (UTC; v3 <c>updatedTime</c>).</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>snapshot or update.</summary>
    public string Action { get; set; } = "";
    /// <summary>When the push arrived (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Whether this is a plan (trigger) order of <c>orders-algo</c>.</summary>
    public bool IsAlgo => Channel == BitgetChannelNames.OrdersAlgo;

    // v2 fields added after the columns above were published: declared last so that CSV files keep their columns' order.

    /// <summary>v2 futures: the order's value in USD (<c>notionalUsd</c>).</summary>
    public decimal? NotionalUsd { get; set; }
    /// <summary>v2 spot: the order quantity by Bitget's rule for <c>newSize</c> (market buys in quote coin, else base coin).</summary>
    public decimal? NewSize { get; set; }
    /// <summary>v2: when the latest fill happened (UTC; <c>fillTime</c>).</summary>
    public DateTimeOffset? FillTime { get; set; }
    /// <summary>v2: whether the latest fill was taker or maker, as sent (e.g. T or M; <c>tradeScope</c>).</summary>
    public string? TradeScope { get; set; }
    /// <summary>v2 plan orders: when the plan was triggered (UTC; <c>triggerTime</c>).</summary>
    public DateTimeOffset? TriggerTime { get; set; }
    /// <summary>v2: where the order was placed from, e.g. API, WEB (<c>enterPointSource</c>).</summary>
    public string? EnterPointSource { get; set; }

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape($"{InstType} {Symbol} {Side} {OrderType} {Size} @ {Price} {Status} ({OrderId})");
}
