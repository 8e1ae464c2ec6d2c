using System.Globalization;
using Bitget.Stream.Models;

namespace Bitget.Stream.Protocol;

/// <summary>
/// What a user's order book depth (<c>1</c>, <c>5</c>, <c>15</c>, <c>Full</c> or another level count) means on the wire:
/// 1, 5 and 15 are Bitget's snapshot channels <c>books1</c>, <c>books5</c> and <c>books15</c>; <c>Full</c> is the
/// <c>books</c> channel kept as a local book; any other count is that local book cut to so many levels a side.
/// </summary>
/// <param name="Channel">The channel to subscribe.</param>
/// <param name="Levels">Levels a side to keep of each book, or null for all the channel sends.</param>
public readonly record struct OrderBookDepth(string Channel, int? Levels)
{
    /// <summary>The spelling of the whole book.</summary>
    public const string Full = "Full";

    /// <summary>The depths offered for completion, most common first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["1", "5", "15", Full];

    /// <summary>Reads a depth as typed (<c>Full</c> in any case, or a level count of at least 1).</summary>
    /// <exception cref="BitgetArgumentException">Neither <c>Full</c> nor a positive whole number.</exception>
    public static OrderBookDepth Parse(string text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Equals(Full, StringComparison.OrdinalIgnoreCase))
            return new(BitgetChannelNames.Books, null);
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var levels) || levels < 1)
            throw new BitgetArgumentException("Depth", text ?? "", $"'{text}' is not an order book depth: use 1, 5, 15, Full or a number of levels.");
        return levels switch
        {
            1 => new(BitgetChannelNames.Books1, null),
            5 => new(BitgetChannelNames.Books5, null),
            15 => new(BitgetChannelNames.Books15, null),
            _ => new(BitgetChannelNames.Books, levels),
        };
    }
}
