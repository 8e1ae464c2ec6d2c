using System.Collections.Concurrent;
using System.Globalization;

namespace Bitget.MockExchange;

/// <summary>
/// One coin's market in the mock, from <see cref="Table"/>: its price level and decimals, its 24-hour open, volume and
/// funding rate, the size of its orders, and its own price moves. Every generator (tickers, candles, trades, books,
/// liquidations, on both APIs and every instType) reads its prices here, so a symbol shows one price everywhere and two
/// symbols never move alike. Prices stay within <see cref="Bound"/> (about 0.3 %) of <see cref="Units"/>: tickers move
/// with their push number, candles, trades and liquidations with the time, books sit around the level.
/// </summary>
internal sealed class MarketProfile
{
    /// <summary>
    /// The coins the mock knows, at plausible levels (not live data): last price, 24-hour open (so the 24-hour change is a
    /// few percent either way), 24-hour volume in coins, the size of a typical order in units of 0.001 coin, funding rate.
    /// A coin's USDT pair, spot and futures, its Coin-M <c>…USD</c> and its USDC <c>…PERP</c> share its profile.
    /// </summary>
    private static readonly Dictionary<string, MarketProfile> Table = new(StringComparer.Ordinal)
    {
        ["BTC"] = new("BTC", "91240.50", "90118.20", 128_450, 1, "0.000100"),
        ["ETH"] = new("ETH", "3128.46", "3164.90", 1_864_200, 10, "0.000075"),
        ["SOL"] = new("SOL", "142.318", "138.905", 9_512_000, 100, "-0.000021"),
        ["XRP"] = new("XRP", "2.1834", "2.2262", 412_800_000, 10_000, "0.000050"),
        ["DOGE"] = new("DOGE", "0.15832", "0.15741", 3_215_000_000, 100_000, "0.000100"),
    };

    // Coins outside the table, made once each (only symbols the mock accepts get here).
    private static readonly ConcurrentDictionary<string, MarketProfile> Others = new(StringComparer.Ordinal);

