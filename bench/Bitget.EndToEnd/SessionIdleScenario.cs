using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.EndToEnd;

/// <summary>
/// (i) A connected session with a feed and a waiting consumer while the mock sends nothing (its --silent switch): the
/// fixed cost of being connected (timers, pings, waits), which (b) pays on top of its per-ticker cost.
/// </summary>
internal static class SessionIdleScenario
{
    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        await using var mock = await MockProcess.StartAsync("--silent");
        await using var session = new BitgetStreamSession(new BitgetSessionOptions { Endpoint = mock.Endpoint, Name = "bench-idle" });
        using var feed = session.Open<BitgetTicker>(BenchTopics.Channels(options.Symbols));
        await session.ConnectAsync();
        using var consumer = new FeedConsumer(feed);
        await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
        var meter = new ResourceMeter(mock);
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        meter.Stop();
        var cost = meter.CostPer(0);
        return new BenchResult("i", "connected session, feed and consumer, no data (idle)", 0, "-", cost,
            $"CPU {meter.Cpu.TotalMilliseconds / meter.Wall.TotalSeconds:N2} ms per second idle");
    }

    /// <summary>(i0) The same process and silent mock without a session: what (i) includes that is not the session's.</summary>
    public static async Task<BenchResult> FloorAsync(BenchOptions options)
    {
        await using var mock = await MockProcess.StartAsync("--silent");
        await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
        var meter = new ResourceMeter(mock);
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        meter.Stop();
        return new BenchResult("i0", "no session: this benchmark process at rest (the floor of i)", 0, "-", meter.CostPer(0),
            $"CPU {meter.Cpu.TotalMilliseconds / meter.Wall.TotalSeconds:N2} ms per second idle");
    }
}
