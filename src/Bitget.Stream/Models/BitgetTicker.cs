namespace Bitget.Stream.Models;

/// <summary>
/// One ticker push from Bitget's <c>ticker</c> channel (spot, USDT-M, coin-M or USDC-M futures).
/// Prices and sizes are exact <see cref="decimal"/> values parsed from the exchange's strings (null where the
/// exchange sent none); times are UTC <see cref="DateTimeOffset"/>. Property order is the CSV column order.
/// </summary>
public sealed class BitgetTicker
{
    /// <summary>The instrument, e.g. <c>BTCUSDT</c> (v2 name, no <c>_UMCBL</c> suffix).</summary>
    public string Symbol { get; set; } = "";

    /// <summary>The product type: <c>SPOT</c>, <c>USDT-FUTURES</c>, <c>COIN-FUTURES</c>, <c>USDC-FUTURES</c> or a demo type.</summary>
    public string InstType { get; set; } = "";

    /// <summary>Last traded price (<c>lastPr</c>).</summary>
    public decimal? LastPrice { get; set; }

    /// <summary>Best bid price (<c>bidPr</c>).</summary>
    public decimal? BidPrice { get; set; }

    /// <summary>Best ask price (<c>askPr</c>).</summary>
    public decimal? AskPrice { get; set; }

    /// <summary>Size at the best bid (<c>bidSz</c>).</summary>
    public decimal? BidSize { get; set; }

    /// <summary>Size at the best ask (<c>askSz</c>).</summary>
    public decimal? AskSize { get; set; }

    /// <summary><see cref="AskPrice"/> minus <see cref="BidPrice"/>; null unless both are known.</summary>
    public decimal? Spread => AskPrice - BidPrice;

    /// <summary>Price 24 hours ago (<c>open24h</c>).</summary>
    public decimal? Open24h { get; set; }

    /// <summary>24-hour high (<c>high24h</c>).</summary>
    public decimal? High24h { get; set; }

    /// <summary>24-hour low (<c>low24h</c>).</summary>
    public decimal? Low24h { get; set; }

    /// <summary>24-hour change as a ratio: 0.01 is +1 % (<c>change24h</c>).</summary>
    public decimal? Change24h { get; set; }

    /// <summary>24-hour volume in the base coin (<c>baseVolume</c>).</summary>
    public decimal? BaseVolume { get; set; }

    /// <summary>24-hour volume in the quote coin (<c>quoteVolume</c>).</summary>
    public decimal? QuoteVolume { get; set; }

    /// <summary>Current funding rate, futures only (<c>fundingRate</c>).</summary>
    public decimal? FundingRate { get; set; }

    /// <summary>Next funding settlement, futures only (<c>nextFundingTime</c>).</summary>
    public DateTimeOffset? NextFundingTime { get; set; }

    /// <summary>Mark price, futures only (<c>markPrice</c>).</summary>
    public decimal? MarkPrice { get; set; }

    /// <summary>Index price, futures only (<c>indexPrice</c>).</summary>
    public decimal? IndexPrice { get; set; }

    /// <summary>Open interest in contracts, futures only (<c>holdingAmount</c>).</summary>
    public decimal? HoldingAmount { get; set; }

    /// <summary>Delivery price, delivery futures only; 0 for perpetuals (<c>deliveryPrice</c>).</summary>
    public decimal? DeliveryPrice { get; set; }

    /// <summary>Price at 00:00 UTC (<c>openUtc</c>).</summary>
    public decimal? OpenUtc { get; set; }

    /// <summary>Change since 00:00 UTC as a ratio, spot only (<c>changeUtc24h</c>).</summary>
    public decimal? ChangeUtc24h { get; set; }

    /// <summary>The exchange's time of this ticker (<c>ts</c>), UTC.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>When this process received the frame, UTC.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    // The three v3 delivery fields are null on every perpetual and spot ticker: kept together behind one reference, so a
    // buffered ticker costs 8 bytes for them instead of 56.
    private DeliveryFields? _delivery;

    /// <summary>v3 delivery futures: when the contract is delivered (null on perpetuals and spot, and on v2).</summary>
    public DateTimeOffset? DeliveryTime
    {
        get => _delivery?.Time;
        set { if (value is not null || _delivery is not null) (_delivery ??= new()).Time = value; }
    }

    /// <summary>v3 delivery futures: when delivery starts.</summary>
    public DateTimeOffset? DeliveryStartTime
    {
        get => _delivery?.StartTime;
        set { if (value is not null || _delivery is not null) (_delivery ??= new()).StartTime = value; }
    }

    /// <summary>v3 delivery futures: <c>delivery_config_period</c>, <c>delivery_normal</c>, <c>delivery_before</c> or <c>delivery_period</c>.</summary>
    public string? DeliveryStatus
    {
        get => _delivery?.Status;
        set { if (value is not null || _delivery is not null) (_delivery ??= new()).Status = value; }
    }

    private sealed class DeliveryFields
    {
        public DateTimeOffset? Time;
        public DateTimeOffset? StartTime;
        public string? Status;
    }

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape(
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Symbol} {LastPrice} ({BidPrice}/{AskPrice}) @ {Timestamp:O}"));
}
