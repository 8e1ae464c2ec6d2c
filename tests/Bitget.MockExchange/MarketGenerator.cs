using System.Globalization;
using System.Text;

namespace Bitget.MockExchange;

/// <summary>
/// Candle, trade and liquidation frames of the mock, as functions of time: candle number p of a period covers [p × period,
/// (p+1) × period), opens at the previous candle's final close and moves linearly toward its own final close; trade number n
/// happens at n × the trade interval with trade id n; liquidation number n at n × the liquidation interval. So every
/// connection, on either API, before and after a reconnect, sees the same market; only the spelling differs (v2 rows of
/// eight strings and <c>{ts, price, size, side, tradeId}</c>, v3 objects <c>{start, open, …}</c> and <c>{i, p, v, S, T, L, isRPI}</c>).
/// </summary>
internal static class MarketGenerator
{
    /// <summary>v3's kline intervals (case-sensitive): exactly these ten.</summary>
    public static readonly IReadOnlySet<string> V3Intervals = new HashSet<string>(StringComparer.Ordinal)
    {
        "1m", "3m", "5m", "15m", "30m", "1H", "4H", "6H", "12H", "1D",
    };

    /// <summary>Offset of a v3 trade's <c>L</c> (execution correlation id) from its id <c>i</c>: ids of 19 digits, like the live ones.</summary>
    private const long CorrelationIdBase = 1_000_000_000_000_000_000;

    /// <summary>Bitget's length of a candle interval (<c>1m</c> … <c>1M</c>, <c>utc</c> variants alike; months as 30 days).</summary>
    public static TimeSpan IntervalOf(string interval) => interval.Replace("utc", "", StringComparison.Ordinal) switch
    {
        "1m" => TimeSpan.FromMinutes(1),
        "3m" => TimeSpan.FromMinutes(3),
        "5m" => TimeSpan.FromMinutes(5),
        "15m" => TimeSpan.FromMinutes(15),
        "30m" => TimeSpan.FromMinutes(30),
        "1H" => TimeSpan.FromHours(1),
        "4H" => TimeSpan.FromHours(4),
        "6H" => TimeSpan.FromHours(6),
        "12H" => TimeSpan.FromHours(12),
        "1D" => TimeSpan.FromDays(1),
        "3D" => TimeSpan.FromDays(3),
        "1W" => TimeSpan.FromDays(7),
        _ => TimeSpan.FromDays(30),
    };

    /// <summary>The candle interval of a candle topic: v2 <c>candle1m</c>, v3 <c>kline</c> with interval <c>1m</c>.</summary>
    public static TimeSpan IntervalOf(TopicArg arg) =>
        IntervalOf(arg.Version == ProtocolVersion.V2 ? arg.Channel["candle".Length..] : arg.Interval!);

    private static decimal Level(string symbol, long p) => 100m + ((p * 7 + (symbol.Length * 13)) % 41 + 41) % 41 * 0.5m;

    /// <summary>Writes the row of candle <paramref name="p"/> as it stands at <paramref name="nowMs"/> (final once the period is over).</summary>
    public static void WriteCandleRow(StringBuilder w, TopicArg arg, long p, long periodMs, long nowMs)
    {
        var symbol = arg.MarketSymbol;
        var openMs = p * periodMs;
        var fraction = Math.Clamp((decimal)(nowMs - openMs) / periodMs, 0m, 1m);
        var open = Level(symbol, p);
        var close = Math.Round(open + (Level(symbol, p + 1) - open) * fraction, 1);
        var high = Math.Max(open, close) + 0.1m;
        var low = Math.Min(open, close) - 0.1m;
        var volume = Math.Round(fraction * 10m, 3);
        var turnover = Math.Round(volume * close, 4);
        var start = openMs.ToString(CultureInfo.InvariantCulture);
        if (arg.Version == ProtocolVersion.V3)
        {
            w.Append("{\"start\":\"").Append(start).Append('"');
            Member(w, "open", open);
            Member(w, "high", high);
            Member(w, "low", low);
            Member(w, "close", close);
            Member(w, "volume", volume);
            Member(w, "turnover", turnover);
            w.Append('}');
            return;
        }

        w.Append("[\"").Append(start).Append("\"");
        foreach (var value in (ReadOnlySpan<decimal>)[open, high, low, close, volume, turnover, turnover])
            w.Append(",\"").Append(value.ToString(CultureInfo.InvariantCulture)).Append("\"");
        w.Append("]");
    }

