namespace Bitget.Stream.Models;

/// <summary>
/// One candlestick from Bitget's <c>candle&lt;interval&gt;</c> channels (spot or futures). A push carries one or
/// more rows; each row becomes one candle. Prices and volumes are exact <see cref="decimal"/> values parsed from
/// the exchange's strings (null where the exchange sent an empty value); times are UTC. Property order is the
/// intended CSV column order.
/// </summary>
public sealed class BitgetCandle
{
    /// <summary>The instrument, e.g. <c>BTCUSDT</c> (the push's <c>arg.instId</c>).</summary>
    public string Symbol { get; set; } = "";

    /// <summary>The product type in its v2 spelling, e.g. <c>SPOT</c> or <c>USDT-FUTURES</c>.</summary>
    public string InstType { get; set; } = "";

    /// <summary>The interval as named in the channel, e.g. <c>1m</c> from <c>candle1m</c>, <c>1Dutc</c> from <c>candle1Dutc</c>.</summary>
    public string Interval { get; set; } = "";

    /// <summary>Start of the candle's period (row item 0, epoch ms), UTC.</summary>
    public DateTimeOffset OpenTime { get; set; }

    /// <summary>Opening price (row item 1).</summary>
    public decimal? Open { get; set; }

    /// <summary>Highest price (row item 2).</summary>
    public decimal? High { get; set; }

    /// <summary>Lowest price (row item 3).</summary>
    public decimal? Low { get; set; }

    /// <summary>Closing (latest, while the period is open) price (row item 4).</summary>
    public decimal? Close { get; set; }

    /// <summary>Volume in the base coin (row item 5).</summary>
    public decimal? BaseVolume { get; set; }

    /// <summary>Volume in the quote coin (row item 6); for coin-M futures this is the contract volume ccxt uses.</summary>
    public decimal? QuoteVolume { get; set; }

    /// <summary>Volume in USDT (row item 7); null when the row has no eighth item.</summary>
    public decimal? UsdtVolume { get; set; }

    /// <summary>
    /// True once the candle's period is over: set on the copy the session delivers when the next candle starts (or
    /// when a snapshot shows a newer one), and on the past candles of a snapshot. Live updates carry false.
    /// </summary>
    public bool IsClosed { get; set; }

    /// <summary>
    /// True for the past candles of the snapshot Bitget sends after the first subscribe (history from before the
    /// subscription); Receive-BitgetCandle writes them only with -IncludeHistory.
    /// </summary>
    public bool IsHistory { get; set; }

    /// <summary>When this process received the frame, UTC.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>A copy marked closed (a delivered candle is never changed afterwards).</summary>
    public BitgetCandle ClosedCopy() => new()
    {
        Symbol = Symbol, InstType = InstType, Interval = Interval, OpenTime = OpenTime, Open = Open, High = High, Low = Low,
        Close = Close, BaseVolume = BaseVolume, QuoteVolume = QuoteVolume, UsdtVolume = UsdtVolume, IsClosed = true,
        IsHistory = IsHistory, ReceivedAt = ReceivedAt,
    };

    /// <summary>Whether the prices and volumes equal another candle's (same period assumed).</summary>
    public bool SameValues(BitgetCandle other) =>
        Open == other.Open && High == other.High && Low == other.Low && Close == other.Close && BaseVolume == other.BaseVolume
        && QuoteVolume == other.QuoteVolume && UsdtVolume == other.UsdtVolume;

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape(
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Symbol} {Interval} {OpenTime:O} O {Open} H {High} L {Low} C {Close} V {BaseVolume}"));
}
