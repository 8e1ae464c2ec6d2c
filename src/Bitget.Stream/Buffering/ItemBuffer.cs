using Bitget.Stream.Collections;
using Bitget.Stream.Session;

namespace Bitget.Stream.Buffering;

/// <summary>
/// The last <see cref="CapacityPerKey"/> items of one type per key (instType and symbol, …) that a session delivered:
/// a consumer of the session like any feed, drained on the session's thread as items arrive, so it never falls behind.
/// Memory is bounded: at most <see cref="CapacityPerKey"/> items for each of at most <see cref="MaxKeys"/> keys; items
/// of further keys are dropped and counted in <see cref="DroppedKeys"/>. Thread-safe.
/// </summary>
/// <typeparam name="T">The item type, e.g. <see cref="Models.BitgetTicker"/>.</typeparam>
public sealed class ItemBuffer<T> : IDisposable where T : class
{
    /// <summary>The most keys a buffer holds (Bitget allows far fewer topics on the connections of one process).</summary>
    public const int MaxKeys = 10_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, BoundedRing<T>> _rings = new(StringComparer.Ordinal);
    private readonly Func<T, string> _key;
    private readonly BitgetFeed<T> _feed;
    private long _droppedKeys;

    /// <summary>Starts buffering every <typeparamref name="T"/> item of <paramref name="session"/> (open it before connecting to miss none).</summary>
    /// <param name="session">The session.</param>
    /// <param name="capacityPerKey">Items kept per key, at least 1.</param>
    /// <param name="key">The key of an item, e.g. its instType and symbol.</param>
    public ItemBuffer(BitgetStreamSession session, int capacityPerKey, Func<T, string> key)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerKey, 1);
        _key = key ?? throw new ArgumentNullException(nameof(key));
        CapacityPerKey = capacityPerKey;
        // The feed only passes items through: each is moved into its ring on the thread that posted it.
        _feed = session.OpenFeed<T>(null, capacity: 1024);
        _feed.Available = Drain;
        Drain();
    }

    /// <summary>Items kept per key.</summary>
    public int CapacityPerKey { get; }

    /// <summary>Keys held.</summary>
    public int KeyCount
    {
        get
        {
            lock (_gate)
                return _rings.Count;
        }
    }

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
            {
                var key = _key(item!);
                if (!_rings.TryGetValue(key, out var ring))
                {
                    if (_rings.Count >= MaxKeys)
                    {
                        Interlocked.Increment(ref _droppedKeys);
                        continue;
                    }
                    _rings[key] = ring = new BoundedRing<T>(CapacityPerKey);
                }
                ring.Add(item!);
            }
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
                var newest = _rings[key].Newest(1);
                if (newest.Length == 1 && (match is null || match(newest[0])))
                    result.Add(newest[0]);
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
                var items = _rings[key].Newest(count);
                // Every item of a key shares what a filter looks at (symbol, instType): its newest decides.
                if (items.Length > 0 && (match is null || match(items[^1])))
                    result.AddRange(items);
            }
            return result;
        }
    }

    /// <summary>Stops buffering and forgets the items.</summary>
    public void Dispose()
    {
        _feed.Dispose();
        lock (_gate)
            _rings.Clear();
    }
}
