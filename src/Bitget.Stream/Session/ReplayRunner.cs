using Bitget.Stream.Models;
using Bitget.Stream.Recording;

namespace Bitget.Stream.Session;

/// <summary>
/// Plays a session's recording (<see cref="BitgetSessionOptions.ReplayPath"/>) through its frame router instead of a
/// socket. It starts once the session has started and a consumer is there (a registration alone consumes nothing), waits
/// while a feed is half full rather than drop, and when the recording ends lets the consumers take what is queued, then
/// ends the session. A cut or damaged part of the file is a warning to every consumer, and the replay goes on at the
/// next intact part. Owned by the session, whose stop token stops it.
/// </summary>
internal sealed class ReplayRunner(FrameReplay replay, FrameRouter router, FeedHub hub, ISessionLifecycle session)
{
    private readonly object _gate = new();
    private bool _started;
    private bool _wanted;
    private Task? _loop;

    /// <summary>The replay loop, once it runs.</summary>
    public Task? Loop
    {
        get
        {
            lock (_gate)
                return _loop;
        }
    }

    /// <summary>The session started: the replay runs as soon as a consumer is there.</summary>
    public void SessionStarted(CancellationToken stop)
    {
        lock (_gate)
        {
            _started = true;
            StartIfDue(stop);
        }
    }

    /// <summary>A consumer opened a feed.</summary>
    public void ConsumerOpened(CancellationToken stop)
    {
        lock (_gate)
        {
            _wanted = true;
            StartIfDue(stop);
        }
    }

    // Under _gate.
    private void StartIfDue(CancellationToken stop)
    {
        if (!_started || !_wanted || _loop is not null || stop.IsCancellationRequested)
            return;
        var routes = router.CreateRoutes();
        _loop = Task.Run(async () =>
        {
            try
            {
                // Frames counts those handed on before this one: its number is one more. A cut or damaged part of the file
                // is a warning to every consumer; the replay goes on with what is intact.
                await replay.RunAsync((frame, receivedAt) => router.OnReplayedFrame(routes, frame.Span, receivedAt, replay.Frames + 1), stop, hub.AnyFeedHalfFull,
                    warning => hub.Broadcast(new BitgetNotice(BitgetNoticeKind.Warning, warning))).ConfigureAwait(false);
                await WaitForConsumersAsync(stop).ConfigureAwait(false);
                session.End(BitgetSessionState.Closed, $"the replay of {replay.Path} ended ({replay.Frames} frames{Skipped()})");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Closed by its owner.
            }
            catch (Exception ex)
            {
                session.End(BitgetSessionState.Failed, $"the replay of {replay.Path} failed: {ex.Message}", ex);
            }
        });
    }

    private string Skipped() =>
        (replay.BadLines > 0 ? $"; {replay.BadLines} line(s) skipped" : "")
        + (replay.DamagedParts > 0 ? $"; {replay.DamagedParts} cut or damaged part(s) skipped" : "");

    // The end of a replay ends the session, and a consumer that sees the end stops: first let every consumer take what
    // is queued for it. A consumer that takes nothing for 5 s is not waited for any longer.
    private async Task WaitForConsumersAsync(CancellationToken cancellation)
    {
        var last = long.MaxValue;
        var lastProgress = Environment.TickCount64;
        while (hub.QueuedItems() is var queued and > 0)
        {
            if (queued < last)
                lastProgress = Environment.TickCount64;
            else if (Environment.TickCount64 - lastProgress > 5000)
                return;
            last = queued;
            await Task.Delay(5, cancellation).ConfigureAwait(false);
        }
    }
}
