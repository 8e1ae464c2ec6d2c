using System.Text.Json;
using Bitget.Stream.Models;
using static Bitget.Stream.Parsing.Unified.UnifiedFieldReader;

namespace Bitget.Stream.Parsing.Unified;

/// <summary>
/// Reads the <c>data</c> array of a v3 <c>order</c> push (every product of the Unified account) or <c>strategy-order</c>
/// push (take-profit/stop-loss and trigger orders) into <see cref="BitgetOrder"/> objects from the UTF-8 bytes (spec §3.2).
/// Where a v3 field means what a v2 one does it fills the same property (<c>qty</c> → Size, <c>cumExecQty</c> →
/// FilledSize, <c>avgPrice</c> → PriceAvg, <c>orderStatus</c> → Status, <c>holdSide</c> → PosSide, <c>holdMode</c> →
/// PosMode, <c>timeInForce</c> → Force, <c>createdTime</c> → CreatedAt, …); every other documented field has its own.
/// <c>""</c> is null; a malformed value leaves its property null and is named in <c>badFields</c>. Unknown fields are skipped.
/// </summary>
public static class UnifiedOrderParser
{
    /// <summary>Parses the array the reader stands on; returns why it is structurally malformed, or null.</summary>
    /// <param name="reader">On the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (<c>UTA</c>): an order's when it names no <c>category</c>.</param>
    /// <param name="channel"><c>orders</c> (v3 <c>order</c>) or <c>orders-algo</c> (v3 <c>strategy-order</c>).</param>
    /// <param name="receivedAt">Receipt time stamped on every order.</param>
    /// <param name="output">Receives the orders.</param>
    /// <param name="badFields">Receives <c>"order {field}"</c> for each malformed field; may be null.</param>
    public static string? ParseArray(ref Utf8JsonReader reader, string instType, string channel, DateTimeOffset receivedAt,
        List<BitgetOrder> output, MalformedFields? badFields = null) =>
        ReadItems(ref reader, "order", objectToo: false,
            () => new BitgetOrder { InstType = instType, Channel = channel, ReceivedAt = receivedAt },
            Set, o => Required("order", "orderId", o.OrderId) ?? Symbol("order", "symbol", o.Symbol, required: false), output, badFields);

    private static bool Set(BitgetOrder o, string name, ref Utf8JsonReader r)
    {
        bool ok;
        decimal? d;
        string? s;
        switch (name)
        {
            case "category": ok = Category(ref r, out s); o.InstType = s ?? o.InstType; break;
            case "symbol": ok = Text(ref r, out s); o.Symbol = s ?? ""; break;
            case "orderId": ok = Text(ref r, out s); o.OrderId = s ?? ""; break;
            case "clientOid": ok = Text(ref r, out s); o.ClientOrderId = s; break;
            case "orderStatus": // order
            case "status": // strategy-order
                ok = Text(ref r, out s); o.Status = s ?? ""; break;
            case "side": ok = Text(ref r, out s); o.Side = s ?? ""; break;
            case "orderType": // order
            case "triggerOrderType": // strategy-order: the order placed once triggered
                ok = Text(ref r, out s); o.OrderType = s; break;
            case "timeInForce": ok = Text(ref r, out s); o.Force = s; break;
            case "price": ok = Decimal(ref r, out d); o.Price = d; break;
            case "qty": ok = Decimal(ref r, out d); o.Size = d; break;
            case "amount": ok = Decimal(ref r, out d); o.Amount = d; break;
            case "cumExecQty": ok = Decimal(ref r, out d); o.FilledSize = d; break;
            case "cumExecValue": ok = Decimal(ref r, out d); o.FilledValue = d; break;
            case "avgPrice": ok = Decimal(ref r, out d); o.PriceAvg = d; break;
            case "leverage": ok = Decimal(ref r, out d); o.Leverage = d; break;
            case "tradeSide": ok = Text(ref r, out s); o.TradeSide = s; break;
            case "holdSide": // order
            case "posSide": // strategy-order
                ok = Text(ref r, out s); o.PosSide = s; break;
            case "holdMode": ok = Text(ref r, out s); o.PosMode = s; break;
            case "marginMode": ok = Text(ref r, out s); o.MarginMode = s; break;
            case "marginCoin": ok = Text(ref r, out s); o.MarginCoin = s; break;
            case "reduceOnly": ok = Text(ref r, out s); o.ReduceOnly = s; break;
            case "totalProfit": ok = Decimal(ref r, out d); o.TotalProfits = d; break;
            case "cancelReason": ok = Text(ref r, out s); o.CancelReason = s; break;
            case "stpMode": ok = Text(ref r, out s); o.StpMode = s; break;
            case "delegateType": ok = Text(ref r, out s); o.DelegateType = s; break;
            case "requestId": ok = Text(ref r, out s); o.RequestId = s; break;
            case "feeDetail":
                ok = FeeDetails(ref r, out var fees);
                o.FeeDetails = fees;
                (o.Fee, o.FeeCoin) = Sum(fees);
                break;
            case "createdTime": ok = Time(ref r, out var created); o.CreatedAt = created; break;
            case "updatedTime": ok = Time(ref r, out var updated); o.UpdatedAt = updated; break;
            // strategy-order
            case "type": ok = Text(ref r, out s); o.PlanType = s; break;
            case "triggerType": ok = Text(ref r, out s); o.TpslType = s; break;
            case "triggerBy": ok = Text(ref r, out s); o.TriggerType = s; break;
            case "triggerPrice": ok = Decimal(ref r, out d); o.TriggerPrice = d; break;
            case "triggerOrderPrice": ok = Decimal(ref r, out d); o.ExecutePrice = d; break;
            case "takeProfit": ok = Decimal(ref r, out d); o.TakeProfitPrice = d; break;
            case "stopLoss": ok = Decimal(ref r, out d); o.StopLossPrice = d; break;
            case "tpTriggerBy": ok = Text(ref r, out s); o.TakeProfitTriggerBy = s; break;
            case "slTriggerBy": ok = Text(ref r, out s); o.StopLossTriggerBy = s; break;
            case "tpOrderType": ok = Text(ref r, out s); o.TakeProfitOrderType = s; break;
            case "slOrderType": ok = Text(ref r, out s); o.StopLossOrderType = s; break;
            case "tpLimitPrice": ok = Decimal(ref r, out d); o.TakeProfitLimitPrice = d; break;
            case "slLimitPrice": ok = Decimal(ref r, out d); o.StopLossLimitPrice = d; break;
            default: r.Skip(); ok = true; break;
        }
        return ok;
    }
}
