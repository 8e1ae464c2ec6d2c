using Bitget.Stream.Models;

namespace Bitget.Stream.Protocol;

/// <summary>
/// Turns what a user types (<c>btcusdt</c>, <c>BTCUSDT_UMCBL</c>, <c>-InstType umcbl</c>) into v2 topics of one channel
/// (<c>ticker</c>, <c>candle1m</c>, <c>trade</c>, <c>books5</c>, …), with warnings for what it had to map and errors for
/// what Bitget would refuse. Every channel maps symbols and instTypes the same way.
/// </summary>
public static class TopicNormalizer
{
    // v1 REST/WS symbol suffixes and the v2 product type each one names.
    private static readonly (string Suffix, string InstType)[] s_suffixes =
    [
        ("_UMCBL", BitgetInstTypes.UsdtFutures), ("_DMCBL", BitgetInstTypes.CoinFutures),
        ("_CMCBL", BitgetInstTypes.UsdcFutures), ("_SPBL", BitgetInstTypes.Spot),
        ("_SUMCBL", BitgetInstTypes.DemoUsdtFutures), ("_SDMCBL", BitgetInstTypes.DemoCoinFutures),
        ("_SCMCBL", BitgetInstTypes.DemoUsdcFutures),
    ];

    /// <summary>The longest symbol accepted; Bitget's are well under this.</summary>
    public const int MaxSymbolLength = 40;

    /// <summary>
    /// Normalises topics of one channel.
    /// </summary>
    /// <param name="channel">The channel, e.g. <c>ticker</c> or <c>candle1m</c> (<see cref="BitgetChannelNames"/>).</param>
    /// <param name="symbols">Symbols as typed.</param>
    /// <param name="instType">The -InstType value, or null for the default (USDT-FUTURES, or what a suffix implies).</param>
    /// <param name="warnings">Receives one line per mapping that was made.</param>
    /// <returns>Distinct topics, in the order given.</returns>
    /// <exception cref="BitgetArgumentException">A symbol or instType Bitget would refuse.</exception>
    public static IReadOnlyList<BitgetTopic> Normalize(string channel, IEnumerable<string> symbols, string? instType, ICollection<string> warnings) =>
        Normalize(channel, symbols, instType, warnings, BitgetApi.Classic, null);

    /// <summary>
    /// Normalises topics of one channel for an API. On <see cref="BitgetApi.Unified"/> the demo and MARGIN instTypes do
    /// not exist (demo trading is its own host), and Coin-M symbols end in <c>_CM</c>: <c>BTCUSD</c> with
    /// <c>COIN-FUTURES</c> becomes <c>BTCUSD_CM</c> (a note in <paramref name="notes"/>), and <c>BTCUSD_CM</c> alone
    /// implies <c>COIN-FUTURES</c>.
    /// </summary>
    /// <param name="channel">The channel in the module's spelling (<see cref="BitgetChannelNames"/>).</param>
    /// <param name="symbols">Symbols as typed.</param>
    /// <param name="instType">The -InstType value, or null for the default.</param>
    /// <param name="warnings">Receives one line per mapping the user should know of.</param>
    /// <param name="api">The API the topics are for.</param>
    /// <param name="notes">Receives routine mappings (verbose); null drops them.</param>
    /// <exception cref="BitgetArgumentException">A symbol or instType the API would refuse.</exception>
    public static IReadOnlyList<BitgetTopic> Normalize(string channel, IEnumerable<string> symbols, string? instType,
        ICollection<string> warnings, BitgetApi api, ICollection<string>? notes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        string? explicitType = null;
        if (!string.IsNullOrWhiteSpace(instType))
        {
            explicitType = BitgetInstTypes.Normalize(instType, out var typeWarning);
            if (typeWarning is not null)
                warnings.Add(typeWarning);
            // UTA names v3's account-wide private topics (adl-notification, …); it has no symbols.
            if (explicitType == BitgetInstTypes.Unified)
            {
                if (api != BitgetApi.Unified)
                    throw new BitgetArgumentException("InstType", instType, "UTA is the instType of the Unified (v3) API's private topics: use a private session from Connect-BitgetStream -Private -Api Unified.");
                if (symbols?.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) is { } symbol)
                    throw new BitgetArgumentException("Symbol", symbol, "UTA topics are account-wide and take no symbol: leave out -Symbol.");
                return [new BitgetTopic(BitgetInstTypes.Unified, channel, PrivateScope.All)];
            }
            if (api == BitgetApi.Unified && explicitType is not (BitgetInstTypes.Spot or BitgetInstTypes.UsdtFutures
                    or BitgetInstTypes.CoinFutures or BitgetInstTypes.UsdcFutures))
                throw new BitgetArgumentException("InstType", instType, explicitType == BitgetInstTypes.Margin
                    ? "The Unified (v3) API has no MARGIN streams: use -Api Classic for index-price and the margin channels."
                    : $"The Unified (v3) API has no {explicitType}: demo trading is its own host there (-Demo), with the ordinary instTypes SPOT, USDT-FUTURES, COIN-FUTURES and USDC-FUTURES.");
        }

