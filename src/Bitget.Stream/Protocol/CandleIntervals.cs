using Bitget.Stream.Models;

namespace Bitget.Stream.Protocol;

/// <summary>
/// Bitget's candle intervals and the spellings users type for them. Bitget's own names are matched exactly, because
/// <c>1m</c> (one minute) and <c>1M</c> (one month) differ only in case; friendly spellings (<c>1h</c>, <c>4h</c>,
/// <c>1d</c>, <c>1w</c>, <c>1min</c>, <c>1month</c>, …) are matched in any case and none of them is ambiguous.
/// </summary>
public static class CandleIntervals
{
    /// <summary>Bitget's interval names, shortest first, then the UTC variants.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly<string>(
    [
        "1m", "5m", "15m", "30m", "1H", "4H", "6H", "12H", "1D", "3D", "1W", "1M",
        "6Hutc", "12Hutc", "1Dutc", "3Dutc", "1Wutc", "1Mutc",
    ]);

    /// <summary>The ten intervals of v3 (Unified): no 3D, week, month or UTC variants, but 3m.</summary>
    public static IReadOnlyList<string> Unified { get; } = Array.AsReadOnly<string>(
        ["1m", "3m", "5m", "15m", "30m", "1H", "4H", "6H", "12H", "1D"]);

    /// <summary>The intervals an API offers.</summary>
    public static IReadOnlyList<string> Of(BitgetApi api) => api == BitgetApi.Unified ? Unified : All;

    private static readonly Dictionary<string, string> s_friendly = new(StringComparer.OrdinalIgnoreCase)
    {
        ["1min"] = "1m", ["3min"] = "3m", ["5min"] = "5m", ["15min"] = "15m", ["30min"] = "30m",
        ["1h"] = "1H", ["4h"] = "4H", ["6h"] = "6H", ["12h"] = "12H",
        ["1hour"] = "1H", ["4hour"] = "4H", ["6hour"] = "6H", ["12hour"] = "12H",
        ["1d"] = "1D", ["3d"] = "3D", ["1day"] = "1D", ["3day"] = "3D",
        ["1w"] = "1W", ["1week"] = "1W", ["1mon"] = "1M", ["1month"] = "1M",
        ["6hutc"] = "6Hutc", ["12hutc"] = "12Hutc", ["1dutc"] = "1Dutc", ["3dutc"] = "3Dutc", ["1wutc"] = "1Wutc",
        ["1monthutc"] = "1Mutc",
    };

    /// <summary>
    /// Maps what a user typed to Bitget's interval name.
    /// </summary>
    /// <param name="value">E.g. <c>1m</c>, <c>1h</c>, <c>1D</c>, <c>1Wutc</c>.</param>
    /// <returns>Bitget's name, e.g. <c>1H</c>.</returns>
    /// <exception cref="BitgetArgumentException">No interval, or one whose case makes it ambiguous (<c>5M</c>, <c>1mutc</c>).</exception>
    public static string Normalize(string value) => Normalize(value, BitgetApi.Classic);

    /// <summary>
    /// Maps what a user typed to the interval name of an API: on <see cref="BitgetApi.Unified"/> only its ten
    /// intervals are accepted, and one that only v2 offers (<c>1W</c>, <c>1M</c>, <c>3D</c>, the UTC variants) is
    /// refused with the list of what v3 offers.
    /// </summary>
    /// <exception cref="BitgetArgumentException">No interval of that API.</exception>
    public static string Normalize(string value, BitgetApi api)
    {
        var offered = Of(api);
        var trimmed = value?.Trim() ?? "";
        string? name = null;
        foreach (var candidate in All.Concat(Unified))
        {
            if (string.Equals(candidate, trimmed, StringComparison.Ordinal))
            {
                name = candidate;
                break;
            }
        }
        if (name is null && s_friendly.TryGetValue(trimmed, out var mapped))
            name = mapped;
        if (name is not null)
        {
            if (offered.Contains(name))
                return name;
            throw new BitgetArgumentException("Interval", value ?? "", api == BitgetApi.Unified
                ? $"The Unified (v3) API has no {name} candles. It offers: {string.Join(", ", Unified)}. Use a Classic session (-Api Classic) for {name}."
                : $"The Classic (v2) API has no {name} candles. It offers: {string.Join(", ", All)}.");
        }
        var hint = trimmed.Length > 1 && (trimmed.EndsWith('M') || trimmed.EndsWith("mutc", StringComparison.OrdinalIgnoreCase))
            ? " Minutes are a lower-case m (5m); 1M and 1Mutc are one month."
            : "";
        throw new BitgetArgumentException("Interval", value ?? "",
            $"'{value}' is not a Bitget candle interval.{hint} Use one of: {string.Join(", ", offered)} (1h, 4h, 1d{(api == BitgetApi.Unified ? "" : ", 1w")} also work).");
    }

    /// <summary>The candle channel of an interval name (<c>1m</c> → <c>candle1m</c>).</summary>
    public static string ChannelOf(string interval) => ChannelOf(interval, BitgetApi.Classic);

    /// <summary>The candle channel of an interval of an API (<c>3m</c> → <c>candle3m</c> on Unified).</summary>
    public static string ChannelOf(string interval, BitgetApi api) => BitgetChannelNames.CandlePrefix + Normalize(interval, api);
}
