using System.Diagnostics;
using System.Threading.Channels;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Session;

/// <summary>
/// Sends a connection's outgoing frames evenly spaced at most <c>maxPerSecond</c> a second: Bitget disconnects clients
/// that send more than 10. Even spacing rather than bursts, because the server counts arrivals: a burst delivered late
/// lands in the same second as the next one (measured against the mock: 8 + 8 sends a second apart arrived within
/// 976 ms). Requests leave strictly in the order they were queued, so an unsubscribe never overtakes a subscribe held
/// back by the hourly budget or a 30006 pause (that would leave a ghost subscription on the server); only pings
/// overtake, so that a held-back request never starves the keep-alive. Owned by its connection.
/// </summary>
internal sealed class OutboundPacer : IAsyncDisposable
{
    private static readonly long s_hour = Stopwatch.Frequency * 3600;
    private readonly Channel<OutboundMessage> _requests;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Func<OutboundMessage, bool> _send;
    private readonly long _spacing;
    private readonly int _subscribesPerHour;
    private readonly Action<int>? _onBudgetExhausted;
    private readonly Queue<long> _subscribeTimes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private OutboundMessage? _head; // the next request, held while it waits for the budget or a pause (loop only)
    private bool _budgetReported;
    private int _pingPending;
    private long _lastSent = long.MinValue / 2;
    private long _lastPingSent;
    private long _pausedUntil;
    private long _sent;

    public OutboundPacer(int maxPerSecond, int capacity, Func<OutboundMessage, bool> send, int subscribesPerHour = int.MaxValue, Action<int>? onBudgetExhausted = null)
    {
        _send = send;
        _spacing = Stopwatch.Frequency / maxPerSecond;
        _subscribesPerHour = subscribesPerHour;
        _onBudgetExhausted = onBudgetExhausted;
        _requests = Channel.CreateBounded<OutboundMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Messages sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>When the last ping actually left (Stopwatch timestamp), or 0.</summary>
    public long LastPingSent => Volatile.Read(ref _lastPingSent);

    /// <summary>Queues a message (a ping goes ahead of waiting requests); false when the queue is full or stopped.</summary>
    public bool TryEnqueue(OutboundMessage message)
    {
        if (message.Kind == OutboundMessageKind.Ping)
            Volatile.Write(ref _pingPending, 1);
        else if (!_requests.Writer.TryWrite(message))
            return false;
        _wake.Writer.TryWrite(true);
        return true;
    }

    /// <summary>Sends nothing but pings for a while (the server said 30006, too many requests).</summary>
    public void PauseRequests(TimeSpan pause)
    {
        Volatile.Write(ref _pausedUntil, Stopwatch.GetTimestamp() + (long)(pause.TotalSeconds * Stopwatch.Frequency));
        _wake.Writer.TryWrite(true);
    }

    // Stopwatch ticks until the request may leave (pause, and the hourly budget for subscribes); 0 = now.
    private long RequestWait(OutboundMessage request, long now)
    {
        var wait = Volatile.Read(ref _pausedUntil) - now;
        if (request.Kind == OutboundMessageKind.Subscribe)
        {
            while (_subscribeTimes.Count > 0 && now - _subscribeTimes.Peek() >= s_hour)
                _subscribeTimes.Dequeue();
            if (_subscribeTimes.Count >= _subscribesPerHour)
            {
                wait = Math.Max(wait, _subscribeTimes.Peek() + s_hour - now);
                if (!_budgetReported)
                {
                    _budgetReported = true;
                    _onBudgetExhausted?.Invoke(_subscribesPerHour);
                }
            }
            else
                _budgetReported = false;
        }
        return Math.Max(0, wait);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                var spacingWait = _lastSent + _spacing - now;
                OutboundMessage? next = null;
                long wait = -1; // -1: nothing to send, wait for a wake-up
                if (Volatile.Read(ref _pingPending) != 0)
                {
                    next = OutboundMessage.Ping;
                    wait = Math.Max(0, spacingWait);
                }
                else
                {
                    if (_head is null && _requests.Reader.TryRead(out var request))
                        _head = request;
                    if (_head is not null)
                    {
                        next = _head;
                        wait = Math.Max(RequestWait(_head, now), Math.Max(0, spacingWait));
                    }
                    else if (_requests.Reader.Completion.IsCompleted)
                        return;
                }

                if (wait == 0)
                {
                    _lastSent = now;
                    if (ReferenceEquals(next, OutboundMessage.Ping))
                        Volatile.Write(ref _pingPending, 0);
                    else
                        _head = null;
                    if (!_send(next!))
                        continue;
                    Interlocked.Increment(ref _sent);
                    if (next!.Kind == OutboundMessageKind.Subscribe)
                        _subscribeTimes.Enqueue(now);
                    else if (next.Kind == OutboundMessageKind.Ping)
                        Volatile.Write(ref _lastPingSent, now);
                    continue;
                }

                // Wait for the next slot, or for a wake-up (a ping or a request may now go first or at all).
                var woken = _wake.Reader.WaitToReadAsync(ct).AsTask();
                if (wait > 0)
                    await Task.WhenAny(woken, Task.Delay(TimeSpan.FromSeconds(Math.Max(0.001, (double)wait / Stopwatch.Frequency)), ct)).ConfigureAwait(false);
                else if (!await woken.ConfigureAwait(false))
                    return;
                ct.ThrowIfCancellationRequested();
                _wake.Reader.TryRead(out _);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        _wake.Writer.TryComplete();
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
