using System.Diagnostics;

namespace Bitget.Stream.Session;

/// <summary>
/// Sends the text <c>ping</c> every ping interval and declares the connection dead when, after a ping has
/// left, no frame at all arrives within the pong timeout. Owned by its connection, which stops it. It wakes only when
/// something is due: twice a ping interval on a healthy connection.
/// </summary>
internal sealed class PongWatchdog : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="pingInterval">Time between pings.</param>
    /// <param name="pongTimeout">Silence after a ping that means the connection is dead.</param>
    /// <param name="sendPing">Queues a ping.</param>
    /// <param name="lastPingSent">Stopwatch timestamp of the last ping that left, or 0.</param>
    /// <param name="lastFrameReceived">Stopwatch timestamp of the last frame received.</param>
    /// <param name="onDead">Called once with the reason.</param>
    public PongWatchdog(TimeSpan pingInterval, TimeSpan pongTimeout, Action sendPing, Func<long> lastPingSent,
        Func<long> lastFrameReceived, Action<string> onDead)
    {
        _loop = Task.Run(() => RunAsync(pingInterval, pongTimeout, sendPing, lastPingSent, lastFrameReceived, onDead, _stop.Token));
    }

    // Sleeps until the next thing to do (the next ping, or the moment an unanswered ping times out) rather than ticking:
    // each wake-up is a thread-pool timer, which costs a connection at rest more than anything else it does.
    private static async Task RunAsync(TimeSpan pingInterval, TimeSpan pongTimeout, Action sendPing, Func<long> lastPingSent,
        Func<long> lastFrameReceived, Action<string> onDead, CancellationToken ct)
    {
        var intervalTicks = (long)(pingInterval.TotalSeconds * Stopwatch.Frequency);
        var timeoutTicks = (long)(pongTimeout.TotalSeconds * Stopwatch.Frequency);
        // Checks slightly after a deadline rather than at it: a timer that fires early must not need a second wake-up.
        var slack = Stopwatch.Frequency / 1000;
        var nextPing = Stopwatch.GetTimestamp() + intervalTicks;
        long pingQueuedAt = 0;
        long unansweredSince = 0; // when the first ping with no frame after it left; 0 = none outstanding
        try
        {
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= nextPing)
                {
                    sendPing();
                    pingQueuedAt = now;
                    nextPing = now + intervalTicks;
                }
                // Time from the first unanswered ping, not the latest: with pings more frequent than the
                // timeout a fresh ping must not restart the clock.
                var pingAt = lastPingSent();
                var frameAt = lastFrameReceived();
                if (unansweredSince != 0 && frameAt >= unansweredSince)
                    unansweredSince = 0;
                if (unansweredSince == 0 && pingAt > frameAt)
                    unansweredSince = pingAt;
                if (unansweredSince != 0 && now - unansweredSince > timeoutTicks)
                {
                    onDead($"no pong or other frame within {pongTimeout.TotalSeconds:0.###} s of a ping");
                    return;
                }

                var next = nextPing;
                if (unansweredSince != 0)
                    next = Math.Min(next, unansweredSince + timeoutTicks + slack);
                else if (pingQueuedAt > frameAt)
                    // Queued, maybe not sent yet (the pacer spaces frames): the timeout counts from when it leaves, later.
                    next = Math.Min(next, Math.Max(pingQueuedAt, pingAt) + timeoutTicks + slack);
                var wait = next - Stopwatch.GetTimestamp();
                if (wait > 0)
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
