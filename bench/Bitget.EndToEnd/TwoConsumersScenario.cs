using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.EndToEnd;

/// <summary>
/// (ev2k-2c) Two consumers on one connection: two feeds of the same 20 ticker topics on one session, one consumer
/// sleeping 150 ms after each item it takes (it falls behind at once and its feed drops its oldest items), the other a
/// plain Take loop. The window starts once the slow feed is full (its first drop) and the warm-up has passed, so it
/// measures the lasting state of a slow consumer, not the first seconds while its queue fills. The figure is the fast consumer's server write → Take latency at 2,000/s evenly spaced (target:
/// p99 ≤ 5 ms): a slow consumer must not hold up another one, whether it holds the socket's read or not.
/// </summary>
internal static class TwoConsumersScenario
{
    public const string Id = "ev2k-2c";

    public static readonly TimeSpan SlowBusy = TimeSpan.FromMilliseconds(150);

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var pattern = ArrivalPattern.All.Single(p => p.Id == "ev2k");
        await using var server = await PatternServerProcess.StartAsync(pattern);
        await using var session = new BitgetStreamSession(new BitgetSessionOptions { Endpoint = server.Endpoint, Name = "bench-two-consumers" });
        using var fastFeed = session.Open<BitgetTicker>(BenchTopics.Channels(PatternScenarios.Symbols));
        using var slowFeed = session.Open<BitgetTicker>(BenchTopics.Channels(PatternScenarios.Symbols));
        await session.ConnectAsync();
        var sentLatency = new LatencyRecorder((int)(pattern.Rate * options.Seconds * 2) + 10_000);
        using var slow = new FeedConsumer(slowFeed, busyPerItem: SlowBusy);
        using var fast = new FeedConsumer(fastFeed, sentLatency: sentLatency);
        var fullBy = DateTime.UtcNow + TimeSpan.FromSeconds(slowFeed.Capacity / pattern.Rate + 30);
        while (slowFeed.Dropped == 0)
        {
            if (DateTime.UtcNow > fullBy)
                throw new TimeoutException("the slow consumer's feed never filled");
            await Task.Delay(50);
        }
        long slowDroppedBefore = 0, sentBefore = 0, sentAfter = 0;
        var window = await MeasuredWindow.RunAsync(() => fast.Items, options, null, starting =>
        {
            sentLatency.Recording = starting;
            if (starting)
            {
                slowDroppedBefore = slowFeed.Dropped;
                sentBefore = server.Sent;
            }
            else
                sentAfter = server.Sent;
        });
        var (p50, p99, p999, max, count) = sentLatency.Summary();
        var result = new BenchResult(Id, $"two consumers on one connection (one sleeps {SlowBusy.TotalMilliseconds:N0} ms an item), {pattern.Label}",
            window.Rate, "tickers/s", window.Meter.CostPer(window.Items),
            $"fast consumer took {window.Items:N0} of the {sentAfter - sentBefore:N0} tickers written in the window; latency server write→Take µs: p50 {p50:N1}, p99 {p99:N1}, p99.9 {p999:N1}, max {max:N1} ({count:N0} samples; target p99 ≤ 5,000); "
            + $"fast feed dropped {fastFeed.Dropped}; slow consumer took {slow.Items:N0}, its feed dropped {slowFeed.Dropped - slowDroppedBefore:N0} in the window; "
            + "CPU is both consumers' (the whole process)");
        // No sample (the fast consumer got nothing in the window) must read as a miss, not as NaN.
        if (count == 0)
            p50 = p99 = max = double.PositiveInfinity;
        result.Extra["p50"] = p50;
        result.Extra["p99"] = p99;
        result.Extra["max"] = max;
        return result;
    }
}
