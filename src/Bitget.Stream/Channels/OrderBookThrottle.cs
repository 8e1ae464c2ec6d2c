using Bitget.Stream.Models;

namespace Bitget.Stream.Channels;

/// <summary>
/// Thins a stream of order books for a consumer: at most one book per topic (instType, channel, symbol) every
/// <see cref="Interval"/>, the newest winning: a book that arrives too soon is held, and replaced (counted in
/// <see cref="Superseded"/>) if a newer one of its topic comes before its turn. With <see cref="Depth"/> each book is cut
/// to that many levels a side (a new book; the session's is left alone). Holds at most one book per topic. Not
/// thread-safe: one consumer's thread. Times are the caller's milliseconds (e.g. <see cref="Environment.TickCount64"/>).
/// </summary>
public sealed class OrderBookThrottle
{
    private readonly Dictionary<(string InstType, string Channel, string Symbol), Slot> _slots = [];
    private readonly long _intervalMs;

    /// <summary>Creates a throttle.</summary>
    /// <param name="interval">Least time between two books of a topic; zero passes every book through at once.</param>
    /// <param name="depth">Levels a side to keep, or null for all.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative interval or a depth below 1.</exception>
    public OrderBookThrottle(TimeSpan interval, int? depth = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        if (depth is { } d)
            ArgumentOutOfRangeException.ThrowIfLessThan(d, 1, nameof(depth));
        Interval = interval;
        Depth = depth;
        _intervalMs = (long)interval.TotalMilliseconds;
    }

    /// <summary>Least time between two books of one topic.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Levels a side kept, or null for all.</summary>
    public int? Depth { get; }

    /// <summary>Books replaced by a newer book of their topic before their turn came.</summary>
    public long Superseded { get; private set; }

    /// <summary>Books held, waiting for their turn.</summary>
    public int Pending { get; private set; }

    /// <summary>Offers a book: returns it (cut to <see cref="Depth"/>) when its topic may emit now, else holds it and returns null.</summary>
    public BitgetOrderBook? Offer(BitgetOrderBook book, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (_intervalMs == 0)
            return Cut(book);
        var key = (book.InstType, book.Channel, book.Symbol);
        if (!_slots.TryGetValue(key, out var slot))
        {
            _slots[key] = new Slot { LastEmitMs = nowMs };
            return Cut(book);
        }
        if (slot.Held is null && nowMs - slot.LastEmitMs >= _intervalMs)
        {
            slot.LastEmitMs = nowMs;
            return Cut(book);
        }
        if (slot.Held is null)
            Pending++;
        else
            Superseded++;
        slot.Held = book;
        return null;
    }

    /// <summary>Takes a held book whose turn has come (cut to <see cref="Depth"/>), or null when none is due.</summary>
    public BitgetOrderBook? TakeDue(long nowMs)
    {
        if (Pending == 0)
            return null;
        foreach (var slot in _slots.Values)
        {
            if (slot.Held is { } held && nowMs - slot.LastEmitMs >= _intervalMs)
            {
                slot.Held = null;
                slot.LastEmitMs = nowMs;
                Pending--;
                return Cut(held);
            }
        }
        return null;
    }

    /// <summary>Milliseconds until the next held book is due (0 = now), or null when none is held.</summary>
    public long? MillisecondsUntilDue(long nowMs)
    {
        if (Pending == 0)
            return null;
        var least = long.MaxValue;
        foreach (var slot in _slots.Values)
        {
            if (slot.Held is not null)
                least = Math.Min(least, Math.Max(0, slot.LastEmitMs + _intervalMs - nowMs));
        }
        return least;
    }

    private BitgetOrderBook Cut(BitgetOrderBook book) => Depth is { } depth ? book.Top(depth) : book;

    private sealed class Slot
    {
        public long LastEmitMs { get; set; }

        public BitgetOrderBook? Held { get; set; }
    }
}
