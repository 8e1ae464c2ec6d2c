using System.Globalization;
using System.Text;

namespace Bitget.MockExchange;

/// <summary>
/// Candle and trade frames of the mock, as functions of time: candle number p of a period covers [p × period, (p+1) ×
/// period), opens at the previous candle's final close and moves linearly toward its own final close; trade number n happens
/// at n × the trade interval with trade id n. So every connection, before and after a reconnect, sees the same market.
/// </summary>
internal static class MarketGenerator
{
    /// <summary>Bitget's length of a candle interval name (months as 30 days).</summary>
    public static TimeSpan IntervalOf(string channel) => channel["candle".Length..].Replace("utc", "", StringComparison.Ordinal) switch
    {
        "1m" => TimeSpan.FromMinutes(1),
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

    private static decimal Level(string instId, long p) => 100m + ((p * 7 + (instId.Length * 13)) % 41 + 41) % 41 * 0.5m;

    /// <summary>Writes the row of candle <paramref name="p"/> as it stands at <paramref name="nowMs"/> (final once the period is over).</summary>
    public static void WriteCandleRow(StringBuilder w, string instId, long p, long periodMs, long nowMs)
    {
        var openMs = p * periodMs;
        var fraction = Math.Clamp((decimal)(nowMs - openMs) / periodMs, 0m, 1m);
        var open = Level(instId, p);
        var close = Math.Round(open + (Level(instId, p + 1) - open) * fraction, 1);
        var high = Math.Max(open, close) + 0.1m;
        var low = Math.Min(open, close) - 0.1m;
        var volume = Math.Round(fraction * 10m, 3);
        w.Append("[\"").Append(openMs.ToString(CultureInfo.InvariantCulture)).Append("\"");
        foreach (var value in (ReadOnlySpan<decimal>)[open, high, low, close, volume, Math.Round(volume * close, 4), Math.Round(volume * close, 4)])
            w.Append(",\"").Append(value.ToString(CultureInfo.InvariantCulture)).Append("\"");
        w.Append("]");
    }

    /// <summary>Writes trades <paramref name="first"/>..<paramref name="last"/>, newest first as Bitget sends them.</summary>
    public static void WriteTrades(StringBuilder w, long first, long last, long intervalMs)
    {
        for (var n = last; n >= first; n--)
        {
            if (n != last)
                w.Append(",");
            var price = 100m + n % 20 * 0.1m;
            var size = 0.001m * (1 + n % 5);
            w.Append("{\"ts\":\"").Append((n * intervalMs).ToString(CultureInfo.InvariantCulture))
                .Append("\",\"price\":\"").Append(price.ToString(CultureInfo.InvariantCulture))
                .Append("\",\"size\":\"").Append(size.ToString(CultureInfo.InvariantCulture))
                .Append("\",\"side\":\"").Append(n % 2 == 0 ? "buy" : "sell")
                .Append("\",\"tradeId\":\"").Append(n.ToString(CultureInfo.InvariantCulture)).Append("\"}");
        }
    }

    /// <summary>Writes a push envelope's start: <c>{"action":…,"arg":{…},"data":[</c>.</summary>
    public static void BeginPush(StringBuilder w, string action, string instType, string channel, string instId) =>
        w.Append("{\"action\":\"").Append(action).Append("\",\"arg\":{\"instType\":\"").Append(instType)
            .Append("\",\"channel\":\"").Append(channel).Append("\",\"instId\":\"").Append(instId).Append("\"},\"data\":[");

    /// <summary>Ends a push: <c>],"ts":…}</c>.</summary>
    public static void EndPush(StringBuilder w, long envelopeMs) =>
        w.Append("],\"ts\":").Append(envelopeMs.ToString(CultureInfo.InvariantCulture)).Append("}");
}
