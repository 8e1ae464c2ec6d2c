using System.Diagnostics;
using System.Threading.Channels;

namespace Bitget.Stream.Session;

/// <summary>
/// One consumer's bounded queue of items from a session, with a side queue of notices (errors, warnings,
/// the session's end). When the consumer is slower than the feed the oldest items are dropped, and every
/// drop is counted here and on the session. Dispose it to detach from the session.
/// </summary>
/// <typeparam name="T">The item type, e.g. <see cref="Models.BitgetTicker"/>.</typeparam>
public sealed class BitgetFeed<T> : IDisposable, IFeedEndpoint where T : class
{
    private const int NoticeCapacity = 1024;
    private readonly Channel<T> _items;
    private readonly Channel<BitgetNotice> _notices;
    private readonly ManualResetEventSlim _signal = new(false, spinCount: 0);
    private readonly Action<BitgetFeed<T>> _detach;
    private readonly Action _countSessionDrop;
    private long _dropped;
    private long _droppedNotices;
    private long _posted;
    private int _disposed;

    internal BitgetFeed(int capacity, IReadOnlySet<Models.BitgetTopic>? topics, Action<BitgetFeed<T>> detach, Action countSessionDrop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        Topics = topics;
        _detach = detach;
        _countSessionDrop = countSessionDrop;
        _items = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => { Interlocked.Increment(ref _dropped); _countSessionDrop(); });
        _notices = Channel.CreateBounded<BitgetNotice>(
            new BoundedChannelOptions(NoticeCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _droppedNotices));
    }

    /// <summary>The most items held before the oldest are dropped.</summary>
    public int Capacity { get; }

    /// <summary>The topics this feed takes, or null for every topic of the session.</summary>
    public IReadOnlySet<Models.BitgetTopic>? Topics { get; }

    /// <summary>Items dropped because the consumer fell <see cref="Capacity"/> behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Notices dropped because the consumer fell 1024 notices behind.</summary>
    public long DroppedNotices => Interlocked.Read(ref _droppedNotices);

    /// <summary>Items offered to this feed.</summary>
    public long Posted => Interlocked.Read(ref _posted);

    /// <summary>Items waiting.</summary>
    public int Count => _items.Reader.Count;

    /// <summary>True once the session ended this feed or it was disposed.</summary>
    public bool IsCompleted => _items.Reader.Completion.IsCompleted;

    /// <summary>
    /// Called on the session's thread after items or notices were queued, for consumers that are woken
    /// rather than blocked (PowerShell event actions). It must be quick and must not throw.
    /// </summary>
    public Action? Available { get; set; }

    internal void Post(T item)
    {
        Interlocked.Increment(ref _posted);
        if (_items.Writer.TryWrite(item))
            Wake();
    }

    internal void PostNotice(BitgetNotice notice)
    {
        if (_notices.Writer.TryWrite(notice))
            Wake();
    }

    void IFeedEndpoint.PostNotice(BitgetNotice notice) => PostNotice(notice);

    void IFeedEndpoint.Complete(BitgetNotice? last) => Complete(last);

    /// <summary>Ends the feed: what is queued can still be taken, then <see cref="BitgetFeedResult.Completed"/>.</summary>
    internal void Complete(BitgetNotice? last)
    {
        if (last is not null)
            _notices.Writer.TryWrite(last);
        _items.Writer.TryComplete();
        _notices.Writer.TryComplete();
        Wake();
    }

    private void Wake()
    {
        if (!_signal.IsSet)
            _signal.Set();
        Available?.Invoke();
    }

    /// <summary>Takes a queued notice without waiting. Notices come before items.</summary>
    public bool TryTakeNotice(out BitgetNotice? notice) => _notices.Reader.TryRead(out notice);

    /// <summary>Takes a queued item without waiting.</summary>
    public bool TryTakeItem(out T? item) => _items.Reader.TryRead(out item);

    /// <summary>
    /// Blocks until a notice or an item is there (notices first), the timeout passes, or the feed completes.
    /// Meant for a consumer's own thread (the PowerShell pipeline thread).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public BitgetFeedResult Take(TimeSpan timeout, CancellationToken cancellation, out T? item, out BitgetNotice? notice)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            item = null;
            if (_notices.Reader.TryRead(out notice))
                return BitgetFeedResult.Notice;
            if (_items.Reader.TryRead(out item))
                return BitgetFeedResult.Item;
            if (_items.Reader.Completion.IsCompleted && _notices.Reader.Completion.IsCompleted)
                return BitgetFeedResult.Completed;

            // Reset, then look again, so that a post between the checks above and the wait is never missed.
            _signal.Reset();
            if (_notices.Reader.TryRead(out notice))
                return BitgetFeedResult.Notice;
            if (_items.Reader.TryRead(out item))
                return BitgetFeedResult.Item;
            if (_items.Reader.Completion.IsCompleted && _notices.Reader.Completion.IsCompleted)
                return BitgetFeedResult.Completed;

            var remaining = deadline == long.MaxValue ? -1 : deadline - Environment.TickCount64;
            if (remaining <= 0 && deadline != long.MaxValue)
                return BitgetFeedResult.TimedOut;
            if (SpinUntilSignalled())
                continue;
            if (!_signal.Wait((int)Math.Min(remaining, int.MaxValue), cancellation) && deadline != long.MaxValue
                && Environment.TickCount64 >= deadline)
                return BitgetFeedResult.TimedOut;
        }
    }

    // Take spins up to SpinTicks for the next post before it blocks. A consumer that keeps up with a busy producer
    // otherwise empties the queue, blocks and is woken for every single item: a futex wake on the producer's thread
    // (the receive thread, which limits throughput) and a wait plus a context switch on the consumer's, several µs each,
    // more than handling the item. Spinning pays only while posts follow each other closely and a core is free for it,
    // so it is adaptive: a spin that catches a post earns credit, one that times out costs more, and without credit
    // Take blocks at once (sparse traffic, an oversubscribed machine), trying again after a few blocks. Never on one core.
    private static readonly long SpinTicks = Environment.ProcessorCount > 1 ? Stopwatch.Frequency / 50_000 : 0; // 20 µs
    private const int SpinCreditMax = 16;
    private const int SpinMissCost = 8;
    private int _spinCredit = SpinCreditMax; // the consumer's thread only (Take has a single reader)

    private bool SpinUntilSignalled()
    {
        if (SpinTicks == 0)
            return false;
        if (_spinCredit <= 0)
        {
            _spinCredit++;
            return false;
        }
        var until = Stopwatch.GetTimestamp() + SpinTicks;
        do
        {
            Thread.SpinWait(10);
            if (_signal.IsSet)
            {
                if (_spinCredit < SpinCreditMax)
                    _spinCredit++;
                return true;
            }
        }
        while (Stopwatch.GetTimestamp() < until);
        _spinCredit -= SpinMissCost;
        return false;
    }

    /// <summary>Detaches from the session (its topics are released) and ends the feed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _detach(this);
        Complete(null);
        Available = null;
    }
}
