using Bitget.Stream.Models;

namespace Bitget.Stream.Recording;

/// <summary>
/// <see cref="BitgetOrder"/> rows (orders, and plan orders of <c>orders-algo</c>): its properties in contract order, then the
/// epoch milliseconds of its times (<c>CreatedAtMs</c>, <c>UpdatedAtMs</c>, <c>ReceivedAtMs</c>, <c>FillTimeMs</c>,
/// <c>TriggerTimeMs</c>).
/// </summary>
public sealed class OrderCsvFormat : CsvRowFormat<BitgetOrder>
{
    private static readonly string[] s_columns =
    [
        "InstType", "Channel", "Symbol", "OrderId", "ClientOrderId", "Status", "Side", "OrderType", "Force", "Price",
        "Size", "PriceAvg", "FilledSize", "FillPrice", "FillSize", "FillFee", "FillFeeCoin", "Fee", "FeeCoin",
        "TradeId", "Notional", "Leverage", "TradeSide", "PosSide", "PosMode", "MarginMode", "MarginCoin",
        "ReduceOnly", "TotalProfits", "CancelReason", "TriggerPrice", "TriggerType", "PlanType", "ExecutePrice",
        "ActualSize", "Amount", "FilledValue", "FeeDetails", "StpMode", "DelegateType", "RequestId", "TpslType", "TakeProfitPrice", "StopLossPrice", "TakeProfitTriggerBy", "StopLossTriggerBy", "TakeProfitOrderType", "StopLossOrderType", "TakeProfitLimitPrice", "StopLossLimitPrice", "CreatedAt", "UpdatedAt", "Action", "ReceivedAt", "IsAlgo",
        "NotionalUsd", "NewSize", "FillTime", "TradeScope", "TriggerTime", "EnterPointSource",
        "CreatedAtMs", "UpdatedAtMs", "ReceivedAtMs", "FillTimeMs", "TriggerTimeMs",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => s_columns;

    /// <summary>When it last changed (<c>UpdatedAt</c>), else when it was created, else when it was received.</summary>
    public override DateTimeOffset RowTime(BitgetOrder item) => OwnTimeElse(item.ReceivedAt, item.UpdatedAt, item.CreatedAt);

    /// <inheritdoc />
    public override void Write(CsvRow row, BitgetOrder o)
    {
        row.Text(o.InstType);
        row.Text(o.Channel);
        row.Text(o.Symbol);
        row.Text(o.OrderId);
        row.Text(o.ClientOrderId);
        row.Text(o.Status);
        row.Text(o.Side);
        row.Text(o.OrderType);
        row.Text(o.Force);
        row.Decimal(o.Price);
        row.Decimal(o.Size);
        row.Decimal(o.PriceAvg);
        row.Decimal(o.FilledSize);
        row.Decimal(o.FillPrice);
        row.Decimal(o.FillSize);
        row.Decimal(o.FillFee);
        row.Text(o.FillFeeCoin);
        row.Decimal(o.Fee);
        row.Text(o.FeeCoin);
        row.Text(o.TradeId);
        row.Decimal(o.Notional);
        row.Decimal(o.Leverage);
        row.Text(o.TradeSide);
        row.Text(o.PosSide);
        row.Text(o.PosMode);
        row.Text(o.MarginMode);
        row.Text(o.MarginCoin);
        row.Text(o.ReduceOnly);
        row.Decimal(o.TotalProfits);
        row.Text(o.CancelReason);
        row.Decimal(o.TriggerPrice);
        row.Text(o.TriggerType);
        row.Text(o.PlanType);
        row.Decimal(o.ExecutePrice);
        row.Decimal(o.ActualSize);
        row.Decimal(o.Amount);
        row.Decimal(o.FilledValue);
        row.FeeDetails(o.FeeDetails);
        row.Text(o.StpMode);
        row.Text(o.DelegateType);
        row.Text(o.RequestId);
        row.Text(o.TpslType);
        row.Decimal(o.TakeProfitPrice);
        row.Decimal(o.StopLossPrice);
        row.Text(o.TakeProfitTriggerBy);
        row.Text(o.StopLossTriggerBy);
        row.Text(o.TakeProfitOrderType);
        row.Text(o.StopLossOrderType);
        row.Decimal(o.TakeProfitLimitPrice);
        row.Decimal(o.StopLossLimitPrice);
        row.Time(o.CreatedAt);
        row.Time(o.UpdatedAt);
        row.Text(o.Action);
        row.Time(o.ReceivedAt);
        row.Boolean(o.IsAlgo);
        row.Decimal(o.NotionalUsd);
        row.Decimal(o.NewSize);
        row.Time(o.FillTime);
        row.Text(o.TradeScope);
        row.Time(o.TriggerTime);
        row.Text(o.EnterPointSource);
        row.EpochMilliseconds(o.CreatedAt);
        row.EpochMilliseconds(o.UpdatedAt);
        row.EpochMilliseconds(o.ReceivedAt);
        row.EpochMilliseconds(o.FillTime);
        row.EpochMilliseconds(o.TriggerTime);
    }
}
