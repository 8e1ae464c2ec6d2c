using System.Threading.Channels;
using Bitget.Stream.Models;
using Bitget.Stream.Transport;

namespace Bitget.Stream.Session;

/// <summary>
/// One consumer's bounded queue of items from a session, with a side queue of notices (errors, warnings,
/// the session's end). When the consumer is slower than the feed the oldest items are dropped, and every
/// drop is counted here and on the session. Dispose it to detach from the session.
/// </summary>
/// <remarks>
/// An item posted on a connection's receive thread does not wake the consumer at once: the thread owes the wake-up and
/// pays it at the end of its burst (<see cref="ReceiveBurst"/>), so a blocked consumer is woken once per burst, not once
/// per item, and never spins. Notices, completion, and items posted on any other thread wake it at once. Better still,
/// a consumer waiting in <see cref="Take"/> reads its feed's connections' sockets itself (<see cref="ReadLender"/>): one
/// thread is woken per frame, not two.
/// </remarks>
/// <typeparam name="T">The item type, e.g. <see cref="Models.BitgetTicker"/>.</typeparam>
public sealed class BitgetFeed<T> : IDisposable, IFeedEndpoint, IDeferredWake where T : class
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
    // 1 while a receive thread owes this feed a wake-up; posts since the last wake-up (a bound on what one waits for).
    private int _wakeOwed;
    private int _sinceWake;
    private readonly int _wakeEvery;
    // The connection this feed's consumer may read itself while it waits (see ReadLender), and since when it found nothing.
    private IReadOnlyList<ReadLender>? _lenders;
    private long _idleSince;
    private long _lookupDue;
    // Scratch lists for waiting on several connections at once.
    private readonly List<ReadLender> _claimed = [];
    private readonly List<System.Net.Sockets.Socket> _sockets = [];

    internal BitgetFeed(int capacity, IReadOnlySet<Models.BitgetTopic>? topics, Action<BitgetFeed<T>> detach, Action countSessionDrop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        // However long a burst, the consumer is woken before half the queue has filled, so deferring never drops.
        _wakeEvery = Math.Max(1, capacity / 2);
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
    /// Finds the connections that carry the topics of this feed, whose sockets the consumer may then read itself while
    /// it waits in <see cref="Take"/> (null: not all placed or connected yet). Set by the session.
    /// </summary>
    internal Func<IReadOnlyList<ReadLender>?>? LenderSource { get; set; }

    /// <summary>The longest a consumer polls a borrowed socket before it looks at its feed again (notices, cancellation).</summary>
    internal const int BorrowSliceMilliseconds = 50;

    /// <summary>How long a borrowed socket may stay silent before the consumer gives the read back and just waits.</summary>
    internal const int BorrowIdleMilliseconds = 250;

    /// <summary>
    /// Called on the session's thread after items or notices were queued, for consumers that are woken
    /// rather than blocked (PowerShell event actions). It must be quick and must not throw.
    /// </summary>
    public Action? Available { get; set; }

    internal void Post(T item)
    {
        Interlocked.Increment(ref _posted);
        if (!_items.Writer.TryWrite(item))
            return;
        if (ReceiveBurst.Current is null || Interlocked.Increment(ref _sinceWake) >= _wakeEvery)
            Wake();
        else if (Interlocked.Exchange(ref _wakeOwed, 1) == 0)
            ReceiveBurst.TryDefer(this);
    }

    void IDeferredWake.WakeNow()
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
    public bool TryTakeItem(out T? item) => _items.Reader.TryRead(out item);

    /// <summary>
    /// Blocks until a notice or an item is there (notices first), the timeout passes, or the feed completes.
    /// Meant for a consumer's own thread (the PowerShell pipeline thread).
    /// </summary>
    /// <remarks>
    /// While it waits, the calling thread may read the feed's connection itself, so the session's frame handling (parsing,
    /// and posting to this and other feeds) then runs on it; a notice posted meanwhile is seen within 50 ms.
    /// </remarks>
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
            if (LenderSource is not null && TryBorrow(remaining, cancellation))
                continue;
            if (!_signal.Wait((int)Math.Min(remaining, int.MaxValue), cancellation) && deadline != long.MaxValue
                && Environment.TickCount64 >= deadline)
                return BitgetFeedResult.TimedOut;
        }
    }

    // Instead of blocking: reads the feed's connection on this thread if it is lent (true: look at the queues again), or
    // leaves the wish to borrow it and returns false (block; the receive thread wakes this feed when it lends the read).
    private bool TryBorrow(long remaining, CancellationToken cancellation)
    {
        var lenders = _lenders;
        var now = Environment.TickCount64;
        // Looked up again when a connection closed; at most once a second while there are none (topics not placed or
        // connected yet), and once a second for a feed of every topic (the session may have opened another connection).
        if (lenders is null ? now >= _lookupDue : AnyClosed(lenders) || (Topics is null && now >= _lookupDue))
        {
            _lookupDue = now + 1000;
            _lenders = lenders = LenderSource!();
            _idleSince = 0;
        }
        if (lenders is null)
            return false;
        cancellation.ThrowIfCancellationRequested();
        var slice = remaining < 0 ? BorrowSliceMilliseconds : (int)Math.Min(remaining, BorrowSliceMilliseconds);
        var outcome = lenders.Count == 1
            ? lenders[0].Borrow(this, slice)
            : ReadLender.BorrowAny(lenders, this, slice, _claimed, _sockets);
        switch (outcome)
        {
            case ReadBorrowOutcome.Delivered:
                _idleSince = 0;
                return true;
            case ReadBorrowOutcome.Idle:
                now = Environment.TickCount64;
                if (_idleSince == 0)
                    _idleSince = now;
                else if (now - _idleSince >= BorrowIdleMilliseconds)
                {
                    // Quiet for a while: the receive threads wait on their sockets for free, this thread on the feed.
                    GiveBack(lenders);
                    _idleSince = 0;
                }
                return true;
            case ReadBorrowOutcome.GaveBack:
                return true;
            case ReadBorrowOutcome.Closed:
                _lenders = null;
                return false;
            default:
                return false;
        }
    }

    private static bool AnyClosed(IReadOnlyList<ReadLender> lenders)
    {
        foreach (var lender in lenders)
        {
            if (lender.IsClosed)
                return true;
        }
        return false;
    }

    private void GiveBack(IReadOnlyList<ReadLender> lenders)
    {
        foreach (var lender in lenders)
            lender.GiveBack(this);
    }

    /// <summary>Detaches from the session (its topics are released) and ends the feed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        // A read this consumer borrowed last goes back to the receive thread now rather than after its reclaim time.
        if (_lenders is { } lenders)
            GiveBack(lenders);
        _detach(this);
        Complete(null);
        Available = null;
    }
}
