using Bitget.Stream.Models;

namespace Bitget.Stream.Channels;

/// <summary>
/// Thins a stream of order books for a consumer: at most one book per topic (instType, channel, symbol) every
/// <see cref="Interval"/>, the newest winning: a book that arrives too soon is held, and replaced (counted in
/// <see cref="Superseded"/>) if a newer one of its topic comes before its turn. With <see cref="Depth"/> each book is cut
/// to that many levels a side (a new book; the session's is left alone). Holds at most one book per topic; <see cref="Flush"/>
/// hands out what is held when the stream ends. Not thread-safe: one consumer's thread.
/// </summary>
/// <remarks>
/// The methods without a time use the throttle's own clock: the wall clock (<see cref="Environment.TickCount64"/>) for a
/// live stream, which bounds how long a held book waits; or, with <see cref="PacesByDataTime"/>, the books' own time (the
/// newest <see cref="BitgetOrderBook.Timestamp"/> offered), for a replay, which plays far faster (or slower) than it was
/// recorded: there a held book's turn comes with later data, never with a timer. The methods with a time take the
/// caller's milliseconds.
/// </remarks>
public sealed class OrderBookThrottle
{
    private readonly Dictionary<(string InstType, string Channel, string Symbol), Slot> _slots = [];
    private readonly long _intervalMs;
    private long _dataClockMs = long.MinValue;

    /// <summary>Creates a throttle.</summary>
    /// <param name="interval">Least time between two books of a topic; zero passes every book through at once.</param>
    /// <param name="depth">Levels a side to keep, or null for all.</param>
    /// <param name="paceByDataTime">Measure the interval in the books' own time (a replay) rather than the wall clock.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative interval or a depth below 1.</exception>
    public OrderBookThrottle(TimeSpan interval, int? depth = null, bool paceByDataTime = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        if (depth is { } d)
            ArgumentOutOfRangeException.ThrowIfLessThan(d, 1, nameof(depth));
        Interval = interval;
        Depth = depth;
        PacesByDataTime = paceByDataTime;
        _intervalMs = (long)interval.TotalMilliseconds;
    }

    /// <summary>Least time between two books of one topic.</summary>
    public TimeSpan Interval { get; }

    /// <summary>True when the interval is measured in the books' own time (a replay), false for the wall clock.</summary>
    public bool PacesByDataTime { get; }

    /// <summary>Levels a side kept, or null for all.</summary>
    public int? Depth { get; }

    /// <summary>Books replaced by a newer book of their topic before their turn came.</summary>
    public long Superseded { get; private set; }

    /// <summary>Books held, waiting for their turn.</summary>
    public int Pending { get; private set; }

    /// <summary>Offers a book at the throttle's own clock (see the remarks); as <see cref="Offer(BitgetOrderBook, long)"/>.</summary>
    public BitgetOrderBook? Offer(BitgetOrderBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (PacesByDataTime)
            _dataClockMs = Math.Max(_dataClockMs, book.Timestamp.ToUnixTimeMilliseconds());
        return Offer(book, Now());
    }

    /// <summary>Takes a held book whose turn has come at the throttle's own clock, or null.</summary>
    public BitgetOrderBook? TakeDue() => TakeDue(Now());

    /// <summary>
    /// How long until the next held book is due on the wall clock (zero: now), or null when none is held or the throttle
    /// paces by data time (later data or <see cref="Flush"/> hands it out).
    /// </summary>
    public TimeSpan? UntilDue() =>
        PacesByDataTime || MillisecondsUntilDue(Now()) is not { } ms ? null : TimeSpan.FromMilliseconds(ms);

    /// <summary>The stream ended: takes every held book (the newest of each topic, cut to <see cref="Depth"/>), oldest first.</summary>
    public IReadOnlyList<BitgetOrderBook> Flush()
    {
        if (Pending == 0)
            return [];
        var held = new List<BitgetOrderBook>(Pending);
        foreach (var slot in _slots.Values)
        {
            if (slot.Held is { } book)
            {
                held.Add(Cut(book));
                slot.Held = null;
            }
        }
        Pending = 0;
        return [.. held.OrderBy(b => b.Timestamp)];
    }

    private long Now() => PacesByDataTime ? _dataClockMs : Environment.TickCount64;

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
