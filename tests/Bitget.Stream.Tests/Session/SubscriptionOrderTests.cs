using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// Subscribe and unsubscribe requests for a topic leave in the order they were decided, however the decisions race:
/// otherwise the server ends subscribed to a topic nobody wants, or unsubscribed from one that is wanted. Drives the
/// real <see cref="SubscriptionMonitor"/> (with its sweep running) from many threads, against a recorder of what the
/// connection would send that acknowledges every subscribe.
/// </summary>
public class SubscriptionOrderTests
{
    private static readonly BitgetTopic[] Topics = [BitgetTopic.Ticker("SPOT", "BTCUSDT"), BitgetTopic.Ticker("SPOT", "ETHUSDT")];

    [Fact]
    public async Task RacingAcquiresReleasesAndResyncsLeaveTheServerWithWhatIsWanted()
    {
        var options = new BitgetSessionOptions
        {
            SubscribeAckTimeout = TimeSpan.FromMilliseconds(200),
            // Short, so that the sweep resubscribes (unsubscribe + subscribe) while the others race.
            StaleTopicTimeout = TimeSpan.FromMilliseconds(60),
            Limits = new ExchangeLimits(),
        }.Validate();
        var registry = new SubscriptionRegistry();
        var monitor = new SubscriptionMonitor(options, registry, new FeedHub(new SessionCounters()));
        var pool = new ShardPool(options, registry, (_, stop) => Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default));
        var server = new RecordingQueue(registry);
        monitor.Attach(pool, shard => shard >= 0 ? server : null);
        using var stop = new CancellationTokenSource();
        pool.Start(stop.Token);
        var sweep = Task.Run(() => monitor.RunAsync(stop.Token));
        var user = new object(); // one owner for all threads, like the user's Subscribe and Unsubscribe

        var threads = Enumerable.Range(0, 8).Select(n => new Thread(() =>
        {
            var random = new Random(n);
            var deadline = Environment.TickCount64 + 1500;
            while (Environment.TickCount64 < deadline)
            {
                var topic = Topics[random.Next(Topics.Length)];
                switch (random.Next(10))
                {
                    case < 5:
                        monitor.Acquire([topic], user, stop.Token);
                        break;
                    case < 9:
                        monitor.Release([topic], user);
                        break;
                    default:
                        monitor.Resync(topic);
                        break;
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        stop.Cancel();
        await sweep;
        await Task.WhenAll(pool.Close());

        foreach (var topic in Topics)
        {
            var sent = server.KindsFor(topic);
            var wanted = registry.IsOwnedBy(topic, user);
            Assert.True(sent.Count > 10, $"{topic}: only {sent.Count} requests");
            // Decided in turns (wanted, unwanted, wanted; a resync or resubscribe is an unsubscribe and a subscribe
            // together), so sent in turns, ending with what the registry decided last.
            for (var i = 0; i < sent.Count; i++)
            {
                var expected = i % 2 == 0 ? OutboundMessageKind.Subscribe : OutboundMessageKind.Unsubscribe;
                Assert.True(sent[i] == expected, $"{topic}: request {i} of {sent.Count} is {sent[i]}, not {expected}: {string.Join(", ", sent.Skip(Math.Max(0, i - 4)).Take(8))}");
            }
            Assert.Equal(wanted, sent[^1] == OutboundMessageKind.Subscribe);
        }
    }

    // What one connection would send, in order; it acknowledges a subscribe at once, as the server does soon after.
    private sealed class RecordingQueue(SubscriptionRegistry registry) : IRequestQueue
    {
        private readonly List<(BitgetTopic Topic, OutboundMessageKind Kind)> _sent = [];

        public bool Enqueue(OutboundMessage message)
        {
            lock (_sent)
            {
                foreach (var topic in message.Topics)
                    _sent.Add((topic, message.Kind));
            }
            if (message.Kind == OutboundMessageKind.Subscribe)
            {
                foreach (var topic in message.Topics)
                    registry.MarkSubscribed(topic);
            }
            return true;
        }

        public List<OutboundMessageKind> KindsFor(BitgetTopic topic)
        {
            lock (_sent)
                return _sent.Where(s => s.Topic == topic).Select(s => s.Kind).ToList();
        }
    }
}