        var result = new List<BitgetTopic>();
        var seen = new HashSet<BitgetTopic>();
        foreach (var raw in symbols)
        {
            var topic = api == BitgetApi.Unified
                ? NormalizeUnified(channel, raw, explicitType, warnings, notes)
                : NormalizeOne(channel, raw, explicitType, warnings);
            if (seen.Add(topic))
                result.Add(topic);
        }
        return result;
    }

    /// <summary>
    /// The v3 liquidation topic of a futures instType (default USDT-FUTURES): the topic names no symbol, so it covers every
    /// contract of that instType.
    /// </summary>
    /// <exception cref="BitgetArgumentException">Spot, MARGIN, a demo type, or no instType Bitget knows.</exception>
    public static BitgetTopic Liquidation(string? instType, ICollection<string> warnings)
    {
        var type = BitgetInstTypes.UsdtFutures;
        if (!string.IsNullOrWhiteSpace(instType))
        {
            type = BitgetInstTypes.Normalize(instType, out var warning);
            if (warning is not null)
                warnings.Add(warning);
        }
        if (type is not (BitgetInstTypes.UsdtFutures or BitgetInstTypes.CoinFutures or BitgetInstTypes.UsdcFutures))
            throw new BitgetArgumentException("InstType", instType ?? "",
                $"Liquidations stream for futures only: use -InstType USDT-FUTURES, COIN-FUTURES or USDC-FUTURES, not {type}.");
        return new BitgetTopic(type, BitgetChannelNames.Liquidation, PrivateScope.All);
    }

    /// <summary>What v3 appends to a Coin-M symbol (<c>BTCUSD_CM</c>).</summary>
    public const string CoinMarginedSuffix = "_CM";

    private static BitgetTopic NormalizeUnified(string channel, string? raw, string? explicitType, ICollection<string> warnings,
        ICollection<string>? notes)
    {
        var typed = (raw ?? "").Trim().ToUpperInvariant();
        var coinM = typed.EndsWith(CoinMarginedSuffix, StringComparison.Ordinal) && typed.Length > CoinMarginedSuffix.Length;
        if (coinM)
        {
            if (explicitType is not null && explicitType != BitgetInstTypes.CoinFutures)
                throw new BitgetArgumentException("Symbol", raw!,
                    $"'{raw}' is a Coin-M symbol (COIN-FUTURES) but -InstType is {explicitType}.");
            var bare = NormalizeOne(channel, typed[..^CoinMarginedSuffix.Length], BitgetInstTypes.CoinFutures, warnings);
            return bare with { InstId = bare.InstId + CoinMarginedSuffix };
        }
        var topic = NormalizeOne(channel, raw, explicitType, warnings);
        if (topic.InstType == BitgetInstTypes.CoinFutures && topic.InstId != PrivateScope.All)
        {
            notes?.Add($"'{topic.InstId}' on COIN-FUTURES is '{topic.InstId}{CoinMarginedSuffix}' on the Unified (v3) API; using that.");
            return topic with { InstId = topic.InstId + CoinMarginedSuffix };
        }
        return topic;
    }

    private static BitgetTopic NormalizeOne(string channel, string? raw, string? explicitType, ICollection<string> warnings)
    {
        // MARGIN has channels of its own and no others; they take the whole market ("default"), not a symbol.
        if ((explicitType == BitgetInstTypes.Margin) != BitgetChannelNames.IsMargin(channel))
            throw new BitgetArgumentException("InstType", explicitType ?? BitgetInstTypes.UsdtFutures, explicitType == BitgetInstTypes.Margin
                ? $"The channel '{channel}' does not exist under MARGIN; MARGIN has index-price and the margin account and order channels."
                : $"The channel '{channel}' exists only under MARGIN: use -InstType MARGIN.");
        if (explicitType == BitgetInstTypes.Margin && string.Equals(raw?.Trim(), PrivateScope.All, StringComparison.OrdinalIgnoreCase))
            return new BitgetTopic(BitgetInstTypes.Margin, channel, PrivateScope.All);
        // Private channels name "all symbols" (or the whole account) with a lowercase "default".
        if (BitgetChannelNames.IsPrivate(channel) && string.Equals(raw?.Trim(), PrivateScope.All, StringComparison.OrdinalIgnoreCase))
            return new BitgetTopic(explicitType ?? BitgetInstTypes.UsdtFutures, channel, PrivateScope.All);

        var symbol = (raw ?? "").Trim().ToUpperInvariant();
        if (symbol.Length == 0)
            throw new BitgetArgumentException("Symbol", raw ?? "", "A symbol cannot be empty.");

        string? impliedType = null;
        foreach (var (suffix, type) in s_suffixes)
        {
            if (symbol.EndsWith(suffix, StringComparison.Ordinal) && symbol.Length > suffix.Length)
            {
                symbol = symbol[..^suffix.Length];
                impliedType = type;
                break;
            }
        }

        if (symbol.Length > MaxSymbolLength || !symbol.All(char.IsAsciiLetterOrDigit))
            throw new BitgetArgumentException("Symbol", raw!,
                $"'{raw}' is not a Bitget symbol. Symbols are letters and digits such as BTCUSDT (v2 names, no suffix).");

        if (impliedType is not null)
        {
            if (explicitType is not null && explicitType != impliedType)
                throw new BitgetArgumentException("Symbol", raw!,
                    $"'{raw}' is a v1 {impliedType} symbol but -InstType is {explicitType}. Use '{symbol}' with -InstType {impliedType}.");
            warnings.Add($"'{raw}' is a Bitget v1 symbol; using '{symbol}' on {impliedType}.");
        }

        return new BitgetTopic(explicitType ?? impliedType ?? BitgetInstTypes.UsdtFutures, channel, symbol);
    }
}
