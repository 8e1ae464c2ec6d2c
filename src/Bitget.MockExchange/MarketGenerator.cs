using System.Globalization;
using System.Text;

namespace Bitget.MockExchange;

/// <summary>
/// Candle, trade and liquidation frames of the mock, as functions of time and of the symbol's <see cref="MarketProfile"/>: a
/// candle (its times from <see cref="CandleCalendar"/>) opens at the symbol's price at its open time, which is the previous
/// candle's final close, and closes at its price at the end; trade number n happens at n × the trade interval with trade id
/// n, at the price of that moment; liquidation number n likewise at n × the liquidation interval. So every connection, on
/// either API, before and after a reconnect, sees the same market, at the level of the symbol's ticker; only the spelling
/// differs (v2 rows of
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

    /// <summary>
    /// Writes the row of the candle that opens at <paramref name="openMs"/> and ends at <paramref name="endMs"/> as it stands at
    /// <paramref name="nowMs"/> (final once the period is over): open and close are the symbol's price at its open and at
    /// <paramref name="nowMs"/> (or its end), volume the day's volume pro rata.
    /// </summary>
    public static void WriteCandleRow(StringBuilder w, TopicArg arg, long openMs, long endMs, long nowMs)
    {
        var market = MarketProfile.Of(arg.MarketSymbol);
        var dec = market.Decimals;
        var periodMs = Math.Max(1, endMs - openMs);
        var fraction = Math.Clamp((decimal)(nowMs - openMs) / periodMs, 0m, 1m);
        var openUnits = market.PriceAt(openMs);
        var closeUnits = market.PriceAt(Math.Clamp(nowMs, openMs, endMs));
        var wick = Math.Max(1, market.Bound / 20);
        var open = MarketProfile.Fixed(openUnits, dec);
        var close = MarketProfile.Fixed(closeUnits, dec);
        var high = MarketProfile.Fixed(Math.Max(openUnits, closeUnits) + wick, dec);
        var low = MarketProfile.Fixed(Math.Min(openUnits, closeUnits) - wick, dec);
        var volumeValue = Math.Round(market.Volume * (decimal)periodMs / 86_400_000m * fraction, 4);
        var volume = volumeValue.ToString(CultureInfo.InvariantCulture);
        var turnover = Math.Round(volumeValue * market.Price(closeUnits), 4).ToString(CultureInfo.InvariantCulture);
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
        foreach (var value in (ReadOnlySpan<string>)[open, high, low, close, volume, turnover, turnover])
            w.Append(",\"").Append(value).Append("\"");
        w.Append("]");
    }

    /// <summary>
    /// Writes trades <paramref name="first"/>..<paramref name="last"/>, newest first as Bitget sends them, each at the symbol's
    /// price at its time (a buy a tick above, a sell at it). On v3 Coin-M futures the size <c>v</c> is in the quote coin
    /// (price × size), as Bitget changed it on 2026-01-27.
    /// </summary>
    public static void WriteTrades(StringBuilder w, TopicArg arg, long first, long last, long intervalMs)
    {
        var quoteSized = arg.Version == ProtocolVersion.V3 && arg.InstType == "coin-futures";
        var market = MarketProfile.Of(arg.MarketSymbol);
        for (var n = last; n >= first; n--)
        {
            if (n != last)
                w.Append(",");
            var buy = n % 2 == 0;
            var at = n * intervalMs;
            var price = MarketProfile.Fixed(market.PriceAt(at) + (buy ? 1 : 0), market.Decimals);
            var size = MarketProfile.Fixed((1 + (n % 5)) * market.SizeScale, 3);
            var time = at.ToString(CultureInfo.InvariantCulture);
            var side = buy ? "buy" : "sell";
            var id = n.ToString(CultureInfo.InvariantCulture);
            if (arg.Version == ProtocolVersion.V3)
            {
                w.Append("{\"i\":\"").Append(id).Append('"');
                Member(w, "p", price);
                Member(w, "v", quoteSized
                    ? (decimal.Parse(price, CultureInfo.InvariantCulture) * decimal.Parse(size, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)
                    : size);
                w.Append(",\"S\":\"").Append(side).Append("\",\"T\":\"").Append(time)
                    .Append("\",\"L\":\"").Append((CorrelationIdBase + n).ToString(CultureInfo.InvariantCulture))
                    .Append("\",\"isRPI\":\"no\"}");
                continue;
            }

            w.Append("{\"ts\":\"").Append(time)
                .Append("\",\"price\":\"").Append(price)
                .Append("\",\"size\":\"").Append(size)
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
            var market = MarketProfile.Of(symbol.EndsWith("_CM", StringComparison.Ordinal) ? symbol[..^3] : symbol);
            w.Append("{\"symbol\":\"").Append(symbol).Append("\",\"side\":\"").Append(n % 2 == 0 ? "buy" : "sell").Append('"');
            Member(w, "price", MarketProfile.Fixed(market.PriceAt(n * intervalMs), market.Decimals));
            Member(w, "amount", MarketProfile.Fixed(10 * (1 + (n % 7)) * market.SizeScale, 3));
            w.Append(",\"ts\":\"").Append((n * intervalMs).ToString(CultureInfo.InvariantCulture)).Append("\"}");
        }
    }

    /// <summary>Ends a push: <c>],"ts":…}</c>.</summary>
    public static void EndPush(StringBuilder w, long envelopeMs) =>
        w.Append("],\"ts\":").Append(envelopeMs.ToString(CultureInfo.InvariantCulture)).Append("}");

    private static void Member(StringBuilder w, string name, string value) =>
        w.Append(",\"").Append(name).Append("\":\"").Append(value).Append('"');
}
