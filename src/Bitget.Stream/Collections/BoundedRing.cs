namespace Bitget.Stream.Collections;

/// <summary>
/// A first-in, first-out buffer of at most <see cref="Capacity"/> items that keeps the newest: adding to a full ring
/// overwrites the oldest item and counts it in <see cref="Overwritten"/>. Adding and taking are O(1) and allocate
/// nothing after construction. Not thread-safe: one owner, or the owner's lock.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class BoundedRing<T>
{
    private readonly T[] _items;
    private int _head; // index of the oldest item
    private int _count;

    /// <summary>Creates an empty ring.</summary>
    /// <param name="capacity">The most items it holds; at least 1.</param>
    public BoundedRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    /// <summary>The most items the ring holds.</summary>
    public int Capacity => _items.Length;

    /// <summary>Items held now.</summary>
    public int Count => _count;

    /// <summary>Items overwritten (lost unread) since the ring was created.</summary>
    public long Overwritten { get; private set; }

    /// <summary>Adds an item as the newest; on a full ring the oldest is overwritten.</summary>
    /// <returns>True when an item was overwritten to make room.</returns>
    public bool Add(T item)
    {
        if (_count == _items.Length)
        {
            _items[_head] = item;
            _head = Next(_head);
            Overwritten++;
            return true;
        }
        _items[Wrap(_head + _count)] = item;
        _count++;
        return false;
    }

    /// <summary>Takes the oldest item.</summary>
    /// <returns>False when the ring is empty.</returns>
    public bool TryTake(out T item)
    {
        if (_count == 0)
        {
            item = default!;
            return false;
        }
        item = _items[_head];
        _items[_head] = default!; // let the taken item be collected
        _head = Next(_head);
        _count--;
        return true;
    }

    /// <summary>Copies the newest <paramref name="count"/> items (fewer when the ring holds fewer), oldest first, without taking them.</summary>
    public T[] Newest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var n = Math.Min(count, _count);
        var result = new T[n];
        for (var i = 0; i < n; i++)
            result[i] = _items[Wrap(_head + _count - n + i)];
        return result;
    }

    private int Next(int index) => index + 1 == _items.Length ? 0 : index + 1;

    private int Wrap(int index) => index >= _items.Length ? index - _items.Length : index;
}
