using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.EndToEnd;

/// <summary>
/// A consumer as a user writes one: its own thread, <c>Take</c> in a loop (as Receive-BitgetTicker does on the pipeline
/// thread), counting tickers and optionally recording their receive→consumer latency.
/// </summary>
internal sealed class FeedConsumer : IDisposable
{
    private readonly BitgetFeed<BitgetTicker> _feed;
    private readonly LatencyRecorder? _latency;
    private readonly LatencyRecorder? _sentLatency;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Counter _items = new();
    private readonly TimeSpan _busyPerItem;
    private readonly Func<BitgetTicker, decimal?> _sentAt;
    private long _notices;

    /// <param name="sentLatency">Records server write → Take from the write time a pattern server puts in each ticker.</param>
    /// <param name="busyPerItem">Sleeps this long after each item: a consumer slow downstream (a disk, a chart).</param>
    /// <param name="sentAt">Where the write time is (<see cref="PatternServer.SentAtField"/>): DeliveryPrice unless said (v3: QuoteVolume).</param>
    public FeedConsumer(BitgetFeed<BitgetTicker> feed, LatencyRecorder? latency = null, LatencyRecorder? sentLatency = null, TimeSpan busyPerItem = default,
        Func<BitgetTicker, decimal?>? sentAt = null)
    {
        _sentAt = sentAt ?? (t => t.DeliveryPrice);
        _feed = feed;
        _latency = latency;
        _sentLatency = sentLatency;
        _busyPerItem = busyPerItem;
        _thread = new Thread(Run) { IsBackground = true, Name = "feed consumer" };
        _thread.Start();
    }

    public long Items => _items.Value;

    public long Notices => Interlocked.Read(ref _notices);

    private void Run()
    {
        try
        {
            while (true)
            {
                // As Receive-BitgetTicker waits: no timeout, cancellation only (a timeout would wake it 4 times a second).
                var result = _feed.Take(Timeout.InfiniteTimeSpan, _stop.Token, out var ticker, out _);
                switch (result)
                {
                    case BitgetFeedResult.Item:
                        _latency?.Record(ticker!.ReceivedAt);
                        if (_sentLatency is not null && _sentAt(ticker!) is { } sentAt)
                            _sentLatency.RecordSince((long)sentAt);
                        _items.Increment();
                        // Take hands out queued items even once cancelled: a busy consumer stops on the token itself.
                        if (_busyPerItem > TimeSpan.Zero && _stop.Token.WaitHandle.WaitOne(_busyPerItem))
                            return;
                        break;
                    case BitgetFeedResult.Notice:
                        Interlocked.Increment(ref _notices);
                        break;
                    case BitgetFeedResult.Completed:
                        return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
