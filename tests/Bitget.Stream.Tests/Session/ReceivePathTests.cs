using System.Diagnostics;
using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// Frames are read, routed, parsed and posted on their connection's receive thread and nowhere else; consumers only
/// take from feeds, so one consumer that is busy downstream never delays another.
/// </summary>
public sealed class ReceivePathTests : SessionHarness
{
    [Fact]
    public async Task TickersArePostedOnTheConnectionsReceiveThreadAndNeverOnTheConsumers()
    {
        var session = NewSession(o => o.Name = "owner-test");
        using var feed = session.Open<BitgetTicker>([Btc, Eth, Sol]);
        var posters = new List<Thread>();
        var recording = false;
        // Called by whichever thread wakes the consumer for items it posted: the thread that handled their frame.
        feed.Available = () =>
        {
            if (Volatile.Read(ref recording))
            {
                lock (posters)
                    posters.Add(Thread.CurrentThread);
            }
        };
        await session.ConnectAsync();
        Thread? consumer = null;
        OnOwnThread(() =>
        {
            consumer = Thread.CurrentThread;
            for (var i = 0; i < 5; i++)
                TakeTicker(feed);
            Volatile.Write(ref recording, true);
            for (var i = 0; i < 60; i++)
                TakeTicker(feed);
            Volatile.Write(ref recording, false);
        });
        lock (posters)
        {
            Assert.NotEmpty(posters);
            Assert.All(posters, t => Assert.Equal("Bitget receive (owner-test)", t.Name));
            Assert.DoesNotContain(consumer!, posters);
        }
    }

    /// <param name="woken">The other consumer is woken rather than blocked in Take (as an -Action job is), else it takes.</param>
    /// <remarks>Both on one connection (four topics, one shard).</remarks>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AConsumerSleepingOnEachItemDoesNotDelayAnotherOnTheSameConnection(bool woken)
    {
        var session = NewSession();
        // Candles every 250 ms, each slept on for 150 ms: the slow consumer waits in Take between them, as an -Action alert
        // on a quiet channel beside a Receive-* pipeline does.
        using var slow = session.Open<BitgetCandle>([new BitgetTopic("USDT-FUTURES", "candle1m", "BTCUSDT")]);
        using var fast = session.Open<BitgetTicker>([Btc, Eth, Sol]);
        var latencies = new List<double>();
        using var enough = new ManualResetEventSlim();
        const int warmUp = 10, samples = 300;
        var seen = 0;
        void Measure(BitgetTicker ticker)
        {
            if (++seen > warmUp && latencies.Count < samples)
                // From the mock's push (its ts, same clock): a frame left waiting in the kernel counts too.
                latencies.Add((DateTimeOffset.UtcNow - ticker.Timestamp).TotalMilliseconds);
            if (latencies.Count == samples)
                enough.Set();
        }
        if (woken)
        {
            fast.Available = () =>
            {
                lock (latencies)
                {
                    while (fast.TryTakeItem(out var ticker))
                        Measure(ticker!);
                }
            };
        }
        await session.ConnectAsync();
        using var stop = new CancellationTokenSource();
        var sleeper = new Thread(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    if (slow.Take(Timeout.InfiniteTimeSpan, stop.Token, out _, out _) == BitgetFeedResult.Item)
                        Thread.Sleep(150); // a pipeline busy downstream
                }
            }
            catch (OperationCanceledException)
            {
            }
        }) { IsBackground = true, Name = "sleeping consumer" };
        sleeper.Start();
        // ~2.5 s of pushes every 20 ms on each of three topics.
        if (woken)
            Assert.True(enough.Wait(TimeSpan.FromSeconds(30)), $"{latencies.Count} tickers");
        else
            OnOwnThread(() =>
            {
                while (!enough.IsSet)
                    Measure(TakeTicker(fast));
            });
        stop.Cancel();
        sleeper.Join();
        fast.Available = null;
        List<double> sorted;
        lock (latencies)
            sorted = [.. latencies.Order()];
        var p99 = sorted[(int)(sorted.Count * 0.99) - 1];
        // The target (bench, quiet machine) is 5 ms; a loaded test machine gets headroom. Read lending, where the sleeping
        // consumer held the connection's read, measured p99 84 ms and max 101 ms for a woken consumer.
        Assert.True(p99 < 40, $"p99 {p99:0.0} ms, max {sorted[^1]:0.0} ms, p50 {sorted[sorted.Count / 2]:0.0} ms");
        Assert.Equal(0, fast.Dropped);
    }

    private static void OnOwnThread(Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }) { IsBackground = true, Name = "consumer" };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "the consumer finished");
        if (failure is not null)
            throw new Xunit.Sdk.XunitException($"the consumer failed: {failure}");
    }
}
