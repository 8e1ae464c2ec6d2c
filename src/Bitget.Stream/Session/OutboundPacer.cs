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
    private readonly Channel<string> _queue;
    private readonly Func<string, bool> _send;
    private readonly long _spacing;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _lastSent = long.MinValue / 2;
    private long _lastPingSent;

    public OutboundPacer(int maxPerSecond, int capacity, Func<string, bool> send)
    {
        _send = send;
        _spacing = Stopwatch.Frequency / maxPerSecond;
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

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var text))
                {
                    var wait = _lastSent + _spacing - Stopwatch.GetTimestamp();
                    if (wait > 0)
                        await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), ct).ConfigureAwait(false);
                    var now = Stopwatch.GetTimestamp();
                    _lastSent = now;
                    if (!_send(text))
                        continue;
                    Interlocked.Increment(ref Sent);
                    if (ReferenceEquals(text, Protocol.BitgetTextFrames.Ping))
                        Volatile.Write(ref _lastPingSent, now);
                }
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
