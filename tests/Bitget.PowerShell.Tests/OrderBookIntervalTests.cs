using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// -Interval of Receive- and Register-BitgetOrderBook: a replay is paced by the books' own time (it plays far faster than
/// it was recorded), and when the stream ends (the replay finished, -Timeout, the session closed; not Ctrl+C) the newest
/// book still held is written. Against a capture written here, the bundled sample and the mock exchange.
/// </summary>
public sealed class OrderBookIntervalTests : MockedModuleTests
{
    private static readonly DateTimeOffset CaptureStart = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private protected override MockExchangeOptions MockOptions() => new() { BookInterval = TimeSpan.FromMilliseconds(20) };

    private static DateTimeOffset Timestamp(PSObject book) => (DateTimeOffset)PSObject.AsPSObject(book.Properties["Timestamp"].Value).BaseObject;

    private static long OffsetMs(PSObject book) => (long)(Timestamp(book) - CaptureStart).TotalMilliseconds;

    // 5 s of SYNUSDT books5 snapshots, one every 100 ms of the exchange's time, each a little different.
    private string WriteCapture()
    {
        var path = Path.Combine(Folder, "books.jsonl");
        var lines = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var ts = CaptureStart.AddMilliseconds(i * 100).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            var bid = (100m + i / 10m).ToString("0.0", CultureInfo.InvariantCulture);
            var ask = (100.5m + i / 10m).ToString("0.0", CultureInfo.InvariantCulture);
            var frame = "{\"action\":\"snapshot\",\"arg\":{\"instType\":\"USDT-FUTURES\",\"channel\":\"books5\",\"instId\":\"SYNUSDT\"},\"data\":[{"
                + $"\"asks\":[[\"{ask}\",\"1\"]],\"bids\":[[\"{bid}\",\"1\"]],\"checksum\":0,\"seq\":{1000 + i},\"pseq\":{999 + i},\"ts\":\"{ts}\""
                + "}],\"ts\":" + ts + "}";
            var receivedAt = CaptureStart.AddMilliseconds(i * 100 + 5).UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
            lines.Add(JsonSerializer.Serialize(new Dictionary<string, string> { ["receivedAt"] = receivedAt, ["frame"] = frame }));
        }
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void AReplayedStreamIsPacedByTheBooksTimeAndEndsWithTheNewest()
    {
        var run = _host.Invoke("""
            $r = Connect-BitgetStream -ReplayPath $capture -Name Paced
            Receive-BitgetOrderBook SYNUSDT -Depth 5 -Interval 1000 -Session $r
            """, new Dictionary<string, object?> { ["capture"] = WriteCapture() });
        Assert.Empty(run.Errors);
        // One book a second of the capture's time, each the newest when its turn came, and the last held one at the end.
        Assert.Equal([0L, 1000, 2000, 3000, 4000, 4900], run.Output.Select(OffsetMs));
        Assert.Equal(104.9m, (decimal)run.Output[^1].Properties["BestBid"].Value);
    }

    [Fact]
    public void AnActionOnAReplayIsPacedByTheBooksTimeAndRunsForTheNewestAtTheEnd()
    {
        var run = _host.Invoke("""
            $r = Connect-BitgetStream -ReplayPath $capture -Name PacedJob
            $global:runs = [System.Collections.Generic.List[object]]::new()
            $job = Register-BitgetOrderBook SYNUSDT -Depth 5 -Interval 1000 -Session $r -Action { $global:runs.Add($_) }
            $deadline = [datetime]::UtcNow.AddSeconds(20)
            while ($job.State -eq 'Running' -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            "$($job.State)"
            $global:runs
            """, new Dictionary<string, object?> { ["capture"] = WriteCapture() });
        Assert.Empty(run.Errors);
        Assert.Equal("Completed", run.Output[0].BaseObject);
        Assert.Equal([0L, 1000, 2000, 3000, 4000, 4900], run.Output.Skip(1).Select(OffsetMs));
    }

