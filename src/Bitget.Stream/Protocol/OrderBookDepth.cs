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

    /// <summary>The depths offered for completion on an API (v3 has books50 and no books15).</summary>
    public static IReadOnlyList<string> NamesOf(BitgetApi api) => api == BitgetApi.Unified ? s_unifiedNames : Names;

    private static readonly string[] s_unifiedNames = ["1", "5", "50", Full];

    /// <summary>Reads a depth as typed (<c>Full</c> in any case, or a level count of at least 1).</summary>
    /// <exception cref="BitgetArgumentException">Neither <c>Full</c> nor a positive whole number.</exception>
    public static OrderBookDepth Parse(string text) => Parse(text, BitgetApi.Classic);

    /// <summary>
    /// Reads a depth as typed for an API: 1, 5 and Full on both; 15 is a snapshot channel on Classic only and 50 on
    /// Unified only, refused on the other API before anything is subscribed (the server would answer 30001). Any other
    /// count is the full book cut to so many levels.
    /// </summary>
    /// <exception cref="BitgetArgumentException">Neither <c>Full</c> nor a positive whole number, or a depth the API lacks.</exception>
    public static OrderBookDepth Parse(string text, BitgetApi api)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Equals(Full, StringComparison.OrdinalIgnoreCase))
            return new(BitgetChannelNames.Books, null);
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var levels) || levels < 1)
            throw new BitgetArgumentException("Depth", text ?? "",
                $"'{ServerText.Escape(text)}' is not an order book depth: use {string.Join(", ", NamesOf(api).Take(3))} or Full ({(api == BitgetApi.Unified ? "Unified" : "Classic")}), or another number of levels of at least 1.");
        if (levels == 15 && api == BitgetApi.Unified)
            throw new BitgetArgumentException("Depth", text ?? "",
                "The Unified (v3) API has no 15-level book (books15): use 1, 5, 50 or Full, or -Api Classic for 15.");
        if (levels == 50 && api == BitgetApi.Classic)
            throw new BitgetArgumentException("Depth", text ?? "",
                "The Classic (v2) API has no 50-level book (books50): use 1, 5, 15 or Full, or -Api Unified for 50.");
        return levels switch
        {
            1 => new(BitgetChannelNames.Books1, null),
            5 => new(BitgetChannelNames.Books5, null),
            15 => new(BitgetChannelNames.Books15, null),
            50 => new(BitgetChannelNames.Books50, null),
            _ => new(BitgetChannelNames.Books, levels),
        };
    }
}
