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
        recorder.Write(_tickers[0]);
        var failure = Assert.Single(recorder.TakeFailures());
        Assert.Equal(path, failure.Path);
        var ex = Assert.IsType<CsvHeaderMismatchException>(failure.InnerException);
        Assert.Equal(path, ex.Path);
        Assert.Equal(Header, ex.Expected);
        Assert.Equal("\"Symbol\",\"LastPrice\"", ex.Found);
        recorder.Dispose();
        Assert.Equal(original, File.ReadAllText(path));
        Assert.Equal(0, recorder.Rows);
        Assert.Equal(1, recorder.RowsNotWritten);
        Assert.Empty(recorder.TakeFailures());
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

    private static BitgetTicker At(string symbol, string time) =>
        new() { Symbol = symbol, InstType = "SPOT", LastPrice = 1.5m, Timestamp = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), ReceivedAt = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero) };

    private static string[] Symbols(string path) => [.. Lines(path).Skip(1).Select(l => l.Split(',')[0])];

    [Fact]
    public void DailyFilesEachRowByItsOwnUtcTimeWhateverTheClockSays()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        using (var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = _folder, Daily = true, Clock = clock }))
        {
            recorder.Write(At("A", "2026-11-29T23:59:59.999Z"));
            recorder.Write(At("B", "2026-11-30T00:00:03Z"));
            recorder.Write(At("C", "2026-11-30T01:00:00+02:00")); // 2026-11-29T23:00Z: a late row for the day before
            recorder.Write(At("D", "2026-11-30T00:00:04Z"));
            Assert.Equal([FilePath("bitget_data_2026-11-29.csv"), FilePath("bitget_data_2026-11-30.csv")], recorder.Files);
            Assert.Equal(4, recorder.Rows);
        }
        Assert.Equal(["A", "C"], Symbols(FilePath("bitget_data_2026-11-29.csv")));
        Assert.Equal(["B", "D"], Symbols(FilePath("bitget_data_2026-11-30.csv")));
        Assert.Equal(Header, Lines(FilePath("bitget_data_2026-11-30.csv"))[0]);
    }

    [Fact]
    public void RowsOfManyDaysInAnyOrderEachReachTheirDaysFileUnderOneHeader()
    {
        // More days than files kept open: a day's file closed to make room is reopened and continued, never replaced.
        var expected = new Dictionary<string, List<string>>();
        using (var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = FilePath("t.csv"), Daily = true }))
        {
            for (var i = 0; i < 40; i++)
            {
                var day = 1 + (i * 7) % 9;
                var symbol = "S" + i;
                recorder.Write(At(symbol, $"2026-11-{day:00}T12:00:00Z"));
                var file = FilePath($"t_2026-11-{day:00}.csv");
                if (!expected.TryGetValue(file, out var list))
                    expected[file] = list = [];
                list.Add(symbol);
            }
            Assert.Equal(9, recorder.Files.Count);
        }
        foreach (var (file, symbols) in expected)
        {
            Assert.Equal(symbols, Symbols(file));
            Assert.Single(Lines(file), l => l == Header);
        }
    }

    [Fact]
    public void DailyAlwaysContinuesAnExistingDayFileAndNeverReplacesIt()
    {
        foreach (var append in new[] { false, true, false })
        {
            using var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = _folder, Daily = true, Append = append });
            recorder.Write(At("R" + append, "2026-11-30T10:00:00Z"));
        }
        Assert.Equal(["RFalse", "RTrue", "RFalse"], Symbols(FilePath("bitget_data_2026-11-30.csv")));
    }

    [Fact]
    public void ADayFileWithAnotherHeaderIsReportedOnceItsRowsCountedAndTheOtherDaysGoOn()
    {
        var blocked = FilePath("bitget_data_2026-11-30.csv");
        File.WriteAllText(blocked, "Symbol,Price\nBTCUSDT,1\n");
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        using (var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = _folder, Daily = true, Clock = clock }))
        {
            recorder.Write(At("A", "2026-11-29T23:59:59Z"));
            recorder.Write(At("B", "2026-11-30T00:00:03Z"));
            var failure = Assert.Single(recorder.TakeFailures());
            Assert.Equal(blocked, failure.Path);
            Assert.IsType<CsvHeaderMismatchException>(failure.InnerException);
            recorder.Write(At("C", "2026-11-30T00:00:04Z"));
            clock.Now += TimeSpan.FromMinutes(1); // retried, and refused again: counted, not reported again
            recorder.Write(At("D", "2026-11-30T00:00:05Z"));
            recorder.Write(At("E", "2026-12-01T00:00:01Z"));
            recorder.Write(At("F", "2026-11-29T23:59:59Z"));
            Assert.Empty(recorder.TakeFailures());
            Assert.Equal(3, recorder.Rows);
            Assert.Equal(3, recorder.RowsNotWritten);
            Assert.Equal(new Dictionary<string, long> { [blocked] = 3 }, recorder.NotWrittenByFile);
        }
        Assert.Equal("Symbol,Price\nBTCUSDT,1\n", File.ReadAllText(blocked));
        Assert.Equal(["A", "F"], Symbols(FilePath("bitget_data_2026-11-29.csv")));
        Assert.Equal(["E"], Symbols(FilePath("bitget_data_2026-12-01.csv")));
    }

    [Fact]
    public void ALockedDayFileIsTriedAgainAfterTheRetryIntervalAndWritingResumes()
    {
        var locked = FilePath("bitget_data_2026-11-30.csv");
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = _folder, Daily = true, Clock = clock, RetryInterval = TimeSpan.FromSeconds(5) });
        using (var holder = new FileStream(locked, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            recorder.Write(At("A", "2026-11-30T00:00:01Z"));
            var failure = Assert.Single(recorder.TakeFailures());
            Assert.Equal(locked, failure.Path);
            Assert.IsAssignableFrom<IOException>(failure.InnerException);
            clock.Now += TimeSpan.FromSeconds(4);
            recorder.Write(At("B", "2026-11-30T00:00:02Z")); // within the interval: not tried, counted
            clock.Now += TimeSpan.FromSeconds(2);
            recorder.Write(At("C", "2026-11-30T00:00:03Z")); // tried, still locked: counted, not reported again
            Assert.Empty(recorder.TakeFailures());
            Assert.Equal(0, recorder.Resumptions);
        }
        recorder.Write(At("D", "2026-11-30T00:00:04Z")); // retry not yet due
        clock.Now += TimeSpan.FromSeconds(5);
        recorder.Write(At("E", "2026-11-30T00:00:05Z"));
        Assert.Equal(1, recorder.Resumptions);
        Assert.Equal(locked, recorder.CurrentPath);
        recorder.Write(At("F", "2026-11-30T00:00:06Z"));
        recorder.Dispose();
        Assert.Empty(recorder.TakeFailures());
        Assert.Equal(["E", "F"], Symbols(locked));
        Assert.Equal(2, recorder.Rows);
        Assert.Equal(4, recorder.RowsNotWritten);
    }

    [Fact]
    public void AFolderWhereTheDayFileShouldBeIsAnIoFailureOfThatDayOnly()
    {
        Directory.CreateDirectory(FilePath("bitget_data_2026-11-30.csv"));
        using var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = _folder, Daily = true });
        recorder.Write(At("A", "2026-11-30T00:00:01Z"));
        recorder.Write(At("B", "2026-12-01T00:00:01Z"));
        var failure = Assert.Single(recorder.TakeFailures());
        Assert.True(failure.InnerException is IOException or UnauthorizedAccessException, failure.InnerException?.GetType().Name);
        Assert.Equal(1, recorder.Rows);
        Assert.Equal(1, recorder.RowsNotWritten);
    }

    [Fact]
    public void AMissingFolderIsAFailureUnlessFoldersMayBeCreatedButDatedFoldersAlwaysAre()
    {
        var missing = FilePath("no/such");
        using (var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = Path.Combine(missing, "x.csv") }))
        {
            Assert.Equal(missing, recorder.RequiredFolder);
            recorder.Write(_tickers[0]);
            Assert.IsType<DirectoryNotFoundException>(Assert.Single(recorder.TakeFailures()).InnerException);
        }
        Assert.False(Directory.Exists(FilePath("no")));
        using (var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = Path.Combine(missing, "x.csv"), CreateFolders = true }))
            recorder.Write(_tickers[0]);
        Assert.Equal(2, Lines(Path.Combine(missing, "x.csv")).Length);
        using (var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = FilePath("d-{date}/sub/t.csv"), Daily = true }))
        {
            Assert.Equal(_folder, recorder.RequiredFolder);
            recorder.Write(At("A", "2026-11-30T00:00:01Z"));
            Assert.Empty(recorder.TakeFailures());
        }
        Assert.Equal(["A"], Symbols(FilePath("d-2026-11-30/sub/t.csv")));
        Assert.Equal(_folder, new CsvFileRecorder(new CsvRecorderOptions { Path = _folder, Daily = true }).RequiredFolder);
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
