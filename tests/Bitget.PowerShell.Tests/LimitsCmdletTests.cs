using System.Management.Automation;

namespace Bitget.PowerShell.Tests;

/// <summary>Limits and lifecycle through the cmdlets (issue 18, items 3, 7, 8 and 9).</summary>
public sealed class LimitsCmdletTests : MockedModuleTests
{
    // 5,100 symbols are 102 connections of 50: two more than Bitget allows per IP.
    private const string ManySymbols = "$symbols = 1..5100 | ForEach-Object { \"SYM${_}USDT\" }";

    private Dictionary<string, object?> Vars(params (string, object?)[] extra)
    {
        var vars = new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString(), ["mock"] = _mock };
        foreach (var (k, v) in extra)
            vars[k] = v;
        return vars;
    }

    private static void AssertConnectionLimit(ErrorRecord error, int held)
    {
        Assert.StartsWith("BitgetConnectionLimit,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Equal(5100, error.TargetObject);
        Assert.Contains("5,100 topics need 102 connections", error.Exception.Message);
        Assert.Contains($"this process holds {held} of the 100 connections", error.Exception.Message);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction));
    }

    [Fact]
    public async Task ARegistrationOverTheConnectionLimitIsRefusedAndOpensNothing()
    {
        var run = _host.Invoke($"$s = Connect-BitgetStream -Endpoint $ep; {ManySymbols}; Register-BitgetTicker $symbols -Session $s; $s.SubscriptionCount",
            Vars());
        AssertConnectionLimit(Assert.Single(run.Errors), held: 1);
        Assert.Equal(0, run.Output.Single().BaseObject);
        // Nothing was started that would connect later: one connection (the session's first), no subscription.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _mock.TotalConnections);
        Assert.Empty(_mock.ActiveSubscriptions);
        var state = _host.Invoke("$s.State; $s.ConnectionCount").Output.Select(o => o.BaseObject.ToString()).ToList();
        Assert.Equal(["Connected", "1"], state);
    }

    [Fact]
    public async Task AReceiveOverTheConnectionLimitIsATerminatingErrorBeforeAnythingConnects()
    {
        var run = _host.Invoke($"{ManySymbols}; Receive-BitgetTicker $symbols -Endpoint $ep -Timeout 5", Vars());
        AssertConnectionLimit(Assert.Single(run.Errors), held: 0);
        Assert.Empty(run.Output);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, _mock.TotalConnections);
    }

    [Fact]
    public void ARunThatEndsOnItsTimeoutWritesWhatItReceivedAndCountsTheRest()
    {
        _mock.Options.TickerInterval = TimeSpan.FromMilliseconds(1);
        var ps = _host.Create("""
            $s = Connect-BitgetStream -Endpoint $ep
            $symbols = 1..20 | ForEach-Object { "SYM${_}USDT" }
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $script:first = $true
            $script:received = -1
            $delivered = Receive-BitgetTicker $symbols -Session $s -Timeout 3 | ForEach-Object {
                if ($script:first) {
                    # The first ticker holds the pipeline: tickers queue up (and overflow). Then the data stops, every
                    # push lands, and the hold goes on past -Timeout with the queue still full.
                    $script:first = $false
                    Start-Sleep -Milliseconds 1200
                    $mock.Options.SendData = $false
                    do { $n = $s.MessagesReceived; Start-Sleep -Milliseconds 300 } while ($s.MessagesReceived -ne $n)
                    $script:received = ($s.Subscriptions | Measure-Object Messages -Sum).Sum
                    while ($clock.Elapsed.TotalSeconds -lt 3.5) { Start-Sleep -Milliseconds 50 }
                }
                $_
            } | Measure-Object | ForEach-Object Count
            $delivered
            $script:received
            $s.DroppedMessages
            $s.DuplicateMessages + $s.OutOfOrderMessages
            """, Vars());
        var output = ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        var delivered = Convert.ToInt64(output[0].BaseObject);
        var received = Convert.ToInt64(output[1].BaseObject);
        var dropped = Convert.ToInt64(output[2].BaseObject);
        var skipped = Convert.ToInt64(output[3].BaseObject);
        Assert.True(received > 1000, $"received {received}");
        // What was queued at the limit was written, not thrown away: more than the one ticker that held the pipeline.
        Assert.True(delivered > 1, $"delivered {delivered}");
        Assert.Equal(received, delivered + dropped + skipped);
        if (dropped > 0)
            Assert.Contains(ps.Streams.Warning, w => w.Message.StartsWith($"{dropped} ticker(s) were dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void FirstWritesWhatWasAskedAndCountsTheRestAsNotNeededNotAsDropped()
    {
        _mock.Options.TickerInterval = TimeSpan.FromMilliseconds(1);
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep
            Receive-BitgetTicker BTCUSDT,ETHUSDT -Session $s -First 3 -Verbose 4>&1 | ForEach-Object { Start-Sleep -Milliseconds 100; $_ }
            $s.DroppedMessages
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(3, run.Output.Count(o => o.TypeNames[0] == "Bitget.Stream.Models.BitgetTicker"));
        var stopping = Assert.Single(run.Output.Select(o => o.BaseObject).OfType<VerboseRecord>(), v => v.Message.StartsWith("Stopping after", StringComparison.Ordinal));
        Assert.Matches(@"^Stopping after 3 ticker\(s\) in [0-9.]+ s \(-First 3; [1-9][0-9]* more queued were not needed\)\.", stopping.Message);
        Assert.Equal(0L, run.Output[^1].BaseObject);
        Assert.DoesNotContain(run.Warnings, w => w.Contains("dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClosingARunspaceClosesItsSessionsTogether()
    {
        // A peer that never answers a close: each session's close waits for it (about a second) before it drops the
        // connection. Closed together, every close is waiting at once; one after another, never more than one.
        const int sessions = 4;
        var other = new ModuleHost();
        other.Invoke("1..$n | ForEach-Object { $null = Connect-BitgetStream -Endpoint $ep }", Vars(("n", sessions)));
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == sessions, Patience));
        _mock.Options.AnswerCloses = false;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Run(other.Dispose).WaitAsync(Patience);
        clock.Stop();
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience), $"active connections: {_mock.ActiveConnections}");
        Assert.True(_mock.MaxUnansweredCloses == sessions,
            $"{_mock.MaxUnansweredCloses} of {sessions} closes were waiting at once; the runspace closed in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void TheBufferIsBoundedByATotalByDefaultAndByTheDepthAskedFor()
    {
        var run = _host.Invoke("""
            $default = Connect-BitgetStream -Endpoint $ep -Name Default
            $explicit = Connect-BitgetStream -Endpoint $ep -Name Explicit -BufferSize 300
            Register-BitgetTicker BTCUSDT, ETHUSDT -Session $default
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while (($default.Subscriptions | Where-Object Messages -lt 5) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            foreach ($s in $default, $explicit) {
                [pscustomobject]@{ Size = $s.BufferSize; Limit = $s.BufferLimit; Depth = $s.BufferDepth; Trimmed = $s.BufferTrimmed }
            }
            @(Get-BitgetTicker BTCUSDT -Last 500 -Session $default).Count
            """, Vars());
        Assert.Empty(run.Errors);
        var (defaults, explicitly) = (run.Output[0], run.Output[1]);
        Assert.Equal([1000, 100_000, 1000], new[] { "Size", "Limit", "Depth" }.Select(p => (int)defaults.Properties[p].Value));
        Assert.Equal(0L, defaults.Properties["Trimmed"].Value);
        Assert.Equal([300, 0, 300], new[] { "Size", "Limit", "Depth" }.Select(p => (int)explicitly.Properties[p].Value));
        Assert.True((int)run.Output[2].BaseObject >= 5, "a few symbols keep their history: -Last works out of the box");
    }
}
