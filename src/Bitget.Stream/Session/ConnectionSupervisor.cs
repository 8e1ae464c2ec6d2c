using System.Diagnostics;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Session;

/// <summary>
/// Keeps each shard connected: opens a connection (within the process's attempt budget), runs the connection hook,
/// replays the shard's subscriptions, and when the connection dies replaces it, at once after a healthy connection and
/// with capped, jittered backoff after failures. It replaces a connection before Bitget's daily cut, and closes a
/// connection left with no topic before Bitget cuts it. It owns every connection it opens and disposes it on every path.
/// </summary>
internal sealed class ConnectionSupervisor(
    BitgetSessionOptions options,
    SubscriptionMonitor monitor,
    FrameRouter router,
    FeedHub hub,
    SessionCounters counters,
    ISessionLifecycle session)
{
    // Why a connection failed or closed, as shown: long enough for the transport's own cap on a server's text.
    private const int MaxReasonLength = 1000;

    // Completed (and replaced) when a connection opens after failures: the server is back, so the other shards
    // waiting out a backoff try again now instead of at the end of their delay.
    private TaskCompletionSource _serverBack = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The shards (set once, right after construction: the pool and the supervisor refer to each other).</summary>
    public ShardPool Pool { get; set; } = null!;

    /// <summary>Runs when a connection is open, before its subscriptions are replayed.</summary>
    public IConnectionHook? Hook { get; set; }

    public async Task RunAsync(ConnectionShard shard, CancellationToken stop)
    {
        var failures = 0;
        var label = shard.Index == 0 ? options.Endpoint.ToString() : $"{options.Endpoint} (connection {shard.Index + 1})";
        try
        {
            while (!stop.IsCancellationRequested)
            {
                TimeSpan wait;
                // Taken before the attempt: a connection of the session that gets through while this attempt fails still
                // cuts this shard's backoff short.
                var serverBack = Volatile.Read(ref _serverBack).Task;
                await options.Limits!.Attempts.WaitAsync(stop).ConfigureAwait(false);
                var connection = new BitgetConnection(options, router.CreateRoutes(), router.OnFrame, router.OnFault, monitor.OnSubscribeBudgetExhausted);
                try
                {
                    var outcome = await LiveAsync(shard, connection, label, failures, stop).ConfigureAwait(false);
                    if (outcome is not { } next)
                        return;
                    (failures, wait) = next;
                }
                finally
                {
                    // Whatever happened (a cancelled connect, a failed hook, a closed connection): nothing stays open. A
                    // connection that is still alive (the session or the shard stops) says goodbye; a dead one is aborted,
                    // so that its replacement does not wait for a close handshake that cannot come.
                    await connection.CloseAndDisposeAsync(graceful: !connection.Closed.IsCompleted).ConfigureAwait(false);
                    lock (Pool.Gate)
                    {
                        if (ReferenceEquals(shard.Connection, connection))
                        {
                            shard.Connection = null;
                            shard.ConnectedSinceTicks = 0;
                        }
                    }
                    session.UpdateState();
                }

                if (wait > TimeSpan.Zero)
                    await BackOffAsync(wait, serverBack, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A bug, not a network event: end loudly rather than hang silently.
            session.End(BitgetSessionState.Failed, $"internal error: {ex}", ex);
        }
    }

    // One connection's life. Returns the failure count to go on with and the wait before the next attempt, or null when
    // the shard stops (the session ended, or the shard has no topic left).
    private async Task<(int Failures, TimeSpan Wait)?> LiveAsync(ConnectionShard shard, BitgetConnection connection, string label, int failures, CancellationToken stop)
    {
        try
        {
            await connection.OpenAsync(stop).ConfigureAwait(false);
            if (Hook is { } hook)
                await hook.OnOpenedAsync(connection, stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            if (ex is BitgetSessionFatalException)
            {
                session.End(BitgetSessionState.Failed, ex.Message, ex);
                return null;
            }
            failures++;
            // The transport's messages may quote the server (an upgrade answer, a close reason): shown escaped.
            var why = ServerText.Escape(ex.GetBaseException().Message, MaxReasonLength);
            if (shard.Index == 0 && !session.EverConnected)
            {
                session.End(BitgetSessionState.Failed, $"could not connect to {options.Endpoint}: {why}", new BitgetConnectException(options.Endpoint, ex));
                return null;
            }
            if (options.MaxReconnectAttempts > 0 && failures >= options.MaxReconnectAttempts)
            {
                session.End(BitgetSessionState.Failed, $"gave up after {failures} failed reconnect attempts; last: {why}");
                return null;
            }
            var delay = options.ReconnectPolicy.NextDelay(failures);
            hub.Broadcast(new BitgetNotice(BitgetNoticeKind.Warning,
                $"Reconnect attempt {failures} to {label} failed ({why}); retrying in {delay.TotalSeconds:0.0} s."));
            return (failures, delay);
        }

        bool reconnected;
        lock (Pool.Gate)
        {
            stop.ThrowIfCancellationRequested();
            shard.Connection = connection;
            reconnected = shard.EverConnected;
            shard.EverConnected = true;
            if (reconnected)
                Interlocked.Increment(ref counters.Reconnects);
            shard.ConnectedSinceTicks = DateTimeOffset.UtcNow.UtcTicks;
        }
        session.OnConnected();
        if (failures > 0)
            Interlocked.Exchange(ref _serverBack, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        var replayed = monitor.Replay(shard.Index);
        if (reconnected)
            hub.Broadcast(new BitgetNotice(BitgetNoticeKind.Verbose, $"Reconnected to {label}; resubscribing {replayed} topic(s)."));

        var reason = ServerText.Escape(await WatchAsync(shard, connection, stop).ConfigureAwait(false), MaxReasonLength);
        if (reason is null)
        {
            hub.Broadcast(new BitgetNotice(BitgetNoticeKind.Verbose,
                $"Closed the connection to {label}: it carries no subscription (Bitget cuts such connections after 30 s); it opens again with the next one."));
            return null;
        }

        // A connection that died young counts as a failure, so a server that accepts and drops at once is met with
        // growing delays rather than a tight loop. A planned replacement (age, 30033) is no failure; after a healthy
        // connection the first attempt goes at once.
        var lived = Stopwatch.GetElapsedTime(connection.OpenedAt);
        failures = lived >= options.HealthyConnectionTime || connection.Planned ? 0 : failures + 1;
        if (options.MaxReconnectAttempts > 0 && failures >= options.MaxReconnectAttempts)
        {
            session.End(BitgetSessionState.Failed, $"gave up after {failures} short-lived connections; last: {reason}");
            return null;
        }
        var wait = failures == 0 ? TimeSpan.Zero : options.ReconnectPolicy.NextDelay(failures);
        hub.Broadcast(new BitgetNotice(connection.Planned ? BitgetNoticeKind.Verbose : BitgetNoticeKind.Warning,
            wait == TimeSpan.Zero ? $"Lost the connection to {label}: {reason}; reconnecting now." : $"Lost the connection to {label}: {reason}; reconnecting in {wait.TotalSeconds:0.0} s."));
        return (failures, wait);
    }

    // Until the connection closes (its reason), or the shard is left idle (null). Replaces it before the daily cut.
    // Event-driven, no polling: on an idle session every timer tick costs CPU that a recorder left running for days pays.
    private async Task<string?> WatchAsync(ConnectionShard shard, BitgetConnection connection, CancellationToken stop)
    {
        var closed = connection.Closed;
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var aged = options.MaxConnectionAge > TimeSpan.Zero
            ? Task.Delay(Max(TimeSpan.Zero, options.MaxConnectionAge - Stopwatch.GetElapsedTime(connection.OpenedAt)), watch.Token)
            : Task.Delay(Timeout.Infinite, watch.Token);
        try
        {
            Task? idle = null; // while the shard is empty: the grace period before its connection is closed
            while (true)
            {
                var next = idle ?? Pool.WhenEmpty(shard);
                await Task.WhenAny(closed, aged, next).ConfigureAwait(false);
                stop.ThrowIfCancellationRequested();
                if (closed.IsCompleted)
                    return await closed.ConfigureAwait(false);
                if (aged.IsCompleted)
                {
                    connection.ClosePlanned($"recycled after {FormatAge(options.MaxConnectionAge)}, before the exchange's daily cut");
                    return await closed.ConfigureAwait(false);
                }
                if (idle is null)
                {
                    // No topic left: wait a while (a new subscription may come), then close rather than be cut.
                    idle = Task.Delay(options.IdleConnectionTimeout, watch.Token);
                    continue;
                }
                idle = null;
                if (Pool.StopIfIdle(shard))
                    return null;
            }
        }
        finally
        {
            watch.Cancel();
        }
    }

    // Waits out a backoff delay, cut short when another connection of the session got through.
    private static async Task BackOffAsync(TimeSpan delay, Task back, CancellationToken stop)
    {
        await Task.WhenAny(Task.Delay(delay, stop), back).ConfigureAwait(false);
        stop.ThrowIfCancellationRequested();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string FormatAge(TimeSpan age) =>
        age >= TimeSpan.FromHours(1) ? $"{age.TotalHours:0.##} h" : age >= TimeSpan.FromMinutes(1) ? $"{age.TotalMinutes:0.##} min" : $"{age.TotalSeconds:0.##} s";
}
