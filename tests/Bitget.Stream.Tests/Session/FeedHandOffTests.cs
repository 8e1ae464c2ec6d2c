using System.Diagnostics;
using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// The hand-off between a producer and a feed's one consumer (a wake-up per post off a receive thread, one per burst on
/// one): nothing may be lost, duplicated or reordered by it, and timeouts, cancellation and completion still hold.
/// </summary>
public sealed class FeedHandOffTests
{
    private static BitgetFeed<object> NewFeed(int capacity = 1000) => new(capacity, null, _ => { }, () => { });

    [Fact]
    public void AFastProducerHandsEveryItemOverInOrder()
    {
        const int count = 200_000;
        var feed = NewFeed(capacity: count);
        var items = Enumerable.Range(0, count).Select(i => (object)i).ToArray();
        var producer = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                feed.Post(items[i]);
                if (i % 1000 == 0)
                    Thread.Sleep(0); // gaps, so Take blocks and is woken as well
            }
            feed.Complete(null);
        });
        TakeAllInOrder(feed, producer, count);
    }

    [Fact]
    public void AReceiveThreadPayingPerBurstHandsEveryItemOverInOrder()
    {
        const int count = 200_000;
        var feed = NewFeed(capacity: count);
        var items = Enumerable.Range(0, count).Select(i => (object)i).ToArray();
        var producer = new Thread(() =>
        {
            var burst = new WakeBatch();
            burst.Enter();
            for (var i = 0; i < count; i++)
            {
                feed.Post(items[i]);
                if (i % 100 == 99)
                    burst.Pay(); // the end of a burst
                if (i % 1000 == 0)
                    Thread.Sleep(0);
            }
            burst.Pay();
            feed.Complete(null);
        });
        TakeAllInOrder(feed, producer, count);
    }

    [Fact]
    public void ATimeoutStillEndsTheWait()
    {
        var feed = NewFeed();
        var clock = Stopwatch.StartNew();
        Assert.Equal(BitgetFeedResult.TimedOut, feed.Take(TimeSpan.Zero, CancellationToken.None, out _, out _));
        Assert.Equal(BitgetFeedResult.TimedOut, feed.Take(TimeSpan.FromMilliseconds(50), CancellationToken.None, out _, out _));
        Assert.InRange(clock.ElapsedMilliseconds, 40, 2000);
    }

    [Fact]
    public async Task CancellationAndCompletionWakeAWaitingTake()
    {
        var feed = NewFeed();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        Assert.Throws<OperationCanceledException>(() => feed.Take(Timeout.InfiniteTimeSpan, cts.Token, out _, out _));

        var completer = Task.Run(async () =>
        {
            await Task.Delay(50);
            feed.Complete(new BitgetNotice(BitgetNoticeKind.SessionEnded, "done"));
        });
        Assert.Equal(BitgetFeedResult.Notice, feed.Take(TimeSpan.FromSeconds(10), CancellationToken.None, out _, out var notice));
        Assert.Equal(BitgetNoticeKind.SessionEnded, notice!.Kind);
        Assert.Equal(BitgetFeedResult.Completed, feed.Take(TimeSpan.FromSeconds(10), CancellationToken.None, out _, out _));
        await completer;
    }

    // Starts the producer and takes until the feed completes: every item once, in order, none dropped.
    private static void TakeAllInOrder(BitgetFeed<object> feed, Thread producer, int count)
    {
        producer.Start();
        var next = 0;
        while (feed.Take(TimeSpan.FromSeconds(10), CancellationToken.None, out var item, out _) is var r && r != BitgetFeedResult.Completed)
        {
            Assert.Equal(BitgetFeedResult.Item, r);
            Assert.Equal(next++, (int)item!);
        }
        producer.Join();
        Assert.Equal(count, next);
        Assert.Equal(0, feed.Dropped);
    }
}
