using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// A run bounded by -Timeout (issue 18, items 3 and 9): its time is measured on a monotonic clock, so a step of the
/// wall clock does not move its end; at its end what the feed holds is handed out, not thrown away, and what a slow
/// consumer cannot take in time is counted as dropped: taken + dropped = what the feed took in.
/// </summary>
public sealed class BoundedFeedRunTests
{
    private static readonly TimeSpan Brief = TimeSpan.FromMilliseconds(10);

    /// <summary>A clock whose wall time a test steps apart from its monotonic timestamp.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public DateTimeOffset Wall { get; set; } = new(2026, 12, 6, 23, 59, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Wall;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        /// <summary>Time passes: both clocks move.</summary>
        public void Advance(TimeSpan by)
        {
            Interlocked.Add(ref _ticks, by.Ticks);
            Wall += by;
        }
    }

    private static BitgetFeed<BitgetTicker> NewFeed(int capacity = 16) => new(capacity, null, _ => { }, () => { });

    [Fact]
    public void AWallClockStepNeitherEndsTheRunEarlyNorMakesItLonger()
    {
        var clock = new SteppingClock();
        using var feed = NewFeed();
        var run = new BoundedFeedRun<BitgetTicker>(feed, TimeSpan.FromSeconds(10), clock);

        clock.Wall += TimeSpan.FromHours(1);                  // the wall clock jumps forward an hour
        Assert.Equal(BitgetFeedResult.TimedOut, run.Next(Brief, CancellationToken.None, out _, out _));
        Assert.False(run.TimeIsUp);
        Assert.Equal(TimeSpan.Zero, run.Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(10), run.Remaining);

        clock.Wall -= TimeSpan.FromHours(3);                  // and back two hours behind where it started
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(BitgetFeedResult.TimedOut, run.Next(Brief, CancellationToken.None, out _, out _));
        Assert.Equal(TimeSpan.FromSeconds(9), run.Elapsed);

        clock.Advance(TimeSpan.FromSeconds(1));               // ten seconds have passed: the run is over
        Assert.Equal(BitgetFeedResult.Completed, run.Next(Brief, CancellationToken.None, out _, out _));
        Assert.True(run.TimeIsUp);
        Assert.Equal(TimeSpan.FromSeconds(10), run.Elapsed);
    }

    [Fact]
    public void ARunWithoutALimitEndsWithItsFeed()
    {
        using var feed = NewFeed();
        var run = new BoundedFeedRun<BitgetTicker>(feed, null, new SteppingClock());
        feed.Post(new BitgetTicker { Symbol = "BTCUSDT" });
        Assert.Equal(BitgetFeedResult.Item, run.Next(Brief, CancellationToken.None, out var item, out _));
        Assert.Equal("BTCUSDT", item!.Symbol);
        Assert.Equal(BitgetFeedResult.TimedOut, run.Next(Brief, CancellationToken.None, out _, out _));
        feed.Dispose();
        Assert.Equal(BitgetFeedResult.Completed, run.Next(Brief, CancellationToken.None, out _, out _));
        Assert.False(run.TimeIsUp);
    }

    private static BitgetTicker Ticker(int n) => new() { Symbol = "BTCUSDT", LastPrice = n };

    [Fact]
    public void AtTheLimitWhatIsQueuedIsHandedOutAndNothingNewIsTakenIn()
    {
        var clock = new SteppingClock();
        var sessionDrops = 0;
        using var feed = new BitgetFeed<BitgetTicker>(16, null, _ => { }, () => sessionDrops++);
        var run = new BoundedFeedRun<BitgetTicker>(feed, TimeSpan.FromSeconds(5), clock);
        for (var i = 1; i <= 10; i++)
            feed.Post(Ticker(i));
        Assert.Equal(BitgetFeedResult.Item, run.Next(Brief, CancellationToken.None, out var first, out _));
        Assert.Equal(1m, first!.LastPrice);

        clock.Advance(TimeSpan.FromSeconds(5));
        var handedOut = new List<decimal>();
        Assert.Equal(BitgetFeedResult.Item, run.Next(Brief, CancellationToken.None, out var item, out _));
        handedOut.Add(item!.LastPrice!.Value);
        Assert.True(run.TimeIsUp);
        // Arrivals after the limit belong to no one's run: not taken in, so neither delivered nor dropped.
        feed.Post(Ticker(11));
        while (run.Next(Brief, CancellationToken.None, out item, out _) == BitgetFeedResult.Item)
            handedOut.Add(item!.LastPrice!.Value);

        Assert.Equal(Enumerable.Range(2, 9).Select(i => (decimal)i), handedOut);
        Assert.Equal(BitgetFeedResult.Completed, run.Next(Brief, CancellationToken.None, out _, out _));
        Assert.Equal(10, feed.Posted);
        Assert.Equal(10, feed.Taken);
        Assert.Equal(0, feed.Dropped);
        Assert.Equal(0, run.DroppedAtEnd);
        Assert.Equal(9, run.HandedOutAtEnd);
        Assert.Equal(0, sessionDrops);
        Assert.False(feed.IsCompleted, "sealing is not the session's end");
    }

    [Fact]
    public void WhatTheEndCannotHandOutWithinItsLimitIsDroppedAndCounted()
    {
        var clock = new SteppingClock();
        var sessionDrops = 0;
        using var feed = new BitgetFeed<BitgetTicker>(16, null, _ => { }, () => sessionDrops++);
        var run = new BoundedFeedRun<BitgetTicker>(feed, TimeSpan.FromSeconds(5), clock);
        for (var i = 1; i <= 10; i++)
            feed.Post(Ticker(i));
        clock.Advance(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 3; i++)
            Assert.Equal(BitgetFeedResult.Item, run.Next(Brief, CancellationToken.None, out _, out _));

        // The pipeline is slow: the end's own limit passes with seven still queued.
        clock.Advance(BoundedFeedRun<BitgetTicker>.DrainLimit);
        Assert.Equal(BitgetFeedResult.Completed, run.Next(Brief, CancellationToken.None, out _, out _));
        Assert.Equal(7, run.DroppedAtEnd);
        Assert.Equal(3, run.HandedOutAtEnd);
        Assert.Equal(7, feed.Dropped);
        Assert.Equal(7, sessionDrops);
        Assert.Equal(0, feed.Count);
        Assert.Equal(feed.Posted, feed.Taken + feed.Dropped);
    }
}
