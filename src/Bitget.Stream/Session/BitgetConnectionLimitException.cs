using System.Globalization;

namespace Bitget.Stream.Session;

/// <summary>
/// A subscription would need connections beyond the number Bitget allows per IP address (100), counted over every
/// session of the process that talks to the same server. Opening more risks a ban, so the session refuses instead, before
/// anything happens: nothing of the request is subscribed and no connection is opened or attempted.
/// </summary>
public sealed class BitgetConnectionLimitException : InvalidOperationException
{
    /// <summary>Creates the refusal with the figures it names.</summary>
    /// <param name="topicCount">The new topics the request asked for.</param>
    /// <param name="connectionsNeeded">The connections the session would hold with them.</param>
    /// <param name="connectionsToOpen">Of those, the ones it would have to open.</param>
    /// <param name="connectionsHeld">The connections the process holds now, over all of its sessions to the server.</param>
    /// <param name="maxConnections">The limit (Bitget: 100 per IP address).</param>
    /// <param name="topicsPerConnection">The most topics one connection of the session carries.</param>
    public BitgetConnectionLimitException(int topicCount, int connectionsNeeded, int connectionsToOpen, int connectionsHeld, int maxConnections,
        int topicsPerConnection)
        : base(Describe(topicCount, connectionsNeeded, connectionsToOpen, connectionsHeld, maxConnections, topicsPerConnection))
    {
        TopicCount = topicCount;
        ConnectionsNeeded = connectionsNeeded;
        ConnectionsToOpen = connectionsToOpen;
        ConnectionsHeld = connectionsHeld;
        MaxConnections = maxConnections;
    }

    /// <summary>The new topics the refused request asked for.</summary>
    public int TopicCount { get; }

    /// <summary>The connections the session would hold with them.</summary>
    public int ConnectionsNeeded { get; }

    /// <summary>The connections it would have had to open.</summary>
    public int ConnectionsToOpen { get; }

    /// <summary>The connections the process held when it refused, over all of its sessions to the server.</summary>
    public int ConnectionsHeld { get; }

    /// <summary>The limit that would have been passed.</summary>
    public int MaxConnections { get; }

    private static string Describe(int topics, int needed, int toOpen, int held, int max, int perConnection)
    {
        var free = Math.Max(0, max - held);
        return $"{N(topics)} {Plural(topics, "topic")} need {N(needed)} {Plural(needed, "connection")} (at most {N(perConnection)} topics each), " +
            $"{N(toOpen)} more than the session has open; this process holds {N(held)} of the {N(max)} connections Bitget allows per IP address " +
            $"(over all of its sessions to this server), so {(free == 0 ? "no more" : $"only {N(free)} more")} can open. Nothing was subscribed and no " +
            "connection was opened. Subscribe fewer topics, or first close a session (Disconnect-BitgetStream) or unregister topics.";
    }

    // 5,100: grouped, the same in every culture.
    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";
}
