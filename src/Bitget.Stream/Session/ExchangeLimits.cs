namespace Bitget.Stream.Session;

/// <summary>
/// Limits Bitget applies per IP address, so shared by every session of the process that talks to the same server
/// (<see cref="For"/>): at most 300 connection attempts in any 5 minutes (a minute's worth may go at once, then one a
/// second, never more than 300 in a window) and at most 100 connections. Going over would risk a ban; instead a connection attempt waits for the budget,
/// and a subscription that would need a connection beyond the limit is refused with a clear error.
/// </summary>
public sealed class ExchangeLimits
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ExchangeLimits> s_byServer = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The limits every session to this server shares (by host and port): the public, private and demo endpoints of
    /// Bitget each count apart, and so does a local mock exchange.
    /// </summary>
    public static ExchangeLimits For(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return s_byServer.GetOrAdd($"{endpoint.Host}:{endpoint.Port}", static _ => new ExchangeLimits());
    }

    /// <summary>Bitget's connection requests per IP in <see cref="AttemptWindow"/>.</summary>
    internal const int AttemptsPerWindow = 300;

    /// <summary>
    /// Bitget counts over 5 minutes; the log spans a few seconds more, because the server counts arrivals, and a slow
    /// connect can bunch them.
    /// </summary>
    internal static readonly TimeSpan AttemptWindow = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private int _connections;

    /// <summary>Creates limits (tests and tools use their own; sessions share <see cref="For"/> their server's).</summary>
    public ExchangeLimits(int maxConnections = 100, int attemptBurst = 60, TimeSpan? attemptInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        MaxConnections = maxConnections;
        Attempts = new ConnectionAttemptLimiter(attemptBurst, attemptInterval ?? TimeSpan.FromSeconds(1), AttemptsPerWindow, AttemptWindow);
    }

    /// <summary>Connections the process may hold open at once (Bitget: 100 per IP).</summary>
    public int MaxConnections { get; }

    /// <summary>Connections (shards) held now, over all sessions.</summary>
    public int Connections
    {
        get
        {
            lock (_gate)
                return _connections;
        }
    }

    internal ConnectionAttemptLimiter Attempts { get; }

    /// <summary>
    /// Takes <paramref name="count"/> connection slots at once, or none: false when the process would hold more than
    /// <see cref="MaxConnections"/>.
    /// </summary>
    internal bool TryReserveConnections(int count)
    {
        lock (_gate)
        {
            if (_connections + count > MaxConnections)
                return false;
            _connections += count;
            return true;
        }
    }

    /// <summary>Whether <paramref name="count"/> more connections would fit now (nothing is taken).</summary>
    internal bool Fits(int count)
    {
        lock (_gate)
            return _connections + count <= MaxConnections;
    }

    /// <summary>Gives a connection slot back.</summary>
    internal void ReleaseConnection()
    {
        lock (_gate)
            _connections = Math.Max(0, _connections - 1);
    }
}
