using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// A run bounded by -Timeout (issue 18, items 3 and 9): its time is measured on a monotonic clock, so a step of the
/// wall clock does not move its end.
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
}
