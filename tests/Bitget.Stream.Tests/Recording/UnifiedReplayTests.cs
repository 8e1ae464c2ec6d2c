using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Recording;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Recording;

/// <summary>A replay tells a v3 capture from a v2 one by itself and reads it in its own API's spelling.</summary>
public sealed class UnifiedReplayTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bitget-v3-replay").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Capture(string name, params byte[][] frames)
    {
        var path = Path.Combine(_folder, name);
        using (var capture = new FrameCapture(path))
        {
            var at = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
            foreach (var frame in frames)
                capture.Write(at = at.AddMilliseconds(100), frame);
        }
        return path;
    }

    [Theory]
    [InlineData("v3.jsonl")]
    [InlineData("v3.jsonl.gz")]
    public async Task AV3CaptureReplaysAsUnified(string name)
    {
        var path = Capture(name, "pong"u8.ToArray(), Fixtures.UtaBytes("v3-subscribe-ack-captured.json"),
            Fixtures.UtaBytes("v3-ticker-futures.json"), Fixtures.UtaBytes("v3-ticker-spot.json"));
        Assert.Equal(BitgetApi.Unified, new FrameReplay(path).DetectApi());

        await using var session = new BitgetStreamSession(new BitgetSessionOptions { ReplayPath = path });
        Assert.Equal(BitgetApi.Unified, session.Api);
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>(null);
        var tickers = new List<BitgetTicker>();
        while (feed.Take(TimeSpan.FromSeconds(10), CancellationToken.None, out var ticker, out _) is var result
               && result != BitgetFeedResult.Completed && result != BitgetFeedResult.TimedOut)
        {
            if (result == BitgetFeedResult.Item)
                tickers.Add(ticker!);
        }
        Assert.Equal([("USDT-FUTURES", 80810.6m), ("SPOT", 80855.01m)], tickers.Select(t => (t.InstType, t.LastPrice!.Value)));
        Assert.Equal(0, session.BadFrames);
    }

    [Fact]
    public void AV2CaptureAndOneOfPongsOnlyAreClassic()
    {
        Assert.Equal(BitgetApi.Classic, new FrameReplay(Capture("v2.jsonl", "pong"u8.ToArray(), Fixtures.Bytes("futures-ticker-snapshot.json"))).DetectApi());
        Assert.Equal(BitgetApi.Classic, new FrameReplay(Capture("pongs.jsonl", "pong"u8.ToArray())).DetectApi());
    }
}
