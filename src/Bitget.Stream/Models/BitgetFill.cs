namespace Bitget.Stream.Models;

/// <summary>
/// One fill (a trade of the user's order) of the private <c>fill</c> channel, spot or futures: exact decimals, UTC times.
/// On a Unified (v3) session also of the <c>fast-fill</c> topic (no fee, no value); a property named "v3" is filled only there.
/// </summary>
public sealed class BitgetFill
{
    /// <summary>
    /// Product type (v2 spelling); on v3 the fill's <c>category</c> in the same upper-case spelling (<c>MARGIN</c> for
    /// margin fills), or <c>UTA</c> when it carries none.
    /// </summary>
    public string InstType { get; set; } = "";
    /// <summary><c>fill</c>, or <c>fast-fill</c> for a v3 fast fill.</summary>
    public string Channel { get; set; } = "";
    /// <summary>Symbol, e.g. <c>BTCUSDT</c>.</summary>
    public string Symbol { get; set; } = "";
    /// <summary>The trade id (v3 <c>execId</c>).</summary>
    public string TradeId { get; set; } = "";
    /// <summary>The order it filled.</summary>
    public string OrderId { get; set; } = "";
    /// <summary>The client's own order id, if any.</summary>
    public string? ClientOrderId { get; set; }
    /// <summary>buy or sell.</summary>
    public string Side { get; set; } = "";
    /// <summary>limit or market.</summary>
    public string? OrderType { get; set; }
    /// <summary>Fill price (spot <c>priceAvg</c>, futures <c>price</c>, v3 <c>execPrice</c>).</summary>
    public decimal? Price { get; set; }
    /// <summary>Quantity in base coin (spot <c>size</c>, futures <c>baseVolume</c>, v3 <c>execQty</c>).</summary>
    public decimal? Size { get; set; }
    /// <summary>Value in quote coin (spot <c>amount</c>, futures <c>quoteVolume</c>, v3 <c>execValue</c>; none on fast fills).</summary>
    public decimal? Amount { get; set; }
    /// <summary>
    /// Total fee over the fee details, with the sign the API sends: v2 futures negative when paid; v3 positive when paid,
    /// negative for a rebate (see <see cref="FeeDetails"/> for each coin). None on fast fills.
    /// </summary>
    public decimal? Fee { get; set; }
    /// <summary>The fee's coin (the first fee detail's).</summary>
    public string? FeeCoin { get; set; }
    /// <summary>maker or taker.</summary>
    public string? TradeScope { get; set; }
    /// <summary>Futures: realised profit (v3 <c>execPnl</c>).</summary>
    public decimal? Profit { get; set; }
    /// <summary>Futures: open or close.</summary>
    public string? TradeSide { get; set; }
    /// <summary>Futures: hedge_mode or one_way_mode.</summary>
    public string? PosMode { get; set; }
    /// <summary>v3: long or short, the position the fill belongs to (<c>holdSide</c>); null on v2.</summary>
    public string? HoldSide { get; set; }
    /// <summary>v3: the execution correlation id (<c>execLinkId</c>); null on v2.</summary>
    public string? ExecLinkId { get; set; }
    /// <summary>v3: whether a Retail Price Improvement order took part (<c>isRPI</c>); null on v2.</summary>
    public bool? IsRpi { get; set; }
    /// <summary>v3: each fee of the fill by coin, as sent (<c>feeDetail</c>); null on v2 and on fast fills.</summary>
    public IReadOnlyList<BitgetFeeDetail>? FeeDetails { get; set; }
    /// <summary>When the fill happened (UTC; v3 <c>execTime</c>).</summary>
    public DateTimeOffset? CreatedAt { get; set; }
    /// <summary>When it was last updated (UTC; v3 <c>updatedTime</c>).</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>snapshot or update.</summary>
    public string Action { get; set; } = "";
    /// <summary>When the push arrived (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Whether this is a v3 fast fill (<c>fast-fill</c>).</summary>
    public bool IsFast => Channel == BitgetChannelNames.FastFill;

    // v2 fields added after the columns above were published: declared last so that CSV files keep their columns' order.

    /// <summary>v2: whether the fee was paid by deduction (e.g. in BGB), yes or no (the first fee detail's <c>deduction</c>).</summary>
    public string? FeeDeduction { get; set; }
    /// <summary>v2: the fee paid by deduction, summed over the fee details (<c>totalDeductionFee</c>).</summary>
    public decimal? DeductionFee { get; set; }

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape($"{InstType} {Symbol} {Side} {Size} @ {Price} ({TradeId})");
}
