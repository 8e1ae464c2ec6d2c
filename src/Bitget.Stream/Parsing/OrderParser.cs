using System.Text.Json;
using Bitget.Stream.Models;
using static Bitget.Stream.Parsing.PrivateFieldReader;

namespace Bitget.Stream.Parsing;

/// <summary>
/// Reads the <c>data</c> array of an <c>orders</c> or <c>orders-algo</c> push (spot and futures fields) into
/// <see cref="BitgetOrder"/> objects from the UTF-8 bytes. Unknown fields are skipped.
/// </summary>
public static class OrderParser
{
    /// <summary>Parses the array the reader stands on; returns why it is unusable, or null.</summary>
    /// <param name="reader">On the array's start; left on its end.</param>
    /// <param name="instType">The push's instType (v2 spelling).</param>
    /// <param name="channel">orders or orders-algo.</param>
    /// <param name="argInstId">The push's <c>arg.instId</c>: the symbol when an item carries none (unless <c>default</c>); an
    /// order naming another symbol is malformed, as is one whose instId is no Bitget symbol.</param>
    /// <param name="receivedAt">Receipt time stamped on every order.</param>
    /// <param name="output">Receives the orders.</param>
    /// <param name="malformed">Notes each known field whose value was malformed; the event is kept with it empty
    /// (null: not noted).</param>
    public static string? ParseArray(ref Utf8JsonReader reader, string instType, string channel, string? argInstId,
        DateTimeOffset receivedAt, List<BitgetOrder> output, MalformedFields? malformed = null)
    {
        var symbol = argInstId is null or "default" ? "" : argInstId;
        return ReadArray(ref reader, "order",
            () => new BitgetOrder { InstType = instType, Channel = channel, Symbol = symbol, ReceivedAt = receivedAt },
            Set, o => o.OrderId.Length == 0 ? "order without orderId"
                : o.Symbol.Length == 0 ? null // an order of the whole account that names no symbol
                : SymbolProblem("order", "instId", o.Symbol, symbol), output, malformed);
    }

    private static string? Set(BitgetOrder o, string name, ref Utf8JsonReader r)
    {
        decimal? d;
        DateTimeOffset? t;
        string? error = null;
        switch (name)
        {
            case "instId": o.Symbol = Text(ref r) ?? o.Symbol; break;
            case "orderId": o.OrderId = Text(ref r) ?? ""; break;
            case "clientOid": o.ClientOrderId = Text(ref r); break;
            case "status": o.Status = Text(ref r) ?? ""; break;
            case "side": o.Side = Text(ref r) ?? ""; break;
            case "orderType": o.OrderType = Text(ref r); break;
            case "force": o.Force = Text(ref r); break;
            case "price": error = Decimal(ref r, out d); o.Price = d; break;
            case "size": error = Decimal(ref r, out d); o.Size = d; break;
            case "priceAvg": error = Decimal(ref r, out d); o.PriceAvg = d; break;
            case "accBaseVolume": error = Decimal(ref r, out d); o.FilledSize = d; break;
            case "fillPrice": error = Decimal(ref r, out d); o.FillPrice = d; break;
            case "baseVolume": error = Decimal(ref r, out d); o.FillSize = d; break;
            case "fillFee": error = Decimal(ref r, out d); o.FillFee = d; break;
            case "fillFeeCoin": o.FillFeeCoin = Text(ref r); break;
            case "tradeId": o.TradeId = Text(ref r); break;
            case "notional": error = Decimal(ref r, out d); o.Notional = d; break;
            case "leverage": error = Decimal(ref r, out d); o.Leverage = d; break;
            case "tradeSide": o.TradeSide = Text(ref r); break;
            case "posSide": o.PosSide = Text(ref r); break;
            case "posMode": o.PosMode = Text(ref r); break;
            case "marginMode": o.MarginMode = Text(ref r); break;
            case "marginCoin": o.MarginCoin = Text(ref r); break;
            case "reduceOnly": o.ReduceOnly = Text(ref r); break;
            case "totalProfits": error = Decimal(ref r, out d); o.TotalProfits = d; break;
            case "cancelReason": o.CancelReason = Text(ref r); break;
            case "triggerPrice": error = Decimal(ref r, out d); o.TriggerPrice = d; break;
            case "triggerType": o.TriggerType = Text(ref r); break;
            case "planType": o.PlanType = Text(ref r); break;
            case "executePrice": error = Decimal(ref r, out d); o.ExecutePrice = d; break;
            case "actualSize": error = Decimal(ref r, out d); o.ActualSize = d; break;
            case "feeDetail":
                error = FeeDetail(ref r, out d, out var coin);
                o.Fee = d;
                o.FeeCoin = coin;
                break;
            case "notionalUsd": error = Decimal(ref r, out d); o.NotionalUsd = d; break;
            case "newSize": error = Decimal(ref r, out d); o.NewSize = d; break;
            case "fillTime": error = Time(ref r, out t); o.FillTime = t; break;
            case "tradeScope": o.TradeScope = Text(ref r); break;
            case "triggerTime": error = Time(ref r, out t); o.TriggerTime = t; break;
            case "enterPointSource": o.EnterPointSource = Text(ref r); break;
            case "stpMode": o.StpMode = Text(ref r); break;
            case "presetStopSurplusPrice": error = Decimal(ref r, out d); o.TakeProfitPrice = d; break;
            case "presetStopSurplusExecutePrice": error = Decimal(ref r, out d); o.TakeProfitLimitPrice = d; break;
            case "presetStopSurplusType":
            case "stopSurplusTriggerType": o.TakeProfitTriggerBy = Text(ref r); break;
            case "presetStopLossPrice": error = Decimal(ref r, out d); o.StopLossPrice = d; break;
            case "presetStopLossExecutePrice": error = Decimal(ref r, out d); o.StopLossLimitPrice = d; break;
            case "presetStopLossType":
            case "stopLossTriggerType": o.StopLossTriggerBy = Text(ref r); break;
            case "cTime": error = Time(ref r, out t); o.CreatedAt = t; break;
            case "uTime": error = Time(ref r, out t); o.UpdatedAt = t; break;
            default: r.Skip(); break;
        }
        return error;
    }
}
