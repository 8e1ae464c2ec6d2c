namespace Bitget.Stream.Models;

/// <summary>
/// One fill (a trade of the user's order) of the private <c>fill</c> channel, spot or futures: exact decimals, UTC times.
/// </summary>
public sealed class BitgetFill
{
    /// <summary>Product type (v2 spelling).</summary>
    public string InstType { get; set; } = "";
    /// <summary>Symbol, e.g. <c>BTCUSDT</c>.</summary>
    public string Symbol { get; set; } = "";
    /// <summary>The trade id.</summary>
    public string TradeId { get; set; } = "";
    /// <summary>The order it filled.</summary>
    public string OrderId { get; set; } = "";
    /// <summary>The client's own order id, if any.</summary>
    public string? ClientOrderId { get; set; }
    /// <summary>buy or sell.</summary>
    public string Side { get; set; } = "";
    /// <summary>limit or market.</summary>
    public string? OrderType { get; set; }
    /// <summary>Fill price (spot <c>priceAvg</c>, futures <c>price</c>).</summary>
    public decimal? Price { get; set; }
    /// <summary>Quantity in base coin (spot <c>size</c>, futures <c>baseVolume</c>).</summary>
    public decimal? Size { get; set; }
    /// <summary>Value in quote coin (spot <c>amount</c>, futures <c>quoteVolume</c>).</summary>
    public decimal? Amount { get; set; }
    /// <summary>Total fee over the fee details (negative: paid).</summary>
    public decimal? Fee { get; set; }
    /// <summary>The fee's coin (the first fee detail's).</summary>
    public string? FeeCoin { get; set; }
    /// <summary>maker or taker.</summary>
    public string? TradeScope { get; set; }
    /// <summary>Futures: realised profit.</summary>
    public decimal? Profit { get; set; }
    /// <summary>Futures: open or close.</summary>
    public string? TradeSide { get; set; }
    /// <summary>Futures: hedge_mode or one_way_mode.</summary>
    public string? PosMode { get; set; }
    /// <summary>When the fill happened (UTC).</summary>
    public DateTimeOffset? CreatedAt { get; set; }
    /// <summary>When it was last updated (UTC).</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>snapshot or update.</summary>
    public string Action { get; set; } = "";
    /// <summary>When the push arrived (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape($"{InstType} {Symbol} {Side} {Size} @ {Price} ({TradeId})");
}
