using System.Globalization;
using System.Management.Automation;
using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

public sealed class ExportBitgetCsvTests : MockedModuleTests
{
    private Dictionary<string, object?> Vars(params (string, object?)[] extra)
    {
        var vars = new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString(), ["folder"] = Folder };
        foreach (var (k, v) in extra)
            vars[k] = v;
        return vars;
    }

    // Ticker rows hold no quotes or commas inside a field: a split reads them.
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',').Select((v, i) => (header[i], v)).ToDictionary(p => p.Item1, p => p.v)).ToList();
    }

    private sealed record Ticker(string Symbol, decimal? LastPrice, decimal? BidPrice, decimal? MarkPrice, decimal? Spread, DateTimeOffset Timestamp, DateTimeOffset ReceivedAt)
    {
        public static Ticker From(PSObject o) => new(
            (string)o.Properties["Symbol"].Value, (decimal?)o.Properties["LastPrice"].Value, (decimal?)o.Properties["BidPrice"].Value,
            (decimal?)o.Properties["MarkPrice"].Value, (decimal?)o.Properties["Spread"].Value,
            (DateTimeOffset)o.Properties["Timestamp"].Value, (DateTimeOffset)o.Properties["ReceivedAt"].Value);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    public void AGermanSessionsFileReadsBackExactly(string readCulture)
    {
        var path = Path.Combine(Folder, "de.csv");
        var run = _host.Invoke("""
            [cultureinfo]::CurrentCulture = 'de-DE'
            Receive-BitgetTicker BTCUSDT,ETHUSDT -First 20 -Endpoint $ep | Export-BitgetCsv -Path $p -PassThru
            """, Vars(("p", path)));
        Assert.Empty(run.Errors);
        var tickers = run.Output.Select(o => Ticker.From(o)).ToList();
        Assert.Equal(20, tickers.Count);

        // PowerShell's own reader and casts, under the reading culture (Export-Csv's de-DE "27000,5" reads back as 270005).
        var imported = _host.Invoke($"[cultureinfo]::CurrentCulture = '{readCulture}'; Import-Csv $p | ForEach-Object {{ [pscustomobject]@{{ Last = [decimal]$_.LastPrice; Ts = [datetimeoffset]$_.Timestamp }} }}", Vars(("p", path)));
        Assert.Empty(imported.Errors);
        Assert.Equal(tickers.Select(t => t.LastPrice), imported.Output.Select(o => (decimal?)(decimal)o.Properties["Last"].Value));
        Assert.Equal(tickers.Select(t => t.Timestamp), imported.Output.Select(o => (DateTimeOffset)o.Properties["Ts"].Value));

        var rows = ReadCsv(path);
        Assert.Equal(20, rows.Count);
        for (var i = 0; i < tickers.Count; i++)
        {
            var t = tickers[i];
            Assert.Equal(t.Symbol, rows[i]["Symbol"]);
            Assert.Equal(t.BidPrice, decimal.Parse(rows[i]["BidPrice"], CultureInfo.InvariantCulture));
            Assert.Equal(t.MarkPrice?.ToString(CultureInfo.InvariantCulture), rows[i]["MarkPrice"]);
            Assert.Equal(t.Spread, decimal.Parse(rows[i]["Spread"], CultureInfo.InvariantCulture));
            Assert.Equal(t.Timestamp.ToUnixTimeMilliseconds(), long.Parse(rows[i]["TimestampMs"], CultureInfo.InvariantCulture));
            Assert.Equal(t.ReceivedAt.ToUnixTimeMilliseconds(), DateTimeOffset.Parse(rows[i]["ReceivedAt"], CultureInfo.GetCultureInfo(readCulture)).ToUnixTimeMilliseconds());
        }
    }

    [Fact]
    public void AppendOntoAnotherHeaderIsAnErrorAndWritesNothing()
    {
        var path = Path.Combine(Folder, "other.csv");
        _host.Invoke("Receive-BitgetTicker BTCUSDT -First 2 -Endpoint $ep | Select-Object Symbol, LastPrice | Export-Csv $p", Vars(("p", path)));
        var before = File.ReadAllText(path);
        var run = _host.Invoke("Receive-BitgetTicker BTCUSDT -First 2 -Endpoint $ep | Export-BitgetCsv $p -Append", Vars(("p", path)));
        var error = Assert.Single(run.Errors);
        Assert.Equal("CsvHeaderMismatch,Bitget.PowerShell.Commands.ExportBitgetCsvCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(path, error.TargetObject);
        Assert.Contains("-Append", error.ErrorDetails.RecommendedAction);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void AppendAddsRowsUnderOneHeaderAndRelativePathsFollowTheLocation()
    {
        var run = _host.Invoke("""
            Set-Location $folder
            Receive-BitgetTicker BTCUSDT -First 3 -Endpoint $ep | Export-BitgetCsv rel.csv
            Receive-BitgetTicker BTCUSDT -First 2 -Endpoint $ep | Export-BitgetCsv rel.csv -Append
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.Empty(run.Output);
        var lines = File.ReadAllLines(Path.Combine(Folder, "rel.csv"));
        Assert.Equal(6, lines.Length);
        Assert.Single(lines, l => l.StartsWith("Symbol,", StringComparison.Ordinal));
    }

    [Fact]
    public void AppendRepairsARowCutByACrashWithAWarning()
    {
        var path = Path.Combine(Folder, "cut.csv");
        _host.Invoke("Receive-BitgetTicker BTCUSDT -First 2 -Endpoint $ep | Export-BitgetCsv $p", Vars(("p", path)));
        var lines = File.ReadAllLines(path);
        File.AppendAllText(path, lines[1][..30]); // a crash in the middle of a row
        var run = _host.Invoke("Receive-BitgetTicker BTCUSDT -First 1 -Endpoint $ep | Export-BitgetCsv $p -Append", Vars(("p", path)));
        Assert.Empty(run.Errors);
        Assert.Contains(run.Warnings, w => w.Contains("cut short") && w.Contains("30 bytes"));
        var after = File.ReadAllLines(path);
        Assert.Equal(4, after.Length);
        Assert.All(after, l => Assert.Equal(lines[0].Split(',').Length, l.Split(',').Length));
    }

    [Fact]
    public void DailyWritesTheSeedsFileNameForTodayUtc()
    {
        var before = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var run = _host.Invoke("Set-Location $folder; Receive-BitgetTicker BTCUSDT -First 2 -Endpoint $ep | Export-BitgetCsv -Daily", Vars());
        var after = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Empty(run.Errors);
        var file = Assert.Single(Directory.GetFiles(Folder));
        Assert.Contains(Path.GetFileName(file), new[] { $"bitget_data_{before}.csv", $"bitget_data_{after}.csv" });
        Assert.Equal(3, File.ReadAllLines(file).Length);
    }

    [Fact]
    public void InputWithoutACsvFormatIsANonTerminatingError()
    {
        var path = Path.Combine(Folder, "x.csv");
        var run = _host.Invoke("'BTCUSDT' | Export-BitgetCsv $p", Vars(("p", path)));
        var error = Assert.Single(run.Errors);
        Assert.Equal("CsvUnsupportedInput,Bitget.PowerShell.Commands.ExportBitgetCsvCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidType, error.CategoryInfo.Category);
    }

    [Fact]
    public async Task ARecordingSurvivesADropAndACtrlCWithNoLostOrPartialRow()
    {
        var path = Path.Combine(Folder, "live.csv");
        _host.Invoke("$global:s = Connect-BitgetStream -Endpoint $ep", Vars());
        using var ps = _host.Create("Receive-BitgetTicker BTCUSDT,ETHUSDT -Session $global:s | Export-BitgetCsv -Path $p -PassThru", Vars(("p", path)));
        var output = new PSDataCollection<PSObject>();
        var invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(await _mock.WaitUntilAsync(_ => output.Count >= 20, Patience));
        _mock.DropAllConnections();
        Assert.True(await _mock.WaitUntilAsync(m => m.TotalConnections >= 2 && output.Count >= 80, TimeSpan.FromSeconds(20)));
        ps.Stop(); // what Ctrl+C does
        await Task.Factory.FromAsync(invocation, _ => { }).WaitAsync(Patience);

        var text = File.ReadAllText(path);
        Assert.EndsWith("\n", text);
        var rows = ReadCsv(path);
        var passed = output.Select(o => Ticker.From(o)).ToList();
        // Each row is written before its object is passed on, so the stop may fall between the two for the last one.
        Assert.InRange(rows.Count, passed.Count, passed.Count + 1);
        for (var i = 0; i < passed.Count; i++)
        {
            Assert.Equal(passed[i].Symbol, rows[i]["Symbol"]);
            Assert.Equal(passed[i].LastPrice, decimal.Parse(rows[i]["LastPrice"], CultureInfo.InvariantCulture));
            Assert.Equal(passed[i].Timestamp.ToUnixTimeMilliseconds(), long.Parse(rows[i]["TimestampMs"], CultureInfo.InvariantCulture));
        }
        var header = File.ReadLines(path).First().Split(',').Length;
        Assert.All(File.ReadLines(path), l => Assert.Equal(header, l.Split(',').Length));
        Assert.Equal(0L, (long)_host.Invoke("$global:s.DroppedMessages").Output.Single().BaseObject);
        Assert.Equal(1, (int)_host.Invoke("$global:s.ReconnectCount").Output.Single().BaseObject);
    }

    // ---- Every output type (issue 18, item 6) ----

    private Dictionary<string, object?> PrivateVars() => new()
    {
        ["ep"] = _mock.PrivateEndpoint.ToString(),
        ["folder"] = Folder,
        ["key"] = MockPrivateAccount.Test.ApiKey,
        ["secret"] = MockPrivateAccount.Test.Secret,
        ["pass"] = MockPrivateAccount.Test.Passphrase,
    };

    // Each object's row read back by Import-Csv: every property has its column, holding the value in its invariant form
    // (decimals with their scale, times ISO 8601 UTC to the millisecond, levels as price:size;…), and every time its Ms column.
    private static void AssertRowsAreTheObjects(IReadOnlyList<PSObject> objects, IReadOnlyList<PSObject> rows)
    {
        Assert.Equal(objects.Count, rows.Count);
        Assert.NotEmpty(objects);
        var columns = rows[0].Properties.Select(p => p.Name).ToList();
        foreach (var property in objects[0].BaseObject.GetType().GetProperties())
            Assert.Contains(property.Name, columns);
        for (var i = 0; i < objects.Count; i++)
        {
            var item = objects[i].BaseObject;
            foreach (var property in item.GetType().GetProperties())
            {
                var cell = (string)rows[i].Properties[property.Name].Value;
                var value = property.GetValue(item);
                switch (value)
                {
                    case null:
                        Assert.Equal("", cell);
                        break;
                    case decimal d:
                        Assert.Equal(d.ToString(CultureInfo.InvariantCulture), cell);
                        Assert.Equal(d, decimal.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture));
                        break;
                    case DateTimeOffset t:
                        var ms = DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());
                        Assert.Equal(ms, DateTimeOffset.Parse(cell, CultureInfo.InvariantCulture));
                        Assert.Equal(t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), (string)rows[i].Properties[property.Name + "Ms"].Value);
                        break;
                    case Array levels: // BitgetBookLevel[] (the test sees the module's types only at run time)
                        Assert.Equal(string.Join(";", levels.Cast<object>().Select(l => FormattableString.Invariant($"{Level(l, "Price")}:{Level(l, "Size")}"))), cell);
                        break;
                    case IFormattable f:
                        Assert.Equal(f.ToString(null, CultureInfo.InvariantCulture), cell);
                        break;
                    default:
                        Assert.Equal(value.ToString(), cell);
                        break;
                }
            }
        }
    }

    private static decimal Level(object level, string name) => (decimal)level.GetType().GetProperty(name)!.GetValue(level)!;

    [Theory]
    [InlineData("Receive-BitgetCandle BTCUSDT -Interval 1m -IncludeHistory -First 8 -Endpoint $ep -Timeout 20", "BitgetCandle")]
    [InlineData("Receive-BitgetTrade BTCUSDT,ETHUSDT -First 30 -Endpoint $ep -Timeout 20", "BitgetTrade")]
    [InlineData("Receive-BitgetOrderBook BTCUSDT -Depth 5 -First 5 -Endpoint $ep -Timeout 20", "BitgetOrderBook")]
    [InlineData("Receive-BitgetOrderBook BTCUSDT -Depth Full -First 3 -Endpoint $ep -Timeout 20", "BitgetOrderBook")]
    [InlineData("Receive-BitgetMessage BTCUSDT -Channel ticker -First 5 -Endpoint $ep -Timeout 20", "BitgetRawMessage")]
    [InlineData("Receive-BitgetTicker BTCUSDT -InstType SPOT -First 5 -Endpoint $ep -Timeout 20", "BitgetTicker")]
    public void EveryPublicOutputTypeReadsBackExactlyUnderAGermanCulture(string receive, string typeName)
    {
        var path = Path.Combine(Folder, typeName + ".csv");
        var run = _host.Invoke($"""
            [cultureinfo]::CurrentCulture = 'de-DE'
            {receive} | Export-BitgetCsv -Path $p -PassThru
            """, Vars(("p", path)));
        Assert.Empty(run.Errors);
        Assert.All(run.Output, o => Assert.Equal(typeName, o.BaseObject.GetType().Name));
        var rows = _host.Invoke("Import-Csv -LiteralPath $p", Vars(("p", path)));
        Assert.Empty(rows.Errors);
        AssertRowsAreTheObjects(run.Output, rows.Output);
    }

    [Fact]
    public void EveryPrivateOutputTypeReadsBackExactly()
    {
        // The README's "Receive-BitgetFill | Export-Csv … # exact decimals" as it should be written.
        var run = _host.Invoke("""
            [cultureinfo]::CurrentCulture = 'de-DE'
            $cred = [pscredential]::new($key, (ConvertTo-SecureString $secret -AsPlainText -Force))
            $s = Connect-BitgetStream -Endpoint $ep -Private -Credential $cred -Passphrase (ConvertTo-SecureString $pass -AsPlainText -Force) -EnvFile (Join-Path $folder 'none.env')
            Receive-BitgetOrder -First 1 -Timeout 10 | Export-BitgetCsv (Join-Path $folder orders.csv) -PassThru
            Receive-BitgetOrder -Algo -First 1 -Timeout 10 | Export-BitgetCsv (Join-Path $folder algo.csv) -PassThru
            Receive-BitgetPosition -First 1 -Timeout 10 | Export-BitgetCsv (Join-Path $folder positions.csv) -PassThru
            Receive-BitgetPosition -History -First 1 -Timeout 10 | Export-BitgetCsv (Join-Path $folder history.csv) -PassThru
            Receive-BitgetAccount -InstType SPOT -First 1 -Timeout 10 | Export-BitgetCsv (Join-Path $folder spot.csv) -PassThru
            Receive-BitgetAccount -First 1 -Timeout 10 | Export-BitgetCsv (Join-Path $folder accounts.csv) -PassThru
            Receive-BitgetFill -First 1 -Timeout 10 | Export-BitgetCsv (Join-Path $folder fills.csv) -PassThru
            Disconnect-BitgetStream $s
            """, PrivateVars());
        Assert.Empty(run.Errors);
        var byFile = new (string File, int Count, string Type)[]
        {
            ("orders.csv", 1, "BitgetOrder"), ("algo.csv", 1, "BitgetOrder"), ("positions.csv", 1, "BitgetPosition"), ("history.csv", 1, "BitgetPosition"),
            ("spot.csv", 1, "BitgetAccount"), ("accounts.csv", 1, "BitgetAccount"), ("fills.csv", 1, "BitgetFill"),
        };
        var offset = 0;
        foreach (var (file, count, type) in byFile)
        {
            var objects = run.Output.Skip(offset).Take(count).ToList();
            offset += count;
            Assert.All(objects, o => Assert.Equal(type, o.BaseObject.GetType().Name));
            var rows = _host.Invoke("Import-Csv -LiteralPath $p", Vars(("p", Path.Combine(Folder, file))));
            Assert.Empty(rows.Errors);
            AssertRowsAreTheObjects(objects, rows.Output);
        }
    }

    [Fact]
    public void NegativeValuesAndFormulaLikeTextAreWrittenAsTheyAre()
    {
        var path = Path.Combine(Folder, "neg.csv");
        var run = _host.Invoke("""
            $t = [Bitget.Stream.Models.BitgetTicker]@{ Symbol = '=SUM(1+1)'; InstType = 'SPOT'; LastPrice = [decimal]::Parse('-0.000120', [cultureinfo]::InvariantCulture); Change24h = [decimal]'-0.0345'
                Timestamp = [datetimeoffset]'2026-11-30T12:00:00.123Z'; ReceivedAt = [datetimeoffset]'2026-11-30T12:00:00.456Z' }
            $t | Export-BitgetCsv $p -PassThru
            """, Vars(("p", path)));
        Assert.Empty(run.Errors);
        var row = File.ReadAllLines(path)[1];
        Assert.StartsWith("=SUM(1+1),SPOT,-0.000120,", row);
        Assert.Contains(",-0.0345,", row);
        AssertRowsAreTheObjects(run.Output, _host.Invoke("Import-Csv -LiteralPath $p", Vars(("p", path))).Output);
    }

    [Fact]
    public void ObjectsWithoutCsvColumnsGetOneErrorNotOnePerObject()
    {
        var path = Path.Combine(Folder, "x.csv");
        var run = _host.Invoke("'BTCUSDT', 'ETHUSDT', 'SOLUSDT' | Export-BitgetCsv $p -Verbose", Vars(("p", path)));
        var error = Assert.Single(run.Errors);
        Assert.Equal("CsvUnsupportedInput,Bitget.PowerShell.Commands.ExportBitgetCsvCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidType, error.CategoryInfo.Category);
        Assert.Equal("BTCUSDT", error.TargetObject);
        Assert.Contains("System.String", error.ToString());
        Assert.Contains("BitgetCandle", error.ToString()); // says what it does write
        Assert.Contains(run.Warnings, w => w.Contains("3 input object(s)") && w.Contains("System.String"));
        Assert.False(File.Exists(path));

        var processes = _host.Invoke("Get-Process -Id $PID, $PID, $PID | Export-BitgetCsv $p", Vars(("p", path)));
        var processError = Assert.Single(processes.Errors);
        Assert.Equal(ErrorCategory.InvalidType, processError.CategoryInfo.Category);
        Assert.IsType<System.Diagnostics.Process>(processError.TargetObject);
    }

    [Fact]
    public void AMixOfTypesIsOneErrorThatSuggestsOneCallPerTypeAndTheFirstTypesRowsAreWritten()
    {
        var path = Path.Combine(Folder, "mix.csv");
        var run = _host.Invoke("""
            $tickers = @(Receive-BitgetTicker BTCUSDT -First 3 -Endpoint $ep)
            $trades = @(Receive-BitgetTrade BTCUSDT -First 3 -Endpoint $ep)
            @($tickers[0], $trades[0], $tickers[1], $trades[1], $trades[2], $tickers[2]) | Export-BitgetCsv $p
            Export-BitgetCsv $p2 -InputObject @($tickers[0], $trades[0], $trades[1], $tickers[1])
            """, Vars(("p", path), ("p2", Path.Combine(Folder, "mix2.csv"))));
        Assert.Equal(2, run.Errors.Count);
        Assert.All(run.Errors, error =>
        {
            Assert.Equal("CsvUnsupportedInput,Bitget.PowerShell.Commands.ExportBitgetCsvCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidType, error.CategoryInfo.Category);
            Assert.Equal("BitgetTrade", error.TargetObject.GetType().Name);
            Assert.Contains("BitgetTicker", error.ToString());
            Assert.Contains("one Export-BitgetCsv per type", error.ErrorDetails.RecommendedAction);
        });
        Assert.Equal(4, File.ReadAllLines(path).Length);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(Folder, "mix2.csv")).Length);
        Assert.Contains(run.Warnings, w => w.Contains("3 input object(s)") && w.Contains("BitgetTrade"));
        Assert.Contains(run.Warnings, w => w.Contains("2 input object(s)") && w.Contains("BitgetTrade"));
    }

    // ---- -Daily by each row's own time (issue 18, item 5) ----

    private const string DailyTickers = """
        function T([string] $s, [string] $ts) {
            [Bitget.Stream.Models.BitgetTicker]@{ Symbol = $s; InstType = 'USDT-FUTURES'; LastPrice = [decimal]'100.5'; Timestamp = [datetimeoffset]$ts; ReceivedAt = [datetimeoffset]'2026-12-07T10:00:00Z' }
        }
        """;

    [Fact]
    public void DailyFilesEachRowByItsOwnUtcTimeNotTheClock()
    {
        var run = _host.Invoke(DailyTickers + """

            & { T BTCUSDT '2026-11-30T23:59:59.999Z'; T BTCUSDT '2026-12-01T00:00:03Z'; T ETHUSDT '2026-11-30T23:59:58Z'; T BTCUSDT '2026-12-01T00:00:04+02:00' } |
                Export-BitgetCsv -Daily -Path $folder -Verbose
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(["bitget_data_2026-11-30.csv", "bitget_data_2026-12-01.csv"], Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)!).Order());
        var first = ReadCsv(Path.Combine(Folder, "bitget_data_2026-11-30.csv"));
        Assert.Equal(["2026-11-30T23:59:59.999Z", "2026-11-30T23:59:58.000Z", "2026-11-30T22:00:04.000Z"], first.Select(r => r["Timestamp"]));
        var second = ReadCsv(Path.Combine(Folder, "bitget_data_2026-12-01.csv"));
        Assert.Equal(["2026-12-01T00:00:03.000Z"], second.Select(r => r["Timestamp"]));
        Assert.Contains(run.Shell.Streams.Verbose, v => v.Message.Contains("Wrote 4 row(s)") && v.Message.Contains("bitget_data_2026-11-30.csv") && v.Message.Contains("bitget_data_2026-12-01.csv"));
    }

    [Fact]
    public void DailyWithoutAppendContinuesAnExistingDayFileAfterARestart()
    {
        var run = _host.Invoke(DailyTickers + """

            & { T BTCUSDT '2026-11-30T10:00:00Z'; T BTCUSDT '2026-11-30T10:00:01Z' } | Export-BitgetCsv -Daily -Path $folder
            # The recorder restarts: the same day's file is continued under its header, never replaced.
            T BTCUSDT '2026-11-30T10:05:00Z' | Export-BitgetCsv -Daily -Path $folder
            T BTCUSDT '2026-11-30T10:06:00Z' | Export-BitgetCsv -Daily -Path $folder -Append
            """, Vars());
        Assert.Empty(run.Errors);
        var lines = File.ReadAllLines(Path.Combine(Folder, "bitget_data_2026-11-30.csv"));
        Assert.Equal(5, lines.Length);
        Assert.Single(lines, l => l.StartsWith("Symbol,", StringComparison.Ordinal));
    }

    [Fact]
    public void ADayFileThatCannotBeWrittenIsOneErrorAndTheRecordingGoesOnIntoTheNextDays()
    {
        var blocked = Path.Combine(Folder, "bitget_data_2026-12-01.csv");
        File.WriteAllText(blocked, "\"Symbol\",\"LastPrice\"\n\"BTCUSDT\",\"27000,5\"\n");
        var before = File.ReadAllText(blocked);
        var run = _host.Invoke(DailyTickers + """

            & {
                T BTCUSDT '2026-11-30T23:59:59Z'; T BTCUSDT '2026-12-01T00:00:03Z'; T BTCUSDT '2026-12-01T00:00:04Z'; T ETHUSDT '2026-12-01T08:00:00Z'
                T BTCUSDT '2026-12-02T00:00:01Z'
            } | Export-BitgetCsv -Daily -Path $folder -PassThru | ForEach-Object Symbol
            """, Vars());
        var error = Assert.Single(run.Errors);
        Assert.Equal("CsvHeaderMismatch,Bitget.PowerShell.Commands.ExportBitgetCsvCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(blocked, error.TargetObject);
        Assert.Equal(before, File.ReadAllText(blocked));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(Folder, "bitget_data_2026-11-30.csv")).Length);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(Folder, "bitget_data_2026-12-02.csv")).Length);
        Assert.Contains(run.Warnings, w => w.Contains("3 row(s) could not be written") && w.Contains(blocked));
        // Every object still goes on down the pipeline.
        Assert.Equal(5, run.Output.Count);
    }

    [Fact]
    public void ADailyRecordingAndTheReplayOfItsCaptureWriteTheSameFiles()
    {
        // The mock's clock a minute before midnight; at the first ticker it jumps to 0.3 s before midnight, so the run
        // writes rows on both sides of it (the first ones into the same day's file, a minute earlier). 150 tickers at
        // about 100 a second leave room for a slow machine's lag between the mock's sending and the jump.
        var midnight = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        _mock.Options.ClockOffset = midnight.AddMinutes(-1) - DateTimeOffset.UtcNow;
        var live = Path.Combine(Folder, "live");
        var replay = Path.Combine(Folder, "replay");
        var run = _host.Invoke("""
            New-Item -ItemType Directory $live, $replay | Out-Null
            $s = Connect-BitgetStream -Endpoint $ep -RecordPath (Join-Path $folder 'cap.jsonl.gz')
            Receive-BitgetTicker BTCUSDT, ETHUSDT -Session $s -First 150 |
                ForEach-Object -Begin { $n = 0 } -Process { if ($n++ -eq 0) { $options.ClockOffset = $midnight.AddMilliseconds(-300) - [datetimeoffset]::UtcNow }; $_ } |
                Export-BitgetCsv -Daily -Path $live
            Disconnect-BitgetStream $s
            $r = Connect-BitgetStream -ReplayPath (Join-Path $folder 'cap.jsonl.gz') -Name Replayed
            Receive-BitgetTicker BTCUSDT, ETHUSDT -Session $r -First 150 | Export-BitgetCsv -Daily -Path $replay
            """, Vars(("live", live), ("replay", replay), ("options", _mock.Options), ("midnight", midnight)));
        Assert.Empty(run.Errors);
        var names = Directory.GetFiles(live).Select(f => Path.GetFileName(f)!).Order().ToList();
        Assert.Equal(["bitget_data_2026-11-30.csv", "bitget_data_2026-12-01.csv"], names);
        Assert.Equal(names, Directory.GetFiles(replay).Select(f => Path.GetFileName(f)!).Order());
        // The replay restores each frame's recorded receipt time, so even ReceivedAt is the same: whole files compare.
        foreach (var name in names)
            Assert.Equal(File.ReadAllText(Path.Combine(live, name)), File.ReadAllText(Path.Combine(replay, name)));
        Assert.Equal(150 + 2, names.Sum(n => File.ReadAllLines(Path.Combine(live, n)).Length));
        Assert.All(ReadCsv(Path.Combine(live, names[0])), r => Assert.StartsWith("2026-11-30T23:", r["Timestamp"]));
        Assert.All(ReadCsv(Path.Combine(live, names[1])), r => Assert.StartsWith("2026-12-01T00:", r["Timestamp"]));
    }

    // ---- -Path, -LiteralPath and folders (issue 18, item 12) ----

    private const string OneTicker = """
        $t = [Bitget.Stream.Models.BitgetTicker]@{ Symbol = 'BTCUSDT'; InstType = 'SPOT'; LastPrice = [decimal]'1.5'; Timestamp = [datetimeoffset]'2026-11-30T12:00:00Z'; ReceivedAt = [datetimeoffset]'2026-11-30T12:00:00Z' }

        """;

    [Fact]
    public void APathWithWildcardsNamesTheOneFileItMatches()
    {
        File.WriteAllText(Path.Combine(Folder, "existing.csv"), "");
        var run = _host.Invoke(OneTicker + "Set-Location $folder; $t | Export-BitgetCsv 'exist*.csv'", Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(["existing.csv"], Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)!));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(Folder, "existing.csv")).Length);
    }

    [Fact]
    public void APathMatchingManyFilesOrNoneIsAnErrorAndLiteralPathTakesTheNameAsItIs()
    {
        File.WriteAllText(Path.Combine(Folder, "a1.csv"), "x\n");
        File.WriteAllText(Path.Combine(Folder, "a2.csv"), "x\n");
        var many = _host.Invoke(OneTicker + "Set-Location $folder; $t | Export-BitgetCsv 'a*.csv'", Vars());
        var error = Assert.Single(many.Errors);
        Assert.Equal("CsvPathMatchesManyFiles,Bitget.PowerShell.Commands.ExportBitgetCsvCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("a*.csv", error.TargetObject);
        Assert.Contains("-LiteralPath", error.ErrorDetails.RecommendedAction);

        var none = _host.Invoke(OneTicker + "Set-Location $folder; $t | Export-BitgetCsv 'b[12].csv'", Vars());
        var noneError = Assert.Single(none.Errors);
        Assert.Equal("CsvPathNotFound,Bitget.PowerShell.Commands.ExportBitgetCsvCommand", noneError.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, noneError.CategoryInfo.Category);

        var literal = _host.Invoke(OneTicker + """
            Set-Location $folder
            $t | Export-BitgetCsv -LiteralPath 'b[12].csv'
            $t | Export-BitgetCsv -PSPath 'd[1].csv'
            $t | Export-BitgetCsv -LP 'e[x].csv' -Append
            """, Vars());
        Assert.Empty(literal.Errors);
        Assert.Equal(["a1.csv", "a2.csv", "b[12].csv", "d[1].csv", "e[x].csv"], Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
        Assert.Equal("x", File.ReadAllText(Path.Combine(Folder, "a1.csv")).Trim());
    }

    [Theory]
    [InlineData("$t | Export-BitgetCsv", "CsvPathMissing")]
    [InlineData("$t | Export-BitgetCsv -Path a.csv -LiteralPath b.csv", "CsvPathAndLiteralPath")]
    [InlineData("$t | Export-BitgetCsv -Daily -Path a.csv -LiteralPath b.csv", "CsvPathAndLiteralPath")]
    public void NoPathOrBothKindsOfPathIsAnErrorBeforeAnythingIsWritten(string script, string id)
    {
        var run = _host.Invoke(OneTicker + "Set-Location $folder; " + script, Vars());
        var error = Assert.Single(run.Errors);
        Assert.Equal(id + ",Bitget.PowerShell.Commands.ExportBitgetCsvCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(Directory.GetFiles(Folder));
    }

    [Fact]
    public void RelativePathsAndDrivesFollowThePowerShellLocationAndOnlyTheFileSystemIsAccepted()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "sub"));
        var run = _host.Invoke(OneTicker + """
            Set-Location (Join-Path $folder sub)
            $t | Export-BitgetCsv ../up.csv
            New-PSDrive -Name BgCsv -PSProvider FileSystem -Root $folder | Out-Null
            $t | Export-BitgetCsv BgCsv:/sub/drive.csv
            $t | Export-BitgetCsv -Daily
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.True(File.Exists(Path.Combine(Folder, "up.csv")));
        Assert.True(File.Exists(Path.Combine(Folder, "sub", "drive.csv")));
        Assert.True(File.Exists(Path.Combine(Folder, "sub", "bitget_data_2026-11-30.csv")));
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "up.csv")));

        var env = _host.Invoke(OneTicker + "$t | Export-BitgetCsv Env:/BitgetCsvTest", Vars());
        var error = Assert.Single(env.Errors);
        Assert.Equal("CsvPathNotFileSystem,Bitget.PowerShell.Commands.ExportBitgetCsvCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("Env:/BitgetCsvTest", error.TargetObject);
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "BitgetCsvTest")));
    }

    [Fact]
    public void AMissingFolderIsAnErrorUnlessForceCreatesIt()
    {
        var missing = Path.Combine(Folder, "no", "such");
        var run = _host.Invoke(OneTicker + "$t | Export-BitgetCsv (Join-Path $missing x.csv)", Vars(("missing", missing)));
        var error = Assert.Single(run.Errors);
        Assert.Equal("CsvFolderNotFound,Bitget.PowerShell.Commands.ExportBitgetCsvCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(missing, error.TargetObject);
        Assert.Contains("-Force", error.ErrorDetails.RecommendedAction);
        Assert.False(Directory.Exists(Path.Combine(Folder, "no")));

        var daily = _host.Invoke(OneTicker + "$t | Export-BitgetCsv -Daily -Path (Join-Path $missing '/')", Vars(("missing", missing)));
        var dailyError = Assert.Single(daily.Errors);
        Assert.Equal("CsvFolderNotFound,Bitget.PowerShell.Commands.ExportBitgetCsvCommand", dailyError.FullyQualifiedErrorId);
        Assert.Equal(missing, dailyError.TargetObject); // a path ending in a separator is the folder of the daily files

        var forced = _host.Invoke(OneTicker + """
            $t | Export-BitgetCsv (Join-Path $missing x.csv) -Force
            # A {date} in a folder name makes a folder a day: those are created without -Force.
            $t | Export-BitgetCsv -Daily -Path (Join-Path $folder 'day-{date}/t.csv')
            """, Vars(("missing", missing)));
        Assert.Empty(forced.Errors);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(missing, "x.csv")).Length);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(Folder, "day-2026-11-30", "t.csv")).Length);
    }

    // ---- What -Verbose says (issue 18, item 11) ----

    [Fact]
    public void VerboseSaysWhatWasWrittenWhereOrThatNothingWas()
    {
        var path = Path.Combine(Folder, "v.csv");
        var run = _host.Invoke(OneTicker + """
            @() | Export-BitgetCsv $p -Verbose
            $t, $t | Export-BitgetCsv $p -Verbose
            """, Vars(("p", path)));
        Assert.Empty(run.Errors);
        var verbose = run.Shell.Streams.Verbose.Select(v => v.Message).ToList();
        Assert.Contains(verbose, v => v.StartsWith("No rows were written: there was no input", StringComparison.Ordinal) && v.Contains(path));
        Assert.Contains(verbose, v => v == $"Wrote 2 row(s) to '{path}'.");
        Assert.DoesNotContain(verbose, v => v.Contains("to ."));
    }
}
