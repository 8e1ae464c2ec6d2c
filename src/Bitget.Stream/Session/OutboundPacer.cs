using System.Diagnostics;
using System.Threading.Channels;

namespace Bitget.Stream.Session;

/// <summary>
/// Sends a connection's outgoing text frames (pings and requests) in order, evenly spaced at most
/// <c>maxPerSecond</c> a second: Bitget disconnects clients that send more than 10. Even spacing rather than
/// bursts, because the server counts arrivals: a burst delivered late lands in the same second as the next one
/// (measured against the mock: 8 + 8 sends a second apart arrived within 976 ms). Owned by its connection.
/// </summary>
internal sealed class OutboundPacer : IAsyncDisposable
{
    private static readonly long s_hour = Stopwatch.Frequency * 3600;
    private readonly Channel<string> _queue;
    private readonly Func<string, bool> _send;
    private readonly long _spacing;
    private readonly int _subscribesPerHour;
    private readonly Action<int>? _onBudgetExhausted;
    private readonly Queue<long> _subscribeTimes = new();
    // Subscribe requests over the hourly budget wait here, so that pings behind them still leave on time.
    private readonly Queue<string> _deferred = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _lastSent = long.MinValue / 2;
    private long _lastPingSent;
    private long _pausedUntil;

    public OutboundPacer(int maxPerSecond, int capacity, Func<string, bool> send, int subscribesPerHour = int.MaxValue, Action<int>? onBudgetExhausted = null)
    {
        _send = send;
        _spacing = Stopwatch.Frequency / maxPerSecond;
        _subscribesPerHour = subscribesPerHour;
        _onBudgetExhausted = onBudgetExhausted;
        _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Messages sent so far.</summary>
    public long Sent;

    /// <summary>When the last ping actually left (Stopwatch timestamp), or 0.</summary>
    public long LastPingSent => Volatile.Read(ref _lastPingSent);

    /// <summary>Queues a frame; false when the queue is full or stopped.</summary>
    public bool TryEnqueue(string text) => _queue.Writer.TryWrite(text);

    /// <summary>Sends nothing but pings for a while (the server said 30006, too many requests).</summary>
    public void PauseRequests(TimeSpan pause) =>
        Volatile.Write(ref _pausedUntil, Stopwatch.GetTimestamp() + (long)(pause.TotalSeconds * Stopwatch.Frequency));

    private static bool IsSubscribe(string text) => text.StartsWith("{\"op\":\"subscribe\"", StringComparison.Ordinal);

    // Stopwatch ticks until a subscribe may leave (budget and pause); 0 = now.
    private long SubscribeWait(long now)
    {
        while (_subscribeTimes.Count > 0 && now - _subscribeTimes.Peek() >= s_hour)
            _subscribeTimes.Dequeue();
        var wait = Volatile.Read(ref _pausedUntil) - now;
        if (_subscribeTimes.Count >= _subscribesPerHour)
            wait = Math.Max(wait, _subscribeTimes.Peek() + s_hour - now);
        return Math.Max(0, wait);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                string? text;
                var fromDeferred = _deferred.Count > 0 && SubscribeWait(now) == 0;
                if (fromDeferred)
                {
                    text = _deferred.Dequeue();
                }
                else if (!_queue.Reader.TryRead(out text))
                {
                    if (_deferred.Count == 0)
                    {
                        if (!await _queue.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
                            return;
                    }
                    else
                    {
                        var delay = TimeSpan.FromSeconds(Math.Max(0.001, (double)SubscribeWait(now) / Stopwatch.Frequency));
                        var read = _queue.Reader.WaitToReadAsync(ct).AsTask();
                        await Task.WhenAny(read, Task.Delay(delay, ct)).ConfigureAwait(false);
                        ct.ThrowIfCancellationRequested();
                    }
                    continue;
                }

                var subscribe = IsSubscribe(text!);
                if (subscribe && !fromDeferred && (_deferred.Count > 0 || SubscribeWait(now) > 0))
                {
                    // Keep request order: once one waits, later ones wait behind it.
                    if (_subscribeTimes.Count >= _subscribesPerHour && _deferred.Count == 0)
                        _onBudgetExhausted?.Invoke(_subscribesPerHour);
                    _deferred.Enqueue(text);
                    continue;
                }

                var wait = _lastSent + _spacing - Stopwatch.GetTimestamp();
                if (wait > 0)
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), ct).ConfigureAwait(false);
                now = Stopwatch.GetTimestamp();
                _lastSent = now;
                if (!_send(text))
                    continue;
                Interlocked.Increment(ref Sent);
                if (subscribe)
                    _subscribeTimes.Enqueue(now);
                if (ReferenceEquals(text, Protocol.BitgetTextFrames.Ping))
                    Volatile.Write(ref _lastPingSent, now);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
