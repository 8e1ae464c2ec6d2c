using Bitget.Stream.Session;

namespace Bitget.Stream.Buffering;

/// <summary>
/// The last items of one type per key (instType and symbol, …) that a session delivered: a consumer of the session like
/// any feed, drained on the session's thread as items arrive, so it never falls behind. Memory is bounded by a depth per
/// key (<see cref="CapacityPerKey"/>) and, when given, by a total over all keys (<see cref="TotalCapacity"/>): the depth
/// in effect (<see cref="DepthPerKey"/>) is the smaller of the two shares, so a few symbols keep their full depth and
/// many share the total, each symbol dropping its own oldest items first. Items of more than <see cref="MaxKeys"/> keys
/// are dropped and counted in <see cref="DroppedKeys"/>. Thread-safe.
/// </summary>
/// <remarks>
/// Why a depth that shrinks rather than one queue over the session, oldest out first: with one queue a busy symbol pushes
/// the history of quiet ones out, and Get-BitgetTicker -Last of a quiet symbol would come back short. A share each keeps
/// every symbol's history as deep as the total allows.
/// </remarks>
/// <typeparam name="T">The item type, e.g. <see cref="Models.BitgetTicker"/>.</typeparam>
public sealed class ItemBuffer<T> : IDisposable where T : class
{
    /// <summary>The most keys a buffer holds (Bitget allows far fewer topics on the connections of one process).</summary>
    public const int MaxKeys = 10_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, Ring> _rings = new(StringComparer.Ordinal);
    private readonly Func<T, string> _key;
    private readonly BitgetFeed<T> _feed;
    private long _droppedKeys;
    private long _trimmed;
    private long _count;
    private int _depth;

    /// <summary>Starts buffering every <typeparamref name="T"/> item of <paramref name="session"/> (open it before connecting to miss none).</summary>
    /// <param name="session">The session.</param>
    /// <param name="capacityPerKey">Items kept per key at most, at least 1.</param>
    /// <param name="key">The key of an item, e.g. its instType and symbol.</param>
    /// <param name="totalCapacity">Items kept over all keys at most; 0 for no total (each key keeps <paramref name="capacityPerKey"/>).</param>
    public ItemBuffer(BitgetStreamSession session, int capacityPerKey, Func<T, string> key, int totalCapacity = 0)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerKey, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(totalCapacity);
        _key = key ?? throw new ArgumentNullException(nameof(key));
        CapacityPerKey = capacityPerKey;
        TotalCapacity = totalCapacity;
        _depth = capacityPerKey;
        // The feed only passes items through: each is moved into its ring on the thread that posted it.
        _feed = session.OpenFeed<T>(null, capacity: 1024);
        _feed.Available = Drain;
        Drain();
    }

    /// <summary>Items kept per key at most (Connect-BitgetStream -BufferSize).</summary>
    public int CapacityPerKey { get; }

    /// <summary>Items kept over all keys at most; 0 when there is no total.</summary>
    public int TotalCapacity { get; }

    /// <summary>
    /// Items kept per key now: <see cref="CapacityPerKey"/>, or less once the keys' shares of <see cref="TotalCapacity"/>
    /// are smaller (at least 1).
    /// </summary>
    public int DepthPerKey
    {
        get
        {
            lock (_gate)
                return _depth;
        }
    }

    /// <summary>Keys held.</summary>
    public int KeyCount
    {
        get
        {
            lock (_gate)
                return _rings.Count;
        }
    }

    /// <summary>Items held now.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>
    /// Items removed while their key held fewer than <see cref="CapacityPerKey"/>, to keep the buffer within
    /// <see cref="TotalCapacity"/>: history given up for memory, not items lost to delivery.
    /// </summary>
    public long Trimmed => Interlocked.Read(ref _trimmed);

    /// <summary>Items dropped because their key would have exceeded <see cref="MaxKeys"/>.</summary>
    public long DroppedKeys => Interlocked.Read(ref _droppedKeys);

    /// <summary>Items that arrived while the buffer was behind its feed (never expected: the feed is drained as it fills).</summary>
    public long DroppedItems => _feed.Dropped;

    private void Drain()
    {
        lock (_gate)
        {
            // Notices (errors, the session's end) are for the session's other consumers; the buffer only needs items.
            while (_feed.TryTakeNotice(out _))
            {
            }
            while (_feed.TryTakeItem(out var item))
                AddUnderGate(item!);
        }
    }

    /// <summary>Keeps an item as its key's newest (what the feed does for every item; tests call it directly).</summary>
    internal void Add(T item)
    {
        lock (_gate)
            AddUnderGate(item);
    }

    private void AddUnderGate(T item)
    {
        var key = _key(item);
        if (!_rings.TryGetValue(key, out var ring))
        {
            if (_rings.Count >= MaxKeys)
            {
                Interlocked.Increment(ref _droppedKeys);
                return;
            }
            _rings[key] = ring = new Ring();
            Reshare();
        }
        ring.Enqueue(item);
        ring.Newest = item;
        if (ring.Count <= _depth)
        {
            Interlocked.Increment(ref _count);
            return;
        }
        ring.Dequeue();
        if (_depth < CapacityPerKey)
            Interlocked.Increment(ref _trimmed);
    }

    // A new key: with a total, every key's share shrinks; each ring gives up its oldest items beyond it.
    private void Reshare()
    {
        if (TotalCapacity == 0)
            return;
        var depth = Math.Clamp(TotalCapacity / _rings.Count, 1, CapacityPerKey);
        if (depth >= _depth)
            return;
        _depth = depth;
        foreach (var ring in _rings.Values)
        {
            if (ring.Count <= depth)
                continue;
            var removed = ring.Count - depth;
            while (ring.Count > depth)
                ring.Dequeue();
            ring.TrimExcess();
            Interlocked.Add(ref _count, -removed);
            Interlocked.Add(ref _trimmed, removed);
        }
    }

    /// <summary>The newest item of each key whose newest item matches, ordered by key.</summary>
    public IReadOnlyList<T> Latest(Func<T, bool>? match = null)
    {
        lock (_gate)
        {
            var result = new List<T>(_rings.Count);
            foreach (var key in _rings.Keys.Order(StringComparer.Ordinal))
            {
                var ring = _rings[key];
                if (ring.Newest is { } newest && (match is null || match(newest)))
                    result.Add(newest);
            }
            return result;
        }
    }

    /// <summary>The newest <paramref name="count"/> items of each key whose items match, oldest first, ordered by key.</summary>
    public IReadOnlyList<T> Last(int count, Func<T, bool>? match = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            var result = new List<T>();
            foreach (var key in _rings.Keys.Order(StringComparer.Ordinal))
            {
                var ring = _rings[key];
                // Every item of a key shares what a filter looks at (symbol, instType): its newest decides.
                if (ring.Newest is not { } newest || (match is not null && !match(newest)))
                    continue;
                result.AddRange(ring.Skip(Math.Max(0, ring.Count - count)));
            }
            return result;
        }
    }

    // One key's items, oldest first, and its newest at hand (a queue shows only its oldest). Grows as items come, up to
    // the depth: a key that has had a few items holds a few slots, whatever the depth.
    private sealed class Ring : Queue<T>
    {
        public T? Newest;
    }

    /// <summary>Stops buffering and forgets the items.</summary>
    public void Dispose()
    {
        _feed.Dispose();
        lock (_gate)
        {
            _rings.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
    }
}
