using System.IO.Compression;
using System.Text;
using Bitget.Stream.Models;
using Bitget.Stream.Recording;
using Bitget.Stream.Session;
using Bitget.Stream.Tests.Session;

namespace Bitget.Stream.Tests.Recording;

public sealed class RecordAndReplayTests : SessionHarness, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bitget-replay-").FullName;

    void IDisposable.Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Describe(BitgetTicker t) =>
        string.Join("|", typeof(BitgetTicker).GetProperties().Select(p => p.GetValue(t) is DateTimeOffset d ? d.UtcTicks.ToString() : p.GetValue(t)?.ToString()));

    private async Task<List<BitgetTicker>> RecordLiveAsync(string path, int count)
    {
        var live = new List<BitgetTicker>();
        await using (var session = NewSession(o => o.RecordPath = path))
        {
            using var feed = session.Open<BitgetTicker>([Btc, Eth]);
            await session.ConnectAsync();
            while (live.Count < count)
                live.Add(TakeTicker(feed));
            Assert.True(session.RecordedFrames >= count);
        }
        return live;
    }

    private async Task<List<BitgetTicker>> ReplayAsync(string path, IReadOnlyCollection<BitgetTopic>? topics)
    {
        var replayed = new List<BitgetTicker>();
        await using var session = NewSession(o => o.ReplayPath = path);
        Assert.True(session.IsReplay);
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>(topics);
        while (true)
        {
            var result = feed.Take(Patience, CancellationToken.None, out var ticker, out _);
            if (result == BitgetFeedResult.Item)
                replayed.Add(ticker!);
            else if (result is BitgetFeedResult.Completed or BitgetFeedResult.TimedOut)
                break;
        }
        Assert.Equal(BitgetSessionState.Closed, session.State);
        Assert.Contains("replay", session.EndReason);
        Assert.Equal(0, _mock.TotalConnections - 1); // only the recording session ever connected
        return replayed;
    }

    [Theory]
    [InlineData("capture.jsonl")]
    [InlineData("capture.jsonl.gz")]
    public async Task AReplayGivesTheLiveObjectsAndTheSameOnesEveryTime(string name)
    {
        var path = Path.Combine(_folder, name);
        var live = await RecordLiveAsync(path, 40);

        var first = await ReplayAsync(path, [Btc, Eth]);
        var second = await ReplayAsync(path, null);
        Assert.True(first.Count >= live.Count);
        Assert.Equal(live.Select(Describe), first.Take(live.Count).Select(Describe));
        Assert.Equal(first.Select(Describe), second.Select(Describe));
        if (name.EndsWith(".gz"))
        {
            using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            Assert.StartsWith("{\"receivedAt\":\"", new StreamReader(gz).ReadLine());
        }
    }

    [Fact]
    public async Task LoginFramesAreRedactedAndOtherFramesKeptVerbatim()
    {
        var path = Path.Combine(_folder, "login.jsonl");
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        using (var capture = new FrameCapture(path))
        {
            capture.Write(at, """{"op":"login","args":[{"apiKey":"KEY-SECRET","passphrase":"PASS-SECRET","timestamp":"1","sign":"SIGN-SECRET"}]}"""u8);
            capture.Write(at, """{"event":"login","code":"0","msg":"","apiKey":"KEY-SECRET"}"""u8);
            capture.Write(at, """{"event":"subscribe","arg":{"instType":"SPOT","channel":"ticker","instId":"BTCUSDT"}}"""u8);
            capture.Write(at, "pong"u8);
        }
        var text = File.ReadAllText(path, Encoding.UTF8);
        Assert.DoesNotContain("SECRET", text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("""{"receivedAt":"2026-11-30T12:00:00.1234567Z","frame":"{\"event\":\"login\"}"}""", lines[0]);
        Assert.Contains("\\\"event\\\":\\\"login\\\",\\\"code\\\":\\\"0\\\"", lines[1]);
        Assert.Equal("""{"receivedAt":"2026-11-30T12:00:00.1234567Z","frame":"pong"}""", lines[3]);

        var frames = new List<(string, DateTimeOffset)>();
        await new FrameReplay(path).RunAsync((f, t) => frames.Add((Encoding.UTF8.GetString(f.Span), t)), CancellationToken.None);
        Assert.Equal(4, frames.Count);
        Assert.All(frames, f => Assert.Equal(at, f.Item2));
        Assert.Equal("""{"event":"subscribe","arg":{"instType":"SPOT","channel":"ticker","instId":"BTCUSDT"}}""", frames[2].Item1);
    }

    [Fact]
    public void ReplayOptionsAreChecked()
    {
        var missing = Path.Combine(_folder, "none.jsonl");
        var ex = Assert.Throws<Bitget.Stream.Protocol.BitgetArgumentException>(() => new BitgetStreamSession(new BitgetSessionOptions { ReplayPath = missing }));
        Assert.Equal("ReplayPath", ex.ParamName);
        File.WriteAllText(missing, "");
        Assert.Throws<Bitget.Stream.Protocol.BitgetArgumentException>(() => new BitgetStreamSession(new BitgetSessionOptions { ReplayPath = missing, ReplaySpeed = -1 }));
        Assert.Throws<Bitget.Stream.Protocol.BitgetArgumentException>(() => new BitgetStreamSession(new BitgetSessionOptions { ReplayPath = missing, RecordPath = missing + "2" }));
    }
}
