namespace Bitget.Stream.Protocol;

/// <summary>The v2 product types (instType values) and the mapping of legacy v1 names onto them.</summary>
public static class BitgetInstTypes
{
    /// <summary>Spot.</summary>
    public const string Spot = "SPOT";
    /// <summary>USDT-margined futures (the default).</summary>
    public const string UsdtFutures = "USDT-FUTURES";
    /// <summary>Coin-margined futures.</summary>
    public const string CoinFutures = "COIN-FUTURES";
    /// <summary>USDC-margined futures.</summary>
    public const string UsdcFutures = "USDC-FUTURES";
    /// <summary>Demo USDT-margined futures.</summary>
    public const string DemoUsdtFutures = "SUSDT-FUTURES";
    /// <summary>Demo coin-margined futures.</summary>
    public const string DemoCoinFutures = "SCOIN-FUTURES";
    /// <summary>Demo USDC-margined futures.</summary>
    public const string DemoUsdcFutures = "SUSDC-FUTURES";

    /// <summary>The v3 private topics' instType: one subscription covers every product of the Unified account.</summary>
    public const string Unified = "UTA";

    /// <summary>Margin: only its own channels (index-price, margin account and orders), no ticker.</summary>
    public const string Margin = "MARGIN";

    // An array, not the IReadOnlyList below: foreach over the interface allocates an enumerator (32 bytes), and
    // FromWire runs once per ticker push (found by the parse benchmark: 552 B per ticker instead of 520 B).
    private static readonly string[] s_all =
        [UsdtFutures, CoinFutures, UsdcFutures, Spot, DemoUsdtFutures, DemoCoinFutures, DemoUsdcFutures];

    /// <summary>Every v2 product type that has a ticker channel.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(s_all);

    // v1 names (tiagosiebler/bitget-api ws-general.ts, ccxt, Bitget's FAQ). "mc" meant every mix product;
    // USDT-M is what nearly every v1 script subscribed to, so it maps there with a warning that says so.
    private static readonly Dictionary<string, string> s_legacy = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sp"] = Spot, ["spbl"] = Spot,
        ["mc"] = UsdtFutures, ["umcbl"] = UsdtFutures,
        ["dmcbl"] = CoinFutures, ["cmcbl"] = UsdcFutures,
        ["sumcbl"] = DemoUsdtFutures, ["sdmcbl"] = DemoCoinFutures, ["scmcbl"] = DemoUsdcFutures,
    };

    /// <summary>True for a legacy v1 name such as <c>mc</c>, <c>umcbl</c> or <c>SP</c>.</summary>
    public static bool IsLegacy(string value) => s_legacy.ContainsKey(value);

    /// <summary>
    /// Maps any accepted spelling to its v2 name: v2 names case-insensitively, v1 names with a warning.
    /// </summary>
    /// <param name="value">What the user typed.</param>
    /// <param name="warning">Set when a legacy name was mapped.</param>
    /// <returns>The v2 name.</returns>
    /// <exception cref="BitgetArgumentException">The value is no product type Bitget v2 knows.</exception>
    public static string Normalize(string value, out string? warning)
    {
        warning = null;
        var trimmed = value?.Trim() ?? "";
        foreach (var v2 in s_all)
        {
            if (string.Equals(v2, trimmed, StringComparison.OrdinalIgnoreCase))
                return v2;
        }
        if (string.Equals(trimmed, Margin, StringComparison.OrdinalIgnoreCase))
            return Margin;
        if (string.Equals(trimmed, Unified, StringComparison.OrdinalIgnoreCase))
            return Unified;
        if (s_legacy.TryGetValue(trimmed, out var mapped))
        {
            warning = string.Equals(trimmed, "mc", StringComparison.OrdinalIgnoreCase)
                ? $"InstType '{trimmed}' is a Bitget v1 name for all futures; using {mapped}. Use COIN-FUTURES or USDC-FUTURES for the other futures."
                : $"InstType '{trimmed}' is a Bitget v1 name; using {mapped}.";
            return mapped;
        }
        throw new BitgetArgumentException("InstType", value ?? "",
            $"'{value}' is not a Bitget instType. Use one of: {string.Join(", ", All)} (or {Margin} for its own channels).");
    }

    /// <summary>Maps an instType echoed by the server (v2, or lower-case v1 on old sockets) without warnings or errors.</summary>
    internal static string FromWire(string? value)
    {
        if (value is null)
            return "";
        foreach (var v2 in s_all)
        {
            if (ReferenceEquals(v2, value))
                return v2;
        }
        foreach (var v2 in s_all)
        {
            if (string.Equals(v2, value, StringComparison.OrdinalIgnoreCase))
                return v2;
        }
        return s_legacy.TryGetValue(value, out var mapped) ? mapped : value;
    }
}
