namespace Bitget.Stream.Models;

/// <summary>
/// The channel names the module knows, in its own spelling (v2's); a v3 session maps them onto v3's topics
/// (<see cref="Protocol.WireDialect"/>).
/// </summary>
public static class BitgetChannelNames
{
    /// <summary>The 24-hour ticker channel.</summary>
    public const string Ticker = "ticker";

    /// <summary>What every candle channel name starts with; the rest is the interval (<c>candle1m</c>, <c>candle1Dutc</c>).</summary>
    public const string CandlePrefix = "candle";

    /// <summary>Public trades: a snapshot of recent trades after every subscribe, then updates.</summary>
    public const string Trade = "trade";

    /// <summary>Full-depth order book: a snapshot, then incremental updates.</summary>
    public const string Books = "books";

    /// <summary>Best bid and ask, a full snapshot every push.</summary>
    public const string Books1 = "books1";

    /// <summary>Five levels a side, a full snapshot every push.</summary>
    public const string Books5 = "books5";

    /// <summary>Fifteen levels a side, a full snapshot every push.</summary>
    public const string Books15 = "books15";

    /// <summary>Fifty levels a side, a full snapshot every push (v3 only).</summary>
    public const string Books50 = "books50";

    /// <summary>True for the order book channels (v2: books, books1, books5, books15; v3: books, books1, books5, books50).</summary>
    public static bool IsOrderBook(string? channel) => channel is Books or Books1 or Books5 or Books15 or Books50;

    /// <summary>Public, v3 futures only: liquidations of every symbol of an instType (the topic has no symbol).</summary>
    public const string Liquidation = "liquidation";

    /// <summary>True for a <c>candle&lt;interval&gt;</c> channel.</summary>
    public static bool IsCandle(string? channel) =>
        channel is not null && channel.Length > CandlePrefix.Length && channel.StartsWith(CandlePrefix, StringComparison.Ordinal);

    /// <summary>Private: the user's orders (spot: per symbol; futures: <c>instId default</c> for all).</summary>
    public const string Orders = "orders";

    /// <summary>Private: plan (trigger) orders.</summary>
    public const string OrdersAlgo = "orders-algo";

    /// <summary>Private: open futures positions (<c>instId default</c>).</summary>
    public const string Positions = "positions";

    /// <summary>Private: closed futures positions (<c>instId default</c>).</summary>
    public const string PositionsHistory = "positions-history";

    /// <summary>Private: balances (spot coins, futures margin coins); the topic carries <c>coin default</c>, not an instId.</summary>
    public const string Account = "account";

    /// <summary>Private: the user's fills (<c>instId default</c> for all symbols).</summary>
    public const string Fill = "fill";

    /// <summary>Private, v3 only: order fills as fast as they happen (no fee, no value; <c>symbol default</c>).</summary>
    public const string FastFill = "fast-fill";

    /// <summary>Public, MARGIN only: the index price of every margin pair (<c>instType MARGIN</c>, <c>instId default</c>).</summary>
    public const string IndexPrice = "index-price";

    /// <summary>True for the channels that exist under <c>MARGIN</c>: index-price (public) and the margin account and orders (private).</summary>
    public static bool IsMargin(string? channel) =>
        channel is IndexPrice or "account-crossed" or "account-isolated" or "orders-crossed" or "orders-isolated";

    /// <summary>True for the private channels the module parses (they need a logged-in connection).</summary>
    public static bool IsPrivate(string? channel) =>
        channel is Orders or OrdersAlgo or Positions or PositionsHistory or Account or Fill or FastFill;
}
