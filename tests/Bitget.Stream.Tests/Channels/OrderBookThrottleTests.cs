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
}
