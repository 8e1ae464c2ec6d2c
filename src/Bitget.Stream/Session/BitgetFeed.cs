using System.Threading.Channels;
using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>
/// One consumer's bounded queue of items from a session, with a side queue of notices (errors, warnings,
/// the session's end). When the consumer is slower than the feed the oldest items are dropped, and every
/// drop is counted here and on the session. Dispose it to detach from the session.
/// </summary>
/// <remarks>
/// Items are posted on the connections' receive threads and taken on the consumer's: the consumer never reads a socket
/// or handles a frame. An item posted while a frame is handled does not wake the consumer at once: the connection owes
/// the wake-up and pays it at the end of its burst (<see cref="WakeBatch"/>), so a blocked consumer is woken once per
/// burst, not once per item, and never spins. Notices, completion, and items posted on any other thread wake it at once.
/// </remarks>
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
    private long _taken;
    private int _disposed;
    private int _sealed;
    private int _ended;
    // 1 while a receive thread owes this feed a wake-up; posts since the last wake-up (a bound on what one waits for).
    private int _wakeOwed;
    private int _sinceWake;
    private readonly int _wakeEvery;
    // Swapped whole (never changed in place): the receive threads read it without a lock.
    private volatile IReadOnlySet<Models.BitgetTopic>? _topics;
    private readonly Lock _topicsGate = new();

    internal BitgetFeed(int capacity, IReadOnlySet<Models.BitgetTopic>? topics, Action<BitgetFeed<T>> detach, Action countSessionDrop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        // However long a burst, the consumer is woken before half the queue has filled, so deferring never drops.
        _wakeEvery = Math.Max(1, capacity / 2);
        _topics = topics;
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
    public IReadOnlySet<Models.BitgetTopic>? Topics => _topics;

    /// <summary>
    /// Stops taking the given topics (of those it takes); returns the ones it let go. The caller releases them on the
    /// session. A feed of every topic (null <see cref="Topics"/>) has none to let go.
    /// </summary>
    internal List<Models.BitgetTopic> Drop(IEnumerable<Models.BitgetTopic> topics)
    {
        lock (_topicsGate)
        {
            if (_topics is not { } current)
                return [];
            var dropped = topics.Where(current.Contains).Distinct().ToList();
            if (dropped.Count > 0)
                _topics = current.Except(dropped).ToHashSet();
            return dropped;
        }
    }

    /// <summary>
    /// Items dropped: because the consumer fell <see cref="Capacity"/> behind, or because they were still queued when
    /// the consumer ended and could not take them (<see cref="DropQueued"/>).
    /// </summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Notices dropped because the consumer fell 1024 notices behind.</summary>
    public long DroppedNotices => Interlocked.Read(ref _droppedNotices);

    /// <summary>
    /// Items this feed took in (queued). Each is later taken, dropped or still queued: <see cref="Posted"/> =
    /// <see cref="Taken"/> + <see cref="Dropped"/> + <see cref="Count"/>. Items offered once it was sealed or ended are
    /// not taken in and not counted.
    /// </summary>
    public long Posted => Interlocked.Read(ref _posted);

    /// <summary>Items the consumer took.</summary>
    public long Taken => Interlocked.Read(ref _taken);

    /// <summary>Items waiting.</summary>
    public int Count => _items.Reader.Count;

    /// <summary>True once the session ended this feed or it was disposed, and what it held was taken.</summary>
    public bool IsCompleted => Volatile.Read(ref _ended) == 1 && _items.Reader.Completion.IsCompleted;

    /// <summary>True once <see cref="Seal"/> was called: no item is taken in any more.</summary>
    public bool IsSealed => Volatile.Read(ref _sealed) == 1;

    /// <summary>
    /// Called on the session's thread after items or notices were queued, for consumers that are woken
    /// rather than blocked (PowerShell event actions). It must be quick and must not throw.
    /// </summary>
    public Action? Available { get; set; }

    internal void Post(T item)
    {
        if (!_items.Writer.TryWrite(item))
            return;
        Interlocked.Increment(ref _posted);
        if (WakeBatch.Current is not { } batch || Interlocked.Increment(ref _sinceWake) >= _wakeEvery)
            Wake();
        else if (Interlocked.Exchange(ref _wakeOwed, 1) == 0)
            batch.Defer(this);
    }

    void IFeedEndpoint.WakeNow()
    {
        Volatile.Write(ref _wakeOwed, 0);
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
        Volatile.Write(ref _ended, 1);
        if (last is not null)
            _notices.Writer.TryWrite(last);
        _items.Writer.TryComplete();
        _notices.Writer.TryComplete();
        Wake();
    }

    private void Wake()
    {
        Volatile.Write(ref _sinceWake, 0);
        if (!_signal.IsSet)
            _signal.Set();
        Available?.Invoke();
    }

    /// <summary>Takes a queued notice without waiting. Notices come before items.</summary>
    public bool TryTakeNotice(out BitgetNotice? notice) => _notices.Reader.TryRead(out notice);

    /// <summary>Takes a queued item without waiting.</summary>
    public bool TryTakeItem(out T? item)
    {
        if (!_items.Reader.TryRead(out item))
            return false;
        Interlocked.Increment(ref _taken);
        return true;
    }

    /// <summary>
    /// Takes no item in from now on (the consumer's time is up); what is queued can still be taken, and notices still
    /// arrive. Later items are not counted as taken in or dropped: they belong to no one's run. Returns the items queued.
    /// </summary>
    public int Seal()
    {
        Volatile.Write(ref _sealed, 1);
        _items.Writer.TryComplete();
        return _items.Reader.Count;
    }

    /// <summary>
    /// Drops what is queued (the consumer ends without taking it), counting each item as dropped here and on the
    /// session; returns how many.
    /// </summary>
    public int DropQueued()
    {
        var dropped = 0;
        while (_items.Reader.TryRead(out _))
        {
            dropped++;
            Interlocked.Increment(ref _dropped);
            _countSessionDrop();
        }
        return dropped;
    }

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
            if (TryTakeItem(out item))
                return BitgetFeedResult.Item;
            if (_items.Reader.Completion.IsCompleted && _notices.Reader.Completion.IsCompleted)
                return BitgetFeedResult.Completed;

            // Reset, then look again, so that a post between the checks above and the wait is never missed.
            _signal.Reset();
            if (_notices.Reader.TryRead(out notice))
                return BitgetFeedResult.Notice;
            if (TryTakeItem(out item))
                return BitgetFeedResult.Item;
            if (_items.Reader.Completion.IsCompleted && _notices.Reader.Completion.IsCompleted)
                return BitgetFeedResult.Completed;

            var remaining = deadline == long.MaxValue ? -1 : deadline - Environment.TickCount64;
            if (remaining <= 0 && deadline != long.MaxValue)
                return BitgetFeedResult.TimedOut;
            if (!_signal.Wait((int)Math.Min(remaining, int.MaxValue), cancellation) && deadline != long.MaxValue
                && Environment.TickCount64 >= deadline)
                return BitgetFeedResult.TimedOut;
        }
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
