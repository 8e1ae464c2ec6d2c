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
    public static IReadOnlyList<BitgetTopic> Topics(string channel, IReadOnlyCollection<string>? symbols, string? instType, ICollection<string> warnings)
    {
        if (symbols is { Count: > 0 } && !TakesSymbols(channel))
            throw new BitgetArgumentException("Symbol", string.Join(",", symbols),
                $"The {channel} channel covers the whole account: omit -Symbol (filter the objects with Where-Object instead).");
        return TopicNormalizer.Normalize(channel, symbols is { Count: > 0 } ? symbols : [All], instType, warnings);
    }
}
