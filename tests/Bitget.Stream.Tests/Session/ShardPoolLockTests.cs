using System.Collections.Concurrent;
using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// Stopping a shard cancels its supervisor outside the pool's lock: cancelling runs the supervisor's continuations
/// inline, which close its connection (a blocking send to a stalled peer), and every thread that needs the pool would
/// wait behind that.
/// </summary>
public class ShardPoolLockTests
{
    [Fact]
    public async Task StoppingAShardCancelsItsSupervisorOutsideThePoolLock()
    {
        var options = new BitgetSessionOptions { MaxTopicsPerConnection = 1, Limits = new ExchangeLimits() }.Validate();
        var registry = new SubscriptionRegistry();
        var shards = new ConcurrentDictionary<int, ConnectionShard>();
        var underLock = new ConcurrentQueue<(int Shard, bool Held)>();
        ShardPool pool = null!;
        pool = new ShardPool(options, registry, async (shard, stop) =>
        {
            // Runs inline in Cancel, like a supervisor's continuation that goes on to close its connection.
            using var seen = stop.Register(() => underLock.Enqueue((shard.Index, Monitor.IsEntered(pool.Gate))));
            // Published only once the callback is registered, so the test never stops a shard before it listens.
            shards[shard.Index] = shard;
            await Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var session = new CancellationTokenSource();
        var owner = new object();
        BitgetTopic[] topics = [BitgetTopic.Ticker("SPOT", "BTCUSDT"), BitgetTopic.Ticker("SPOT", "ETHUSDT")];

        pool.Start(session.Token);
        pool.Assign(registry.Acquire(topics, owner), session.Token);
        await WaitUntil(() => shards.Count == 2);

        // A released topic's shard (not the first) is stopped by StopIdleShards.
        registry.Release([topics[1]], owner);
        pool.StopIdleShards();
        Assert.Equal([(1, false)], underLock.ToArray());
        Assert.Equal([0], pool.ActiveIndexes());

        // The first shard's supervisor stops it itself once it has been idle a while.
        registry.Release([topics[0]], owner);
        Assert.True(pool.StopIfIdle(shards[0]));
        Assert.Equal([(1, false), (0, false)], underLock.ToArray());
        Assert.Empty(pool.ActiveIndexes());
        Assert.False(pool.StopIfIdle(shards[0]));

        // A new topic starts a stopped shard afresh.
        pool.Assign(registry.Acquire([topics[1]], owner), session.Token);
        Assert.Equal([0], pool.ActiveIndexes());
        session.Cancel();
        await Task.WhenAll(pool.Close());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }
}
