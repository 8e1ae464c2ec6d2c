using Bitget.Stream.Channels;
using Bitget.Stream.Models;

namespace Bitget.Stream.Tests.Channels;

public class OrderBookThrottleTests
{
    private static BitgetOrderBook Book(string symbol, int levels, long seq) =>
        LocalOrderBookTests.Push("snapshot",
            "[" + string.Join(",", Enumerable.Range(0, levels).Select(i => $"[\"{100 - i}\",\"1\"]")) + "]",
            "[" + string.Join(",", Enumerable.Range(0, levels).Select(i => $"[\"{101 + i}\",\"1\"]")) + "]", seq: seq)
        .WithSymbol(symbol);

    [Fact]
    public void NewestBookWinsWithinTheInterval()
    {
        var throttle = new OrderBookThrottle(TimeSpan.FromMilliseconds(100));
        var b1 = Book("A", 2, 1);
        Assert.Same(b1, throttle.Offer(b1, 1000));
        Assert.Null(throttle.Offer(Book("A", 2, 2), 1010));
        var b3 = Book("A", 2, 3);
        Assert.Null(throttle.Offer(b3, 1050));
        Assert.Equal(1, throttle.Superseded);
        Assert.Equal(1, throttle.Pending);
        Assert.Equal(50, throttle.MillisecondsUntilDue(1050));
        Assert.Null(throttle.TakeDue(1099));
        Assert.Same(b3, throttle.TakeDue(1100));
        Assert.Null(throttle.MillisecondsUntilDue(1100));
        // Another topic has its own turn.
        var other = Book("B", 2, 1);
        Assert.Same(other, throttle.Offer(other, 1101));
        // A book after a quiet interval goes straight through.
        var b4 = Book("A", 2, 4);
        Assert.Same(b4, throttle.Offer(b4, 1250));
    }

    [Fact]
    public void ZeroIntervalPassesEverythingAndDepthCuts()
    {
        var throttle = new OrderBookThrottle(TimeSpan.Zero, depth: 3);
        var book = Book("A", 10, 1);
        var cut = throttle.Offer(book, 0)!;
        Assert.Equal(3, cut.Bids.Length);
        Assert.Equal(3, cut.Asks.Length);
        Assert.Equal(10, book.Bids.Length); // the session's book is left alone
        Assert.Equal(100m, cut.BestBid);
        Assert.Equal(101m, cut.BestAsk);
        Assert.Equal(1m, cut.Spread);
        Assert.Equal(100.5m, cut.Mid);
        var small = Book("A", 2, 2);
        Assert.Same(small, throttle.Offer(small, 0));
    }

    [Fact]
    public void EmptySidesHaveNoPrices()
    {
        var book = LocalOrderBookTests.Push("snapshot", "[[\"5\",\"1\"]]", "[]");
        Assert.Equal(5m, book.BestBid);
        Assert.Null(book.BestAsk);
        Assert.Null(book.Spread);
        Assert.Null(book.Mid);
    }

    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static BitgetOrderBook At(string symbol, long ms, long seq)
    {
        var book = Book(symbol, 2, seq);
        book.Timestamp = Start.AddMilliseconds(ms);
        return book;
    }

    private static long Ms(BitgetOrderBook book) => (long)(book.Timestamp - Start).TotalMilliseconds;

    [Fact]
    public void ByDataTimeAStreamIsPacedByItsTimestampsAndFlushGivesTheNewestHeld()
    {
        // A replay plays 5 s of books 100 ms apart in a few milliseconds: paced by the books' own time, one a second
        // goes through (the newest when its turn comes), and the end gives the newest one still held.
        var throttle = new OrderBookThrottle(TimeSpan.FromSeconds(1), paceByDataTime: true);
        Assert.True(throttle.PacesByDataTime);
        var written = new List<long>();
        for (var ms = 0; ms < 5000; ms += 100)
        {
            if (throttle.Offer(At("A", ms, ms)) is { } now)
                written.Add(Ms(now));
            while (throttle.TakeDue() is { } due)
                written.Add(Ms(due));
            // No timer wakes a data-paced throttle: a held book waits for later data or the end.
            Assert.Null(throttle.UntilDue());
        }
        Assert.Equal([0, 1000, 2000, 3000, 4000], written);
        Assert.Equal(1, throttle.Pending);
        Assert.Equal([4900], throttle.Flush().Select(Ms));
        Assert.Equal(0, throttle.Pending);
        Assert.Empty(throttle.Flush());
    }

    [Fact]
    public void ByDataTimeOneTopicsDataMovesTheClockForAll()
    {
        var throttle = new OrderBookThrottle(TimeSpan.FromSeconds(1), paceByDataTime: true);
        Assert.NotNull(throttle.Offer(At("A", 0, 1)));
        Assert.NotNull(throttle.Offer(At("B", 0, 1)));
        Assert.Null(throttle.Offer(At("A", 500, 2)));
        Assert.Null(throttle.TakeDue());
        // B's book at 1000 passes, and the clock it brings makes A's held book due.
        Assert.Equal(1000, Ms(throttle.Offer(At("B", 1000, 2))!));
        Assert.Equal(500, Ms(throttle.TakeDue()!));
        // A book older than the clock does not move it back.
        Assert.Null(throttle.Offer(At("A", 900, 3)));
        Assert.Null(throttle.TakeDue());
    }

    [Fact]
    public void ByWallClockFlushGivesEachTopicsNewestHeldBookOnceAndCuts()
    {
        var throttle = new OrderBookThrottle(TimeSpan.FromSeconds(1), depth: 1);
        Assert.False(throttle.PacesByDataTime);
        Assert.NotNull(throttle.Offer(At("A", 0, 1), 0));
        Assert.NotNull(throttle.Offer(At("B", 0, 1), 0));
        Assert.Null(throttle.Offer(At("A", 10, 2), 10));
        Assert.Null(throttle.Offer(At("A", 20, 3), 20));
        Assert.Null(throttle.Offer(At("B", 30, 2), 30));
        var flushed = throttle.Flush();
        Assert.Equal([("A", 20L), ("B", 30L)], flushed.Select(b => (b.Symbol, Ms(b))));
        Assert.All(flushed, b => Assert.Single(b.Bids));
        Assert.Equal(0, throttle.Pending);
        Assert.Null(throttle.TakeDue(5000));
        Assert.Empty(throttle.Flush());
    }
}
