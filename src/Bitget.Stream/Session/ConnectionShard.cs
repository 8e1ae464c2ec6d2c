namespace Bitget.Stream.Session;

/// <summary>
/// One connection slot of a session: the topics assigned to it (in the registry), its current connection and the
/// supervisor loop that keeps it connected. Fields are guarded by the session's lock.
/// </summary>
internal sealed class ConnectionShard(int index)
{
    /// <summary>Position in the session's list; topics are assigned by index.</summary>
    public int Index { get; } = index;

    /// <summary>The live connection, or null while (re)connecting.</summary>
    public BitgetConnection? Connection;

    /// <summary>Whether a connection of this slot ever opened (later ones count as reconnects).</summary>
    public bool EverConnected;

    /// <summary>Stops this slot's supervisor (an idle slot is stopped when it carries no topic).</summary>
    public CancellationTokenSource? Stop;

    /// <summary>The supervisor loop, while running.</summary>
    public Task? Supervisor;

    /// <summary>When the current connection opened (UTC ticks), 0 while disconnected.</summary>
    public long ConnectedSinceTicks;

    /// <summary>Whether the supervisor runs.</summary>
    public bool IsRunning => Supervisor is { IsCompleted: false };

    /// <summary>Running and not being stopped: a slot the session counts on.</summary>
    public bool IsActive => IsRunning && Stop is { IsCancellationRequested: false };
}
