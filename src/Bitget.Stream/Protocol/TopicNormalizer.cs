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
    public static IReadOnlyList<BitgetTopic> Normalize(string channel, IEnumerable<string> symbols, string? instType, ICollection<string> warnings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        string? explicitType = null;
        if (!string.IsNullOrWhiteSpace(instType))
        {
            explicitType = BitgetInstTypes.Normalize(instType, out var typeWarning);
            if (typeWarning is not null)
                warnings.Add(typeWarning);
        }

        var result = new List<BitgetTopic>();
        var seen = new HashSet<BitgetTopic>();
        foreach (var raw in symbols)
        {
            var topic = NormalizeOne(channel, raw, explicitType, warnings);
            if (seen.Add(topic))
                result.Add(topic);
        }
        return result;
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
