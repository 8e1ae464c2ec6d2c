using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.EndToEnd;

/// <summary>
/// (a) A C# consumer of BitgetStreamSession (Open<BitgetTicker> + Take loop) while the mock pushes pre-encoded ticker frames
/// as fast as the socket takes them: the most the session delivers, what each ticker costs in CPU and memory.
/// </summary>
internal static class SessionFloodScenario
{
    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        await using var mock = await MockProcess.StartAsync("--flood");
        await using var session = new BitgetStreamSession(new BitgetSessionOptions { Endpoint = mock.Endpoint, Name = "bench-flood" });
        using var feed = session.Open<BitgetTicker>(BenchTopics.Channels(options.Symbols));
        await session.ConnectAsync();
        using var consumer = new FeedConsumer(feed);

        long received0 = 0, dropped0 = 0;
        var window = await MeasuredWindow.RunAsync(() => consumer.Items, options, mock, starting =>
        {
            if (starting)
            {
                received0 = session.MessagesReceived;
                dropped0 = feed.Dropped;
            }
            else
            {
                received0 = session.MessagesReceived - received0;
                dropped0 = feed.Dropped - dropped0;
            }
        });
        var result = new BenchResult("a", "BitgetStreamSession → feed → C# Take loop (flood)", window.Rate, "tickers/s",
            window.Meter.CostPer(window.Items),
            $"frames received {received0 / window.Meter.Wall.TotalSeconds:N0}/s, dropped by the feed {dropped0:N0}, bad frames {session.BadFrames}");
        result.Extra["received/s"] = received0 / window.Meter.Wall.TotalSeconds;
        result.Extra["dropped"] = dropped0;
        return result;
    }
}