    /// <summary>
    /// Writes trades <paramref name="first"/>..<paramref name="last"/>, newest first as Bitget sends them. On v3 Coin-M futures
    /// the size <c>v</c> is in the quote coin (price × size), as Bitget changed it on 2026-01-27.
    /// </summary>
    public static void WriteTrades(StringBuilder w, TopicArg arg, long first, long last, long intervalMs)
    {
        var quoteSized = arg.Version == ProtocolVersion.V3 && arg.InstType == "coin-futures";
        for (var n = last; n >= first; n--)
        {
            if (n != last)
                w.Append(",");
            var price = 100m + n % 20 * 0.1m;
            var size = 0.001m * (1 + n % 5);
            var time = (n * intervalMs).ToString(CultureInfo.InvariantCulture);
            var side = n % 2 == 0 ? "buy" : "sell";
            var id = n.ToString(CultureInfo.InvariantCulture);
            if (arg.Version == ProtocolVersion.V3)
            {
                w.Append("{\"i\":\"").Append(id).Append('"');
                Member(w, "p", price);
                Member(w, "v", quoteSized ? price * size : size);
                w.Append(",\"S\":\"").Append(side).Append("\",\"T\":\"").Append(time)
                    .Append("\",\"L\":\"").Append((CorrelationIdBase + n).ToString(CultureInfo.InvariantCulture))
                    .Append("\",\"isRPI\":\"no\"}");
                continue;
            }

            w.Append("{\"ts\":\"").Append(time)
                .Append("\",\"price\":\"").Append(price.ToString(CultureInfo.InvariantCulture))
                .Append("\",\"size\":\"").Append(size.ToString(CultureInfo.InvariantCulture))
                .Append("\",\"side\":\"").Append(side)
                .Append("\",\"tradeId\":\"").Append(id).Append("\"}");
        }
    }

    /// <summary>The symbols whose liquidations a v3 <c>liquidation</c> topic of <paramref name="instType"/> carries, in turn.</summary>
    public static string[] LiquidationSymbols(string instType) => instType switch
    {
        "coin-futures" => ["BTCUSD_CM", "ETHUSD_CM"],
        "usdc-futures" => ["BTCPERP", "ETHPERP"],
        _ => ["BTCUSDT", "ETHUSDT", "SOLUSDT"],
    };

    /// <summary>
    /// Writes liquidations <paramref name="first"/>..<paramref name="last"/> of an instType, newest first: number n is of symbol
    /// n mod the symbol count, <c>buy</c> (a long position liquidated) for even n, near the symbol's ticker price.
    /// </summary>
    public static void WriteLiquidations(StringBuilder w, string instType, long first, long last, long intervalMs)
    {
        var symbols = LiquidationSymbols(instType);
        for (var n = last; n >= first; n--)
        {
            if (n != last)
                w.Append(",");
            var symbol = symbols[n % symbols.Length];
            var (baseUnits, decimals) = TickerGenerator.Profile(symbol);
            var price = (decimal)(baseUnits + (n % 10 * TickerGenerator.Pow10(decimals) / 10)) / TickerGenerator.Pow10(decimals);
            w.Append("{\"symbol\":\"").Append(symbol).Append("\",\"side\":\"").Append(n % 2 == 0 ? "buy" : "sell").Append('"');
            Member(w, "price", price);
            Member(w, "amount", 0.01m * (1 + n % 7));
            w.Append(",\"ts\":\"").Append((n * intervalMs).ToString(CultureInfo.InvariantCulture)).Append("\"}");
        }
    }

    /// <summary>Ends a push: <c>],"ts":…}</c>.</summary>
    public static void EndPush(StringBuilder w, long envelopeMs) =>
        w.Append("],\"ts\":").Append(envelopeMs.ToString(CultureInfo.InvariantCulture)).Append("}");

    private static void Member(StringBuilder w, string name, decimal value) =>
        w.Append(",\"").Append(name).Append("\":\"").Append(value.ToString(CultureInfo.InvariantCulture)).Append('"');
}