    [Fact]
    public void TheBundledSampleIsThinnedToABookASecondOfItsTime()
    {
        var run = _host.Invoke("""
            $all = @(Receive-BitgetOrderBook ETHUSDT -Depth 5 -Session (Connect-BitgetStream -ReplayPath $sample -Name All))
            $paced = @(Receive-BitgetOrderBook ETHUSDT -Depth 5 -Interval 1000 -Session (Connect-BitgetStream -ReplayPath $sample -Name Paced))
            [pscustomobject]@{ All = $all; Paced = $paced }
            """, new Dictionary<string, object?> { ["sample"] = Path.Combine(ModuleHost.RepoRoot, "module", "samples", "bitget-sample.jsonl.gz") });
        Assert.Empty(run.Errors);
        var all = ((object[])run.Output.Single().Properties["All"].Value).Select(o => Timestamp(PSObject.AsPSObject(o))).ToList();
        var paced = ((object[])run.Output.Single().Properties["Paced"].Value).Select(o => Timestamp(PSObject.AsPSObject(o))).ToList();
        Assert.True(all.Count > 100, $"the sample has {all.Count} ETHUSDT books5");
        var span = all[^1] - all[0];
        var widestGap = all.Zip(all.Skip(1), (a, b) => b - a).Max();
        // Every book written is one of the capture's, at least a second of its time after the one before and at most a
        // second plus the capture's widest gap (but the last, written when the replay ends, may come sooner); the first
        // and the last book of the capture are written.
        Assert.All(paced, t => Assert.Contains(t, all));
        var gaps = paced.Zip(paced.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps.Take(gaps.Count - 1), gap => Assert.InRange(gap, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) + widestGap));
        Assert.InRange(gaps[^1], TimeSpan.Zero, TimeSpan.FromSeconds(1) + widestGap);
        Assert.Equal(all[0], paced[0]);
        Assert.Equal(all[^1], paced[^1]);
        Assert.True(paced.Count >= (int)(span / (TimeSpan.FromSeconds(1) + widestGap)), $"{paced.Count} books over {span}");
    }

    [Fact]
    public void TimeoutWritesTheNewestHeldBook()
    {
        // Books every 20 ms, one a minute let through: the first at once, and at -Timeout the newest held one.
        var run = _host.Invoke("Receive-BitgetOrderBook BTCUSDT -Depth 5 -Interval 60000 -Timeout 2 -Endpoint $ep",
            new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString() });
        Assert.Empty(run.Errors);
        Assert.Equal(2, run.Output.Count);
        Assert.True(Timestamp(run.Output[1]) - Timestamp(run.Output[0]) >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task TheSessionClosingWritesTheNewestHeldBookButCtrlCDoesNot()
    {
        var session = _host.Invoke("Connect-BitgetStream -Endpoint $ep -Name Closing",
            new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString() }).Output.Single();

        // Ctrl+C: what is held is dropped with the command.
        using var stopped = _host.Create("Receive-BitgetOrderBook BTCUSDT -Depth 5 -Interval 60000 -Session $s", new Dictionary<string, object?> { ["s"] = session });
        var stoppedBooks = new PSDataCollection<PSObject>();
        var stopping = stopped.BeginInvoke<PSObject, PSObject>(null, stoppedBooks);
        Assert.True(await _mock.WaitUntilAsync(_ => stoppedBooks.Count > 0, Patience));
        var pushed = _mock.PushesSent;
        Assert.True(await _mock.WaitUntilAsync(m => m.PushesSent > pushed + 10, Patience));
        await Task.Run(stopped.Stop).WaitAsync(Patience);
        Assert.True(stopping.IsCompleted);
        Assert.Single(stoppedBooks);

        // The session closes under a running Receive (from another runspace): the newest held book is written.
        using var other = new ModuleHost();
        using var closed = other.Create("Receive-BitgetOrderBook BTCUSDT -Depth 5 -Interval 60000 -Session $s", new Dictionary<string, object?> { ["s"] = session });
        var closedBooks = new PSDataCollection<PSObject>();
        var closing = closed.BeginInvoke<PSObject, PSObject>(null, closedBooks);
        Assert.True(await _mock.WaitUntilAsync(_ => closedBooks.Count > 0, Patience));
        pushed = _mock.PushesSent;
        Assert.True(await _mock.WaitUntilAsync(m => m.PushesSent > pushed + 10, Patience));
        Assert.Empty(_host.Invoke("Disconnect-BitgetStream -Session $s", new Dictionary<string, object?> { ["s"] = session }).Errors);
        await Task.Factory.FromAsync(closing, _ => { }).WaitAsync(Patience);
        Assert.Empty(closed.Streams.Error);
        Assert.Equal(2, closedBooks.Count);
        Assert.True(Timestamp(closedBooks[1]) > Timestamp(closedBooks[0]));
    }
}
