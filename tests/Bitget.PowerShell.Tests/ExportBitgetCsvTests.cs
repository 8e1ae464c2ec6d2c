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
}
