using System.Management.Automation;
using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

public sealed class RecordReplayCmdletTests : MockedModuleTests
{
    private static string Row(PSObject t) =>
        string.Join("|", t.Properties.Select(p => p.Value is DateTimeOffset d ? d.UtcTicks.ToString() : p.Value?.ToString()));

    [Fact]
    public void ReplayingARecordingGivesTheLiveTickersAndTheSameCsvEveryTime()
    {
        var vars = new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString(), ["folder"] = Folder };
        var live = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep -RecordPath (Join-Path $folder 'cap.jsonl.gz')
            Receive-BitgetTicker BTCUSDT, ETHUSDT -Session $s -First 30
            Disconnect-BitgetStream $s
            """, vars);
        Assert.Empty(live.Errors);
        Assert.Equal(30, live.Output.Count);

        var replay = _host.Invoke("""
            $r = Connect-BitgetStream -ReplayPath (Join-Path $folder 'cap.jsonl.gz') -Name Replay1
            Receive-BitgetTicker BTCUSDT, ETHUSDT -Session $r -First 30
            """, vars);
        Assert.Empty(replay.Errors);
        Assert.Equal(live.Output.Select(Row), replay.Output.Select(Row));

        var csv = _host.Invoke("""
            foreach ($n in 1, 2) {
                $r = Connect-BitgetStream -ReplayPath (Join-Path $folder 'cap.jsonl.gz') -Name "Again$n"
                Receive-BitgetTicker -Session $r | Export-BitgetCsv (Join-Path $folder "replay$n.csv")
                [pscustomobject]@{ State = "$($r.State)"; IsReplay = $r.IsReplay; Latest = @(Get-BitgetTicker -Session $r).Count }
            }
            """, vars);
        Assert.Empty(csv.Errors);
        Assert.All(csv.Output, o =>
        {
            Assert.Equal("Closed", o.Properties["State"].Value);
            Assert.Equal(true, o.Properties["IsReplay"].Value);
            Assert.Equal(2, o.Properties["Latest"].Value);
        });
        var first = File.ReadAllText(Path.Combine(Folder, "replay1.csv"));
        Assert.True(first.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 30);
        Assert.Equal(first, File.ReadAllText(Path.Combine(Folder, "replay2.csv")));
        Assert.Equal(1, _mock.TotalConnections);
    }

    [Fact]
    public void AnActionOnAReplayRunsForEveryTickerOfTheRecording()
    {
        var vars = new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString(), ["folder"] = Folder };
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep -RecordPath (Join-Path $folder 'act.jsonl')
            Receive-BitgetTicker BTCUSDT -Session $s -First 25 | Out-Null
            Disconnect-BitgetStream $s
            $r = Connect-BitgetStream -ReplayPath (Join-Path $folder 'act.jsonl') -Name Counted
            $expected = @(Receive-BitgetTicker -Session $r).Count
            $global:seen = 0
            $r2 = Connect-BitgetStream -ReplayPath (Join-Path $folder 'act.jsonl') -Name Acted
            # Register subscribes before its job's feed opens: the replay must wait for the feed, or the first frames go nowhere.
            $job = Register-BitgetTicker BTCUSDT -Session $r2 -Action { $global:seen++ }
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while ($global:seen -lt $expected -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Stop-Job $job
            [pscustomobject]@{ Expected = $expected; Seen = $global:seen }
            """, vars);
        Assert.True(run.Errors.Count == 0, string.Join(" | ", run.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e + " @ " + e.InvocationInfo?.PositionMessage + " " + e.Exception.StackTrace)));
        var o = run.Output.Single();
        Assert.True((int)o.Properties["Expected"].Value >= 25);
        Assert.Equal(o.Properties["Expected"].Value, o.Properties["Seen"].Value);
    }

    [Fact]
    public async Task AJobWhoseReplayEndsWhileItsActionRunsCompletesInsteadOfHanging()
    {
        // The replay ends (its end notice queues the job's next event) while the action still sleeps on earlier tickers;
        // the job then finishes inside its own action. Unsubscribing there waited for that queued event for ever.
        var vars = new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString(), ["folder"] = Folder };
        var run = Task.Run(() => _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep -RecordPath (Join-Path $folder 'slow.jsonl')
            Receive-BitgetTicker BTCUSDT -Session $s -First 10 | Out-Null
            Disconnect-BitgetStream $s
            $r = Connect-BitgetStream -ReplayPath (Join-Path $folder 'slow.jsonl') -Name SlowAction
            $global:ran = 0
            $job = Register-BitgetTicker BTCUSDT -Session $r -Action { Start-Sleep -Milliseconds 40; $global:ran++ }
            $deadline = [datetime]::UtcNow.AddSeconds(20)
            while ($job.State -eq 'Running' -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            [pscustomobject]@{ State = "$($job.State)"; Ran = $global:ran }
            """, vars));
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run, "the script returned (no deadlock in the job's end)");
        var result = await run;
        Assert.True(result.Errors.Count == 0, string.Join(" | ", result.Errors));
        var o = result.Output.Single();
        Assert.Equal("Completed", o.Properties["State"].Value);
        Assert.True((int)o.Properties["Ran"].Value >= 10);
    }

    [Fact]
    public void AReplayOfACaptureCutByACrashAndAppendedToWarnsWhereAndDeliversEveryFrame()
    {
        // A recorder killed after 98 tickers (its gzip member has no end), then started again on the file (52 more).
        static byte[] Line(int i)
        {
            var ms = 1764504000000 + i;
            var frame = $$"""{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"},"data":[{"instId":"BTCUSDT","lastPr":"{{i}}","ts":"{{ms}}"}],"ts":{{ms}}}""";
            var receivedAt = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            return System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { receivedAt, frame }) + "\n");
        }
        var crashed = new MemoryStream();
        var first = new System.IO.Compression.GZipStream(crashed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
        for (var i = 0; i < 98; i++)
            first.Write(Line(i));
        first.Flush();
        var cut = crashed.ToArray();
        var resumed = new MemoryStream();
        using (var second = new System.IO.Compression.GZipStream(resumed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var i = 98; i < 150; i++)
                second.Write(Line(i));
        }
        File.WriteAllBytes(Path.Combine(Folder, "crashed.jsonl.gz"), [.. cut, .. resumed.ToArray()]);

        var run = _host.Invoke("""
            $r = Connect-BitgetStream -ReplayPath (Join-Path $folder 'crashed.jsonl.gz') -Name AfterACrash
            Receive-BitgetTicker -Session $r | ForEach-Object { [int]$_.LastPrice }
            "$($r.State)"
            """, new Dictionary<string, object?> { ["folder"] = Folder });

        Assert.True(run.Errors.Count == 0, string.Join(" | ", run.Errors));
        Assert.Equal(Enumerable.Range(0, 150).Select(i => (object)i), run.Output.Take(150).Select(o => o.BaseObject));
        Assert.Equal("Closed", run.Output[^1].BaseObject);
        var warning = Assert.Single(run.Warnings);
        Assert.Contains("crashed.jsonl.gz", warning);
        Assert.Contains($"cut at byte {cut.Length:N0}", warning);
        Assert.Contains("98 frame(s) recovered", warning);
    }

    [Fact]
    public void AMissingRecordingIsReplayFileNotFound()
    {
        var run = _host.Invoke("Connect-BitgetStream -ReplayPath ./nothing-here.jsonl");
        var error = Assert.Single(run.Errors);
        Assert.Equal("ReplayFileNotFound,Bitget.PowerShell.Commands.ConnectBitgetStreamCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }
}
