namespace Bitget.Stream.Session;

/// <summary>
/// One shard of a session: a slot for up to <see cref="BitgetSessionOptions.MaxTopicsPerConnection"/> topics (assigned
/// in the registry), its current connection and the supervisor loop that keeps it connected. Fields are guarded by
/// the shard pool's lock.
/// </summary>
internal sealed class ConnectionShard(int index)
{
    /// <summary>Position in the pool; topics are assigned by index.</summary>
    public int Index { get; } = index;

    /// <summary>The live connection, or null while (re)connecting or stopped.</summary>
    public BitgetConnection? Connection;

    /// <summary>Whether a connection of this shard ever opened (later ones count as reconnects).</summary>
    public bool EverConnected;

    /// <summary>
    /// Stops this shard's supervisor (a shard with no topic is stopped); null once a stop was decided (the stopper owns
    /// and cancels it, outside the pool's lock).
    /// </summary>
    public CancellationTokenSource? Stop;

    /// <summary>The supervisor loop, while running.</summary>
    public Task? Supervisor;

    /// <summary>When the current connection opened (UTC ticks), 0 while disconnected.</summary>
    public long ConnectedSinceTicks;

    /// <summary>Completed when the shard is left with no topic (see <see cref="ShardPool.WhenEmpty"/>).</summary>
    public TaskCompletionSource? Emptied;

    /// <summary>Whether the supervisor runs.</summary>
    public bool IsRunning => Supervisor is { IsCompleted: false };

    /// <summary>Running and not being stopped: a shard the session counts on.</summary>
    public bool IsActive => IsRunning && Stop is { IsCancellationRequested: false };
}
