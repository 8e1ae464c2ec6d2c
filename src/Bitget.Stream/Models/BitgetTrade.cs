namespace Bitget.Stream.Models;

/// <summary>
/// One public trade from Bitget's <c>trade</c> channel (spot or futures). Price and size are exact
/// <see cref="decimal"/> values parsed from the exchange's strings; times are UTC. Property order is the CSV column order.
/// </summary>
public sealed class BitgetTrade
{
    /// <summary>The instrument, e.g. <c>BTCUSDT</c> (the push's <c>arg.instId</c>).</summary>
    public string Symbol { get; set; } = "";

    /// <summary>The product type in its v2 spelling, e.g. <c>SPOT</c> or <c>USDT-FUTURES</c>.</summary>
    public string InstType { get; set; } = "";

    /// <summary>The exchange's trade id (<c>tradeId</c>), kept as sent: unique per symbol, what duplicates are judged on.</summary>
    public string TradeId { get; set; } = "";

    /// <summary>Trade price (<c>price</c>).</summary>
    public decimal Price { get; set; }

    /// <summary>Trade size in the base coin or contracts (<c>size</c>).</summary>
    public decimal Size { get; set; }

    /// <summary>The taker's side: <c>buy</c> or <c>sell</c>.</summary>
    public string Side { get; set; } = "";

    /// <summary>v3: the execution correlation id (<c>L</c>) that ties the trade's two sides together; null on v2.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>v3: whether a Retail Price Improvement order took part (<c>isRPI</c>); null on v2.</summary>
    public bool? IsRpi { get; set; }

    /// <summary>When the trade happened (<c>ts</c>), UTC.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>When this process received the frame, UTC.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape(
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Symbol} {TradeId} {Side} {Size} @ {Price} {Timestamp:O}"));
}
