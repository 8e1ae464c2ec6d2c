using System.Text;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Recording;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Recording;

/// <summary>
/// A replay reads what its capture holds once, before anything plays: its frames, topics and time range, in the API that
/// recorded it. Only a file with no readable frame is refused; a partly damaged capture is read as far as it is intact.
/// </summary>
public sealed class CaptureContentsTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("bitget-capture-contents").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Capture(string name, params byte[][] frames)
    {
        var path = Path.Combine(_folder, name);
        using (var capture = new FrameCapture(path))
        {
            var at = s_start;
            foreach (var frame in frames)
                capture.Write(at = at.AddSeconds(1), frame);
        }
        return path;
    }

    [Theory]
    [InlineData("v2.jsonl")]
    [InlineData("v2.jsonl.gz")]
    public void TheContentsAreItsFramesTopicsAndTimeRange(string name)
    {
        var path = Capture(name, "pong"u8.ToArray(), Fixtures.Bytes("futures-ticker-snapshot.json"), Fixtures.Bytes("futures-ticker-snapshot.json"));
        var contents = new FrameReplay(path).ReadContents();
        Assert.Equal(3, contents.Frames);
        Assert.Equal(s_start.AddSeconds(1), contents.From);
        Assert.Equal(s_start.AddSeconds(3), contents.To);
        Assert.Equal(BitgetApi.Classic, contents.Api);
        var topic = Assert.Single(contents.Topics);
        Assert.Equal(BitgetChannelNames.Ticker, topic.Channel);
        Assert.True(contents.Holds(topic));
        Assert.Null(contents.DescribeMissing([topic]));
        var missing = contents.DescribeMissing([topic with { InstId = "NOPEUSDT" }]);
        Assert.NotNull(missing);
        Assert.Contains("NOPEUSDT", missing);
        Assert.Contains($"{topic.Channel} {topic.InstId} ({topic.InstType})", missing.Split("It holds")[1]);
        Assert.Contains("3 frame(s), 1 topic(s)", contents.ToString());
    }

    [Fact]
    public void AV3CaptureListsItsTopicsInTheModulesSpelling()
    {
        var path = Capture("v3.jsonl", Fixtures.UtaBytes("v3-ticker-futures.json"), Fixtures.UtaBytes("v3-ticker-spot.json"));
        var contents = new FrameReplay(path).ReadContents();
        Assert.Equal(BitgetApi.Unified, contents.Api);
        Assert.Equal(["SPOT", "USDT-FUTURES"], contents.Topics.Select(t => t.InstType).Order());
        Assert.All(contents.Topics, t => Assert.Equal(BitgetChannelNames.Ticker, t.Channel));
    }

    [Fact]
    public async Task ACaptureWhoseFirstLineIsBadIsStillReadAndPlaysWhatIsIntact()
    {
        var good = Capture("good.jsonl", Fixtures.Bytes("futures-ticker-snapshot.json"));
        var path = Path.Combine(_folder, "bad-start.jsonl");
        File.WriteAllText(path, "this line is no frame\n" + File.ReadAllText(good));
        var contents = new FrameReplay(path).ReadContents();
        Assert.Equal(1, contents.Frames);

        await using var session = new BitgetStreamSession(new BitgetSessionOptions { ReplayPath = path });
        Assert.Same(session.ReplayContents, session.ReplayContents);
        Assert.Equal(1, session.ReplayContents!.Frames);
        Assert.Equal(new Uri(path), session.Endpoint);
        await session.ConnectAsync();
        Assert.Equal(BitgetSessionState.Replaying, session.State);
    }

    [Theory]
    [InlineData("notes.jsonl")]
    [InlineData("notes.jsonl.gz")]
    public void AFileWithNoReadableFrameIsRefusedWhenTheSessionIsCreated(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes("not a frame\nnor this\n"));
        var ex = Assert.Throws<InvalidDataException>(() => new BitgetStreamSession(new BitgetSessionOptions { ReplayPath = path }));
        Assert.Contains(name, ex.Message);
        Assert.Contains("not a frame capture", ex.Message);
    }

    [Fact]
    public void AnEmptyFileIsAnEmptyCapture()
    {
        var path = Path.Combine(_folder, "empty.jsonl");
        File.WriteAllBytes(path, []);
        var contents = new FrameReplay(path).ReadContents();
        Assert.Equal(0, contents.Frames);
        Assert.Empty(contents.Topics);
        Assert.Null(contents.From);
        Assert.Contains("holds no topic at all", contents.DescribeMissing([BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT")]));
    }
}
