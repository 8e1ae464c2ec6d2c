namespace Bitget.Stream.Models;

/// <summary>
/// One forced liquidation from v3's <c>liquidation</c> stream (Unified API, futures only). Price and amount are exact
/// decimals, as Bitget sent them.
/// </summary>
public sealed class BitgetLiquidation
{
    /// <summary>The liquidated contract, e.g. <c>BTCUSDT</c>.</summary>
    public string Symbol { get; set; } = "";

    /// <summary>The product type, e.g. <c>USDT-FUTURES</c>.</summary>
    public string InstType { get; set; } = "";

    /// <summary><c>buy</c>: a long position was liquidated; <c>sell</c>: a short position was.</summary>
    public string Side { get; set; } = "";

    /// <summary>The liquidation price.</summary>
    public decimal? Price { get; set; }

    /// <summary>The liquidation amount, as Bitget sends it (its unit is not documented).</summary>
    public decimal? Amount { get; set; }

    /// <summary>When the liquidation happened (exchange time, UTC).</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>When the module received it (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{InstType} {Symbol} {Side} {Price?.ToString(System.Globalization.CultureInfo.InvariantCulture)} x {Amount?.ToString(System.Globalization.CultureInfo.InvariantCulture)} at {Timestamp:O}";
}
