using Bitget.Stream.Models;

namespace Bitget.Stream.Protocol;

/// <summary>
/// The scope of private topics: <c>default</c> stands for every symbol (orders, fills) or the whole account (account,
/// positions); spot orders and fills may also name one symbol.
/// </summary>
public static class PrivateScope
{
    /// <summary>Every symbol, or the whole account.</summary>
    public const string All = "default";

    /// <summary>Whether the channel's topics may name a symbol instead of <see cref="All"/>.</summary>
    public static bool TakesSymbols(string channel) => channel is BitgetChannelNames.Orders or BitgetChannelNames.OrdersAlgo or BitgetChannelNames.Fill;

    /// <summary>
    /// The topics for a private channel: one per symbol, or the <see cref="All"/> topic when there are none.
    /// </summary>
    /// <exception cref="BitgetArgumentException">Symbols for a channel that covers the whole account, or a bad symbol or instType.</exception>
    public static IReadOnlyList<BitgetTopic> Topics(string channel, IReadOnlyCollection<string>? symbols, string? instType, ICollection<string> warnings) =>
        Topics(channel, symbols, instType, warnings, BitgetApi.Classic);

    /// <summary>
    /// The topics for a private channel on an API. On <see cref="BitgetApi.Unified"/> every private topic covers the
    /// whole account (every product, every symbol): one <c>UTA</c> topic, whatever the symbols and instType, which the
    /// caller filters locally. v3 has no position history; fast fills exist only there.
    /// </summary>
    /// <exception cref="BitgetArgumentException">A channel the API lacks, or (Classic) a bad symbol or instType.</exception>
    public static IReadOnlyList<BitgetTopic> Topics(string channel, IReadOnlyCollection<string>? symbols, string? instType,
        ICollection<string> warnings, BitgetApi api)
    {
        if (api == BitgetApi.Unified)
        {
            if (channel == BitgetChannelNames.PositionsHistory)
                throw new BitgetArgumentException("History", "true",
                    "The Unified (v3) API has no position history channel: omit -History, or use a Classic session.");
            if (!string.IsNullOrWhiteSpace(instType))
                BitgetInstTypes.Normalize(instType, out _); // refused early when it is no instType at all
            return [new BitgetTopic(BitgetInstTypes.Unified, channel, All)];
        }
        if (channel == BitgetChannelNames.FastFill)
            throw new BitgetArgumentException("Fast", "true",
                "Fast fills exist only on the Unified (v3) API: omit -Fast, or use a session from Connect-BitgetStream -Private -Api Unified.");
        if (symbols is { Count: > 0 } && !TakesSymbols(channel))
            throw new BitgetArgumentException("Symbol", string.Join(",", symbols),
                $"The {channel} channel covers the whole account: omit -Symbol (filter the objects with Where-Object instead).");
        return TopicNormalizer.Normalize(channel, symbols is { Count: > 0 } ? symbols : [All], instType, warnings);
    }
}
