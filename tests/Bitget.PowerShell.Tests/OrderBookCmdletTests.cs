using System.Management.Automation;
using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

/// <summary>Register-, Unregister- and Receive-BitgetOrderBook against the mock exchange: depths, the throttle, the job, completion.</summary>
public sealed class OrderBookCmdletTests : MockedModuleTests
{
    private protected override MockExchangeOptions MockOptions() => new() { BookInterval = TimeSpan.FromMilliseconds(20) };

    private Dictionary<string, object?> Vars() => new() { ["ep"] = _mock.PublicEndpoint.ToString() };

    private static T Prop<T>(PSObject o, string name) => (T)PSObject.AsPSObject(o.Properties[name].Value).BaseObject;

    private static int Levels(PSObject o, string side) => ((Array)PSObject.AsPSObject(o.Properties[side].Value).BaseObject).Length;

    [Theory]
    [InlineData("1", "books1", 1)]
    [InlineData("5", "books5", 5)]
    [InlineData("15", "books15", 15)]
    [InlineData("20", "books", 20)]
    [InlineData("full", "books", 40)]
    public async Task DepthChoosesTheChannelAndTheLevels(string depth, string channel, int levels)
    {
        var run = _host.Invoke($"Receive-BitgetOrderBook BTCUSDT -Depth {depth} -First 3 -Endpoint $ep", Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(3, run.Output.Count);
        foreach (var book in run.Output)
        {
            Assert.Equal("Bitget.Stream.Models.BitgetOrderBook", book.TypeNames[0]);
            Assert.Equal(channel, book.Properties["Channel"].Value);
            Assert.Equal("USDT-FUTURES", book.Properties["InstType"].Value);
            // The mock's book moves between 20 and 50 levels a side: a full book has at least 20, a cut one exactly its depth.
            if (depth == "full")
                Assert.True(Levels(book, "Bids") >= 20);
            else
                Assert.Equal(levels, Levels(book, "Bids"));
            Assert.True(Prop<decimal>(book, "BestBid") < Prop<decimal>(book, "BestAsk"));
            Assert.Equal(Prop<decimal>(book, "BestAsk") - Prop<decimal>(book, "BestBid"), Prop<decimal>(book, "Spread"));
        }
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience), "the command's own session must be closed");
    }

    [Fact]
    public void IntervalLetsTheNewestBookThrough()
    {
        // The mock pushes every 20 ms; at most one book a second is written, each the newest: the books in between are
        // skipped, so consecutive books written do not chain (pseq of one is not the seq of the one before).
        var run = _host.Invoke("Receive-BitgetOrderBook BTCUSDT -Depth Full -Interval 1000 -First 3 -Endpoint $ep", Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(3, run.Output.Count);
        var seqs = run.Output.Select(b => Prop<long>(b, "Sequence")).ToList();
        var pseqs = run.Output.Select(b => b.Properties["PreviousSequence"].Value is { } p ? (long)PSObject.AsPSObject(p).BaseObject : 0).ToList();
        Assert.True(seqs[1] > seqs[0] && seqs[2] > seqs[1]);
        Assert.True(pseqs[1] != seqs[0] || pseqs[2] != seqs[1], "books in between were skipped");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("deep")]
    public void ABadDepthIsRefusedWithTheAllowedDepths(string depth)
    {
        var run = _host.Invoke($"Receive-BitgetOrderBook BTCUSDT -Depth {depth} -First 1 -Endpoint $ep", Vars());
        Assert.Empty(run.Output);
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("InvalidDepth,", error.FullyQualifiedErrorId);
        Assert.Equal(depth, error.TargetObject);
        Assert.Contains("1, 5, 15 or Full", error.ToString());
        Assert.Equal(0, _mock.TotalConnections);
    }

    [Fact]
    public async Task RegisterWithActionRunsForBooksAndUnregisterRemovesTheTopic()
    {
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep -PingInterval 1 -PongTimeout 2
            $global:books = 0
            $job = Register-BitgetOrderBook BTCUSDT -Depth Full -Action { if ($_.Bids.Length -gt 0) { $global:books++ } }
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while ($global:books -lt 5 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $subs = @($s.Subscriptions | ForEach-Object { "$($_.InstType)/$($_.Channel)/$($_.Symbol)" })
            Unregister-BitgetOrderBook BTCUSDT -Depth Full
            [pscustomobject]@{ Books = $global:books; Type = $job.PSJobTypeName; Before = $subs; After = $s.SubscriptionCount; State = "$($job.State)" }
            Disconnect-BitgetStream
            """, Vars());
        Assert.Empty(run.Errors);
        var result = run.Output.Single();
        Assert.True(Prop<int>(result, "Books") >= 5);
        Assert.Equal("BitgetOrderBookJob", result.Properties["Type"].Value);
        Assert.Equal(["USDT-FUTURES/books/BTCUSDT"], ((object[])PSObject.AsPSObject(result.Properties["Before"].Value).BaseObject).Select(o => o.ToString()));
        Assert.Equal(0, Prop<int>(result, "After"));
        Assert.Equal("Stopped", result.Properties["State"].Value);
        Assert.Empty(run.Warnings);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience));
    }

    [Fact]
    public void DepthCompletesWithTheChannels()
    {
        var run = _host.Invoke("$line = 'Receive-BitgetOrderBook BTCUSDT -Depth '; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText");
        Assert.Equal(["1", "5", "15", "Full"], run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void TheTableViewFits120Columns()
    {
        var run = _host.Invoke("Receive-BitgetOrderBook BTCUSDT -Depth 5 -First 2 -Endpoint $ep | Out-String -Width 120 -Stream", Vars());
        var lines = run.Output.Select(o => o.ToString()).Where(l => l.Trim().Length > 0).Select(l => System.Text.RegularExpressions.Regex.Replace(l, "\x1b\\[[0-9;]*m", "")).ToList();
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Symbol\s+BestBid\s+BestAsk\s+Spread\s+Mid\s+Levels\s+Time \(UTC\)"));
        Assert.Contains(lines, l => l.Contains("BTCUSDT", StringComparison.Ordinal) && l.Contains("5x5", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length < 120, l));
    }

    [Fact]
    public void RegisterIntervalRunsTheActionForTheNewestHeldBookEvenWhenNoMoreArrive()
    {
        // The first book runs at once; the ones after it within 3 s are held, each replacing the one before; then the
        // data stops: the newest held book must still run when its turn comes (woken by the job's timer, not by a push).
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep -PingInterval 1 -PongTimeout 2
            $global:runs = [System.Collections.Generic.List[object]]::new()
            $job = Register-BitgetOrderBook BTCUSDT -Depth Full -Interval 3000 -Action { $global:runs.Add($_) }
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while ($global:runs.Count -lt 1 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $pushed = $mock.PushesSent
            while ($mock.PushesSent -lt $pushed + 10 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $mock.Options.SendData = $false
            $runsWhenStopped = $global:runs.Count
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while ($global:runs.Count -lt 2 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Start-Sleep -Milliseconds 200
            Stop-Job $job
            [pscustomobject]@{ WhenStopped = $runsWhenStopped; Runs = $global:runs.Count; Superseded = $job.SupersededBooks;
                FirstSeq = $global:runs[0].Sequence; SecondPseq = $global:runs[1].PreviousSequence }
            Disconnect-BitgetStream
            """, new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString(), ["mock"] = _mock });
        Assert.Empty(run.Errors);
        var result = run.Output.Single();
        Assert.Equal(1, Prop<int>(result, "WhenStopped"));
        Assert.Equal(2, Prop<int>(result, "Runs"));
        Assert.True(Prop<long>(result, "Superseded") > 0);
        Assert.NotEqual(Prop<long>(result, "FirstSeq"), Prop<long>(result, "SecondPseq"));
    }
}
