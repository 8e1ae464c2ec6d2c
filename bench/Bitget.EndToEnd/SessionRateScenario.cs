using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.EndToEnd;

/// <summary>
/// (b) The same consumer at a fixed, realistic rate (default 10,000 tickers/s, written by the mock in ~1 ms batches): CPU
/// per ticker and the latency from the frame coming off the socket to the consumer holding the ticker.
/// </summary>
internal static class SessionRateScenario
{
    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        await using var mock = await MockProcess.StartAsync("--rate", options.Rate.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var session = new BitgetStreamSession(new BitgetSessionOptions { Endpoint = mock.Endpoint, Name = "bench-rate" });
        using var feed = session.Open<BitgetTicker>(BenchTopics.Channels(options.Symbols));
        await session.ConnectAsync();
        var latency = new LatencyRecorder((int)Math.Min(int.MaxValue / 2, (options.Rate * options.Seconds * 2) + 10_000));
        using var consumer = new FeedConsumer(feed, latency);

        var window = await MeasuredWindow.RunAsync(() => consumer.Items, options, mock, starting => latency.Recording = starting);
        var (p50, p99, p999, max, count) = latency.Summary();
        var cost = window.Meter.CostPer(window.Items);
        var result = new BenchResult("b", $"same at a fixed {options.Rate:N0} tickers/s", window.Rate, "tickers/s", cost,
            $"latency receive→Take µs: p50 {p50:N1}, p99 {p99:N1}, p99.9 {p999:N1}, max {max:N1} ({count:N0} samples); dropped {feed.Dropped}");
        result.Extra["p50"] = p50;
        result.Extra["p99"] = p99;
        result.Extra["p999"] = p999;
        result.Extra["max"] = max;
        return result;
    }
}
