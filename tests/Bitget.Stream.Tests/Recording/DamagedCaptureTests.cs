using System.Globalization;
using System.IO.Compression;
using System.Text;
using Bitget.Stream.Models;
using Bitget.Stream.Recording;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Recording;

/// <summary>
/// Captures as a crash, a full disk or a bad copy leave them: a plain file cut mid-line or with a garbled line, a gzip
/// member without its end, a cut member with a new member appended after it (a -RecordPath after a crash), garbage
/// between or inside members. A replay plays every intact frame, reports each damaged part as a warning that says
/// where it is, and ends Closed.
/// </summary>
public sealed class DamagedCaptureTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("bitget-damaged-").FullName;

    void IDisposable.Dispose() => Directory.Delete(_folder, recursive: true);

    // Ticker push number i: its last price is i, so the replayed tickers say which frames came through.
    private static byte[] Frame(int i)
    {
        var ms = (s_start.ToUnixTimeMilliseconds() + i).ToString(CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(
            $$"""{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"},"data":[{"instId":"BTCUSDT","lastPr":"{{i}}","bidPr":"{{i}}","askPr":"{{i + 1}}","ts":"{{ms}}"}],"ts":{{ms}}}""");
    }

    private static void Write(FrameCapture capture, int from, int count)
    {
        for (var i = from; i < from + count; i++)
            capture.Write(s_start.AddMilliseconds(i), Frame(i));
    }

    private static IEnumerable<int> Range(int from, int count) => Enumerable.Range(from, count);

    // A recorder killed after its last flush: the file as it is then (a gzip member without its end), the frames of
    // later writes never reach it.
    private string Crashed(string name, int from, int count)
    {
        var path = Path.Combine(_folder, name);
        byte[] onDisk;
        using (var capture = new FrameCapture(path))
        {
            Write(capture, from, count);
            capture.Flush();
            using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            onDisk = new byte[read.Length];
            read.ReadExactly(onDisk);
        }
        File.WriteAllBytes(path, onDisk);
        return path;
    }

    private string Recorded(string name, int from, int count)
    {
        var path = Path.Combine(_folder, name);
        using var capture = new FrameCapture(path);
        Write(capture, from, count);
        return path;
    }

    private static void Append(string path, int from, int count)
    {
        using var capture = new FrameCapture(path);
        Write(capture, from, count);
    }

    private static void Truncate(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(length);
    }

    private sealed record Replayed(List<int> Prices, List<string> Warnings, BitgetSessionState State, string? EndReason);

    private static async Task<Replayed> ReplayAsync(string path)
    {
        var prices = new List<int>();
        var warnings = new List<string>();
        await using var session = new BitgetStreamSession(new BitgetSessionOptions { ReplayPath = path });
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>(null);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var result = feed.Take(TimeSpan.FromSeconds(10), CancellationToken.None, out var ticker, out var notice);
            if (result == BitgetFeedResult.Item)
                prices.Add((int)ticker!.LastPrice!.Value);
            else if (result == BitgetFeedResult.Notice && notice!.Kind == BitgetNoticeKind.Warning)
                warnings.Add(notice.Message);
            else if (result is BitgetFeedResult.Completed or BitgetFeedResult.TimedOut)
                break;
        }
        await session.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        return new Replayed(prices, warnings, session.State, session.EndReason);
    }

    private static string Describe(Replayed r) =>
        $"{r.State} ({r.EndReason}); {r.Prices.Count} frames; warnings: {string.Join(" | ", r.Warnings)}";

    [Fact]
    public async Task APlainCaptureCutMidLineReportsTheCutLastLineAndPlaysTheRest()
    {
        var path = Recorded("cut.jsonl", 0, 150);
        Truncate(path, new FileInfo(path).Length - 20);
        var lastLineStart = File.ReadAllBytes(path).AsSpan()[..^1].LastIndexOf((byte)'\n') + 1;

        var r = await ReplayAsync(path);

        Assert.True(r.State == BitgetSessionState.Closed, Describe(r));
        Assert.Equal(Range(0, 149), r.Prices);
        var warning = Assert.Single(r.Warnings);
        Assert.Contains("cut.jsonl", warning);
        Assert.Contains("line 150", warning);
        Assert.Contains($"byte {lastLineStart:N0}", warning);
        Assert.Contains("cut", warning);
    }

    [Fact]
    public async Task ACorruptLineInAPlainCaptureIsReportedWithItsLineNumberAndTheRestPlays()
    {
        var path = Recorded("garbled.jsonl", 0, 150);
        var lines = File.ReadAllLines(path);
        lines[59] = lines[59][..40] + "\u0001\u0002 garbage";
        File.WriteAllText(path, string.Join("\n", lines) + "\n");

        var r = await ReplayAsync(path);

        Assert.True(r.State == BitgetSessionState.Closed, Describe(r));
        Assert.Equal(Range(0, 150).Where(i => i != 59), r.Prices);
        var warning = Assert.Single(r.Warnings);
        Assert.Contains("line 60", warning);
        Assert.Contains("not a recorded frame", warning);
        Assert.Contains("1 line(s) skipped", r.EndReason);
    }

    [Fact]
    public async Task AGzipMemberWithoutItsEndIsReportedAsCutAndItsFramesPlay()
    {
        var path = Crashed("crashed.jsonl.gz", 0, 98);
        var length = new FileInfo(path).Length;

        var r = await ReplayAsync(path);

        Assert.True(r.State == BitgetSessionState.Closed, Describe(r));
        Assert.Equal(Range(0, 98), r.Prices);
        var warning = Assert.Single(r.Warnings);
        Assert.Contains("crashed.jsonl.gz", warning);
        Assert.Contains($"cut at byte {length:N0}", warning);
        Assert.Contains("98 frame(s) recovered", warning);
    }

    [Fact]
    public async Task AGzipMemberCutInTheMiddleOfALineDropsThatLineWithAWarning()
    {
        var path = Crashed("midline.jsonl.gz", 0, 98);
        Truncate(path, new FileInfo(path).Length - 30);

        var r = await ReplayAsync(path);

        Assert.True(r.State == BitgetSessionState.Closed, Describe(r));
        Assert.NotEmpty(r.Prices);
        Assert.Equal(Range(0, r.Prices.Count), r.Prices);
        var warning = Assert.Single(r.Warnings);
        Assert.Contains($"{r.Prices.Count} frame(s) recovered", warning);
        Assert.Contains("partial line", warning);
    }

    [Fact]
    public async Task ACutGzipMemberFollowedByAnAppendedMemberPlaysEverythingAndNamesTheCut()
    {
        // A recorder killed after 98 frames, started again on the same file: its 52 frames are a new member.
        var path = Crashed("resumed.jsonl.gz", 0, 98);
        var cut = new FileInfo(path).Length;
        Append(path, 98, 52);

        var r = await ReplayAsync(path);

        Assert.True(r.State == BitgetSessionState.Closed, Describe(r));
        Assert.Equal(Range(0, 150), r.Prices);
        var warning = Assert.Single(r.Warnings);
        Assert.Contains("resumed.jsonl.gz", warning);
        Assert.Contains($"cut at byte {cut:N0}", warning);
        Assert.Contains("98 frame(s) recovered", warning);
        Assert.Contains($"next intact member at byte {cut:N0}", warning);
        Assert.Contains("150 frames", r.EndReason);
    }

    [Fact]
    public async Task AGzipMemberCutAtAnyByteThenAppendedToLosesOnlyTheCutLine()
    {
        // Killed in the middle of a write: the file ends inside the compressed data, not at a flush.
        var path = Crashed("anybyte.jsonl.gz", 0, 98);
        var cut = new FileInfo(path).Length - 37;
        Truncate(path, cut);
        Append(path, 98, 52);

        var r = await ReplayAsync(path);

        Assert.True(r.State == BitgetSessionState.Closed, Describe(r));
        var recovered = r.Prices.TakeWhile(p => p < 98).Count();
        Assert.InRange(recovered, 90, 97);
        Assert.Equal(Range(0, recovered).Concat(Range(98, 52)), r.Prices);
        var warning = Assert.Single(r.Warnings);
        Assert.Contains($"{recovered} frame(s) recovered", warning);
        Assert.Contains($"next intact member at byte {cut:N0}", warning);
    }

    [Fact]
    public async Task GarbageBetweenGzipMembersIsSkippedWithItsOffset()
    {
        var first = Recorded("a.jsonl.gz", 0, 75);
        var second = Recorded("b.jsonl.gz", 75, 75);
        var garbage = new byte[1000];
        new Random(18).NextBytes(garbage);
        garbage[0] = 0x1f; // a false start: gzip's magic without the rest of a header
        garbage[1] = 0x8b;
        var a = File.ReadAllBytes(first);
        var path = Path.Combine(_folder, "garbage.jsonl.gz");
        File.WriteAllBytes(path, [.. a, .. garbage, .. File.ReadAllBytes(second)]);

        var r = await ReplayAsync(path);

        Assert.True(r.State == BitgetSessionState.Closed, Describe(r));
        Assert.Equal(Range(0, 150), r.Prices);
        var warning = Assert.Single(r.Warnings);
        Assert.Contains($"1,000 bytes at byte {a.Length:N0}", warning);
        Assert.Contains("not gzip data", warning);
        Assert.Contains($"next intact member at byte {a.Length + 1000:N0}", warning);
    }

    [Fact]
    public async Task GarbageInsideAGzipMemberLosesThatMembersRestOnly()
    {
        var a = File.ReadAllBytes(Recorded("m1.jsonl.gz", 0, 50));
        var b = File.ReadAllBytes(Recorded("m2.jsonl.gz", 50, 50));
        var c = File.ReadAllBytes(Recorded("m3.jsonl.gz", 100, 50));
        var damaged = b.ToArray();
        new Random(7).NextBytes(damaged.AsSpan(damaged.Length / 2, 64));
        var path = Path.Combine(_folder, "inside.jsonl.gz");
        File.WriteAllBytes(path, [.. a, .. damaged, .. c]);

        var r = await ReplayAsync(path);

        Assert.True(r.State == BitgetSessionState.Closed, Describe(r));
        var fromSecond = r.Prices.Count(p => p is >= 50 and < 100);
        Assert.Equal(Range(0, 50).Concat(Range(50, fromSecond)).Concat(Range(100, 50)), r.Prices);
        var warning = Assert.Single(r.Warnings);
        Assert.Contains("damaged gzip data", warning);
        Assert.Contains($"member 2, from byte {a.Length:N0}", warning);
        Assert.Contains($"next intact member at byte {a.Length + b.Length:N0}", warning);
        Assert.DoesNotContain("unsupported compression method", warning);
    }

    [Theory]
    [InlineData("again.jsonl")]
    [InlineData("again.jsonl.gz")]
    public async Task RecordingOntoACutCaptureStartsCleanAndEveryWholeFrameReplays(string name)
    {
        // The first run was killed in the middle of a write: its last line (or compressed block) is cut.
        var path = Crashed(name, 0, 98);
        Truncate(path, new FileInfo(path).Length - 25);
        Append(path, 98, 52);

        var r = await ReplayAsync(path);

        Assert.True(r.State == BitgetSessionState.Closed, Describe(r));
        var recovered = r.Prices.TakeWhile(p => p < 98).Count();
        Assert.InRange(recovered, 90, 97);
        Assert.Equal(Range(0, recovered).Concat(Range(98, 52)), r.Prices);
        Assert.Single(r.Warnings);
    }

    [Fact]
    public void AFileThatIsNotACaptureIsRefusedFromItsStart()
    {
        new FrameReplay(Recorded("good.jsonl", 0, 3)).CheckFirstFrame();
        new FrameReplay(Recorded("good.jsonl.gz", 0, 3)).CheckFirstFrame();
        new FrameReplay(Crashed("crashed.jsonl.gz", 0, 3)).CheckFirstFrame();
        File.WriteAllBytes(Path.Combine(_folder, "empty.jsonl.gz"), []);
        new FrameReplay(Path.Combine(_folder, "empty.jsonl.gz")).CheckFirstFrame();

        var text = Path.Combine(_folder, "notes.jsonl");
        File.WriteAllText(text, "date,price\n2026-11-30,1\n");
        var ex = Assert.Throws<InvalidDataException>(() => new FrameReplay(text).CheckFirstFrame());
        Assert.Contains("notes.jsonl is not a frame capture", ex.Message);

        var random = Path.Combine(_folder, "random.jsonl.gz");
        var bytes = new byte[5000];
        new Random(5).NextBytes(bytes);
        File.WriteAllBytes(random, bytes);
        ex = Assert.Throws<InvalidDataException>(() => new FrameReplay(random).CheckFirstFrame());
        Assert.Contains("random.jsonl.gz is not a gzip file", ex.Message);

        var zipped = Path.Combine(_folder, "zipped.jsonl.gz");
        using (var gz = new GZipStream(File.Create(zipped), CompressionLevel.Fastest))
            gz.Write("date,price\n2026-11-30,1\n"u8);
        ex = Assert.Throws<InvalidDataException>(() => new FrameReplay(zipped).CheckFirstFrame());
        Assert.Contains("zipped.jsonl.gz is not a frame capture", ex.Message);
    }

    [Fact]
    public async Task ALineLongerThanAnyFrameIsSkippedWithoutHoldingIt()
    {
        var path = Recorded("long.jsonl", 0, 2);
        using (var file = new FileStream(path, FileMode.Append))
        {
            file.Write(new byte[CaptureReaderLimit + 10]); // no newline in 8 MiB: not a frame, and not kept whole
            file.WriteByte((byte)'\n');
        }
        Append(path, 2, 2);

        var r = await ReplayAsync(path);

        Assert.Equal(Range(0, 4), r.Prices);
        var warning = Assert.Single(r.Warnings);
        Assert.Contains("line 3", warning);
        Assert.Contains("longer than 8 MiB", warning);
    }

    private const int CaptureReaderLimit = 8 * 1024 * 1024;
}