    private MarketProfile(string coin, string last, string open24h, long volume, long sizeScale, string fundingRate)
    {
        Decimals = last.Length - last.IndexOf('.', StringComparison.Ordinal) - 1;
        Units = long.Parse(last.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Open24hUnits = long.Parse(open24h.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Volume = volume;
        SizeScale = sizeScale;
        FundingRateUnits = long.Parse(fundingRate.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

        // The moves: a slow swing of ±0.25 % and a quick one of an eighth of it, their periods and phases the coin's own.
        var h = Hash(coin);
        Amplitude = Math.Max(8, Units / 400);
        PushCycle = 600 + (long)(h % 400);
        PushPhase = (long)(h >> 10) % PushCycle;
        QuickPushCycle = 14 + (long)((h >> 20) % 13);
        TimeCycleMs = (7 * 60_000) + (long)((h >> 30) % 300_000);
        TimePhaseMs = (long)(h >> 40) % TimeCycleMs;
        QuickTimeCycleMs = 20_000 + (long)((h >> 12) % 20_000);
        var bound = Bound;
        High24hUnits = Math.Max(Open24hUnits, Units + bound) + (bound / 2);
        Low24hUnits = Math.Min(Open24hUnits, Units - bound) - (bound / 2);

        // Book levels a ten-thousandth of the price apart, rounded down to a power of ten (BTC 1.00, ETH 0.10, XRP 0.0001).
        BookTick = 1;
        while (BookTick * 100_000 <= Units)
        {
            BookTick *= 10;
        }
    }

    /// <summary>The reference price in units of 10^-<see cref="Decimals"/>: every price of the coin stays near it.</summary>
    public long Units { get; }

    /// <summary>Price decimals (as the table writes the price: BTC 2, SOL 3, DOGE 5).</summary>
    public int Decimals { get; }

    /// <summary>The 24-hour open, in price units.</summary>
    public long Open24hUnits { get; }

    /// <summary>The 24-hour high and low, in price units: beyond every price the coin reaches, and the open.</summary>
    public long High24hUnits { get; }

    /// <inheritdoc cref="High24hUnits"/>
    public long Low24hUnits { get; }

    /// <summary>24-hour volume in coins.</summary>
    public long Volume { get; }

    /// <summary>A typical order size in units of 0.001 coin (BTC 1 = 0.001 BTC, DOGE 100000 = 100 DOGE).</summary>
    public long SizeScale { get; }

    /// <summary>The funding rate in units of 10^-6.</summary>
    public long FundingRateUnits { get; }

    /// <summary>The distance between two order book price levels, in price units.</summary>
    public long BookTick { get; }

    /// <summary>How far from <see cref="Units"/> a price goes at most (both swings at their peak).</summary>
    public long Bound => Amplitude + (Amplitude / 8);

    private long Amplitude { get; }

    private long PushCycle { get; }

    private long PushPhase { get; }

    private long QuickPushCycle { get; }

    private long TimeCycleMs { get; }

    private long TimePhaseMs { get; }

    private long QuickTimeCycleMs { get; }

    /// <summary>
    /// The profile of a symbol in v2 spelling (<c>BTCUSDT</c>, <c>BTCUSD</c>, <c>BTCPERP</c>): its coin's from the table; a
    /// coin the table lacks (<c>SYM7USDT</c>, a symbol a test adds) gets a level between 0.5 and 4.5 of its own.
    /// </summary>
    public static MarketProfile Of(string symbol)
    {
        var coin = CoinOf(symbol);
        return Table.TryGetValue(coin, out var known) ? known : Others.GetOrAdd(coin, static c =>
        {
            var h = Hash(c);
            var units = 50_000 + (long)(h % 400_000);
            var open = units - (units * (((long)(h >> 16) % 61) - 30) / 1000);
            return new MarketProfile(c, Fixed(units, 5), Fixed(open, 5), 5_000_000, 1_000, "0.000100");
        });
    }

    /// <summary>
    /// Whether the instType (v2 spelling, demo types alike) lists the symbol (v2 spelling): <c>…PERP</c> on USDC-M, <c>…USD</c>
    /// on Coin-M, every other pair (<c>…USDT</c>) on spot, margin and USDT-M. Bitget acknowledges a real symbol under another
    /// instType and then sends nothing (bitget-ws-spec.md: "acknowledged but silent"); so does the mock.
    /// </summary>
    public static bool IsListed(string instType, string symbol)
    {
        var product = instType.StartsWith('S') && instType.EndsWith("-FUTURES", StringComparison.Ordinal) ? instType[1..] : instType;
        if (symbol.EndsWith("PERP", StringComparison.Ordinal))
        {
            return product == "USDC-FUTURES";
        }

        if (symbol.EndsWith("USD", StringComparison.Ordinal))
        {
            return product == "COIN-FUTURES";
        }

        return product is "SPOT" or "USDT-FUTURES" or "MARGIN";
    }

    /// <summary>The last price of ticker push number <paramref name="n"/> of a topic, in price units.</summary>
    public long PriceAtPush(long n) =>
        Units + Swing(n + PushPhase, PushCycle, Amplitude) + Swing(n, QuickPushCycle, Amplitude / 8);

    /// <summary>The price at a moment (Unix ms), in price units: what candles, trades and liquidations show.</summary>
    public long PriceAt(long ms) =>
        Units + Swing(ms + TimePhaseMs, TimeCycleMs, Amplitude) + Swing(ms, QuickTimeCycleMs, Amplitude / 8);

    /// <summary><paramref name="units"/> / 10^<paramref name="decimals"/> with exactly that many decimals ("91240.50").</summary>
    public static string Fixed(long units, int decimals)
    {
        var scale = TickerGenerator.Pow10(decimals);
        var sign = units < 0 ? "-" : "";
        var abs = Math.Abs(units);
        return decimals == 0
            ? sign + abs.ToString(CultureInfo.InvariantCulture)
            : sign + (abs / scale).ToString(CultureInfo.InvariantCulture) + "." + (abs % scale).ToString("D" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>A price in units as a decimal with the coin's decimals (trailing zeros kept).</summary>
    public decimal Price(long units) => decimal.Parse(Fixed(units, Decimals), CultureInfo.InvariantCulture);

    /// <summary>A triangle wave over <paramref name="cycle"/> steps between −<paramref name="amplitude"/> and +<paramref name="amplitude"/>, 0 at step 0.</summary>
    private static long Swing(long x, long cycle, long amplitude)
    {
        var u = (long)((Int128)(((x % cycle) + cycle) % cycle) * 4 * amplitude / cycle);
        return u < amplitude ? u : u < 3 * amplitude ? (2 * amplitude) - u : u - (4 * amplitude);
    }

    private static string CoinOf(string symbol)
    {
        foreach (var quote in (ReadOnlySpan<string>)["USDT", "PERP", "USD"])
        {
            if (symbol.Length > quote.Length && symbol.EndsWith(quote, StringComparison.Ordinal))
            {
                return symbol[..^quote.Length];
            }
        }

        return symbol;
    }

    // FNV-1a: the same on every run and platform (string.GetHashCode is randomised per process).
    private static ulong Hash(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }
}
