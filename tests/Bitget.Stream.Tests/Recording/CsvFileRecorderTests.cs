using System.Text;
using Bitget.Stream.Models;
using Bitget.Stream.Recording;

namespace Bitget.Stream.Tests.Recording;

public sealed class CsvFileRecorderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bitget-csv-").FullName;
    private readonly List<BitgetTicker> _tickers = BitgetCsvWriterTests.FixtureTickers();
    private static readonly string Header = BitgetCsvWriter.HeaderLine(new TickerCsvFormat());

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FilePath(string name) => Path.Combine(_folder, name);

    private static string[] Lines(string path) => File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void Record(string path, bool append, params BitgetTicker[] tickers)
    {
        using var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = path, Append = append });
        foreach (var t in tickers)
            recorder.Write(t);
    }

    [Fact]
    public void AppendKeepsOneHeader()
    {
        var path = FilePath("a.csv");
        Record(path, append: true, _tickers[0]);
        Record(path, append: true, _tickers[1], _tickers[0]);
        var lines = Lines(path);
        Assert.Equal(4, lines.Length);
        Assert.Equal(Header, lines[0]);
        Assert.Single(lines, l => l == Header);
    }

    [Fact]
    public void WithoutAppendAnExistingFileIsReplaced()
    {
        var path = FilePath("r.csv");
        Record(path, append: false, _tickers[0], _tickers[1]);
        Record(path, append: false, _tickers[1]);
        var lines = Lines(path);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("ETHUSDT,SPOT,", lines[1]);
    }

    [Fact]
    public void AppendOntoAnotherHeaderIsRefusedAndWritesNothing()
    {
        var path = FilePath("other.csv");
        var original = "\"Symbol\",\"LastPrice\"\n\"BTCUSDT\",\"27000,5\"\n";
        File.WriteAllText(path, original);
        using var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = path, Append = true });
        var ex = Assert.Throws<CsvHeaderMismatchException>(() => recorder.Write(_tickers[0]));
        Assert.Equal(path, ex.Path);
        Assert.Equal(Header, ex.Expected);
        Assert.Equal("\"Symbol\",\"LastPrice\"", ex.Found);
        recorder.Dispose();
        Assert.Equal(original, File.ReadAllText(path));
        Assert.Equal(0, recorder.Rows);
    }

    [Fact]
    public void AppendRemovesARowCutByACrashFirst()
    {
        var path = FilePath("cut.csv");
        Record(path, append: false, _tickers[0], _tickers[1]);
        var whole = File.ReadAllText(path);
        var cut = whole + whole.Split('\n')[1][..17];
        File.WriteAllText(path, cut);

        using (var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = path, Append = true }))
        {
            recorder.Write(_tickers[0]);
            Assert.Equal(17, recorder.RepairedBytes);
        }
        var lines = Lines(path);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Equal(Header.Split(',').Length, l.Split(',').Length));
        Assert.Equal(lines[1], lines[3]);
    }

    [Fact]
    public void AppendStartsAgainAfterAHeaderCutByACrash()
    {
        var path = FilePath("cuthead.csv");
        File.WriteAllText(path, Header[..20]);
        using (var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = path, Append = true }))
            recorder.Write(_tickers[1]);
        var lines = Lines(path);
        Assert.Equal(2, lines.Length);
        Assert.Equal(Header, lines[0]);
    }

    [Fact]
    public void DailyFilesSwitchAtMidnightUtc()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 29, 23, 59, 59, 900, TimeSpan.Zero));
        using (var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = _folder, Daily = true, Clock = clock }))
        {
            recorder.Write(_tickers[0]);
            recorder.Write(_tickers[1]);
            clock.Now = new DateTimeOffset(2026, 11, 30, 0, 0, 0, 100, TimeSpan.Zero);
            recorder.Write(_tickers[0]);
            Assert.Equal([FilePath("bitget_data_2026-11-29.csv"), FilePath("bitget_data_2026-11-30.csv")], recorder.Files);
        }
        Assert.Equal(3, Lines(FilePath("bitget_data_2026-11-29.csv")).Length);
        var second = Lines(FilePath("bitget_data_2026-11-30.csv"));
        Assert.Equal(2, second.Length);
        Assert.Equal(Header, second[0]);
        Assert.StartsWith("BTCUSDT,", second[1]);
    }

    [Fact]
    public void DailyPathsTakeADatePlaceholderOrGetTheDateBeforeTheExtension()
    {
        var date = new DateOnly(2026, 1, 2);
        Assert.Equal(FilePath("t-2026-01-02/x.csv"), new CsvFileRecorder(new CsvRecorderOptions { Path = FilePath("t-{date}/x.csv"), Daily = true }).PathFor(date));
        Assert.Equal(FilePath("ticks_2026-01-02.csv"), new CsvFileRecorder(new CsvRecorderOptions { Path = FilePath("ticks.csv"), Daily = true }).PathFor(date));
        Assert.Equal(FilePath("ticks.csv"), new CsvFileRecorder(new CsvRecorderOptions { Path = FilePath("ticks.csv") }).PathFor(date));
    }

    [Fact]
    public void RowsReachTheFileWithinTheFlushIntervalWithoutAFlushCall()
    {
        var path = FilePath("live.csv");
        using var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = path, FlushInterval = TimeSpan.FromMilliseconds(200) });
        recorder.Write(_tickers[0]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (ReadShared(path).Count(c => c == '\n') < 2 && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
        Assert.Equal(2, ReadShared(path).Count(c => c == '\n'));
    }

    [Fact]
    public void OneTypePerRecordingAndOnlyKnownTypes()
    {
        using var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = FilePath("t.csv") });
        Assert.Throws<ArgumentException>(() => recorder.Write("not a ticker"));
        recorder.Write(_tickers[0]);
        Assert.Throws<ArgumentException>(() => recorder.Write(new BitgetCandle()));
        Assert.Equal(1, recorder.Rows);
    }

    [Fact]
    public void StoppingMidRecordingLeavesOnlyWholeRows()
    {
        // Enough rows to overflow every buffer many times; then dispose as a stopped pipeline does.
        var path = FilePath("stop.csv");
        var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = path });
        for (var i = 0; i < 5000; i++)
            recorder.Write(_tickers[i % 2]);
        recorder.Dispose();
        var text = File.ReadAllText(path, Encoding.UTF8);
        Assert.EndsWith("\n", text);
        Assert.Equal(5001, Lines(path).Length);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
