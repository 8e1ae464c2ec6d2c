using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

public sealed class CmdletTests : MockedModuleTests
{
    private static readonly string[] ContractColumns =
    [
        "Symbol", "InstType", "LastPrice", "BidPrice", "AskPrice", "BidSize", "AskSize", "Spread", "Open24h", "High24h",
        "Low24h", "Change24h", "BaseVolume", "QuoteVolume", "FundingRate", "NextFundingTime", "MarkPrice", "IndexPrice",
        "HoldingAmount", "DeliveryPrice", "OpenUtc", "ChangeUtc24h", "Timestamp", "ReceivedAt", "DeliveryTime", "DeliveryStartTime", "DeliveryStatus",
    ];

    private Dictionary<string, object?> Vars(params (string, object?)[] extra)
    {
        var vars = new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString() };
        foreach (var (k, v) in extra)
            vars[k] = v;
        return vars;
    }

    private static decimal? Dec(PSObject o, string name) => (decimal?)o.Properties[name].Value;

    [Fact]
    public void ExportsExactlyTheContractCmdlets()
    {
        var run = _host.Invoke("(Get-Command -Module Bitget).Name | ForEach-Object { $_ }");
        Assert.Equal(
            new[] {"Connect-BitgetStream", "Disconnect-BitgetStream", "Export-BitgetCsv", "Get-BitgetStream", "Get-BitgetTicker",
             "Receive-BitgetAccount", "Receive-BitgetCandle", "Receive-BitgetFill", "Receive-BitgetLiquidation", "Receive-BitgetMessage", "Receive-BitgetOrder",
             "Receive-BitgetOrderBook", "Receive-BitgetPosition", "Receive-BitgetTicker", "Receive-BitgetTrade", "Register-BitgetAccount",
             "Register-BitgetCandle", "Register-BitgetFill", "Register-BitgetLiquidation", "Register-BitgetOrder", "Register-BitgetOrderBook", "Register-BitgetPosition",
             "Register-BitgetTicker", "Register-BitgetTrade", "Start-BitgetMockExchange", "Stop-BitgetMockExchange", "Unregister-BitgetAccount", "Unregister-BitgetCandle", "Unregister-BitgetFill",
             "Unregister-BitgetLiquidation", "Unregister-BitgetOrder", "Unregister-BitgetOrderBook", "Unregister-BitgetPosition", "Unregister-BitgetTicker", "Unregister-BitgetTrade"}.Order(StringComparer.Ordinal),
            run.Output.Select(o => o.BaseObject.ToString()!).Order(StringComparer.Ordinal));
        var module = _host.Invoke("Get-Module Bitget").Output.Single().BaseObject as PSModuleInfo;
        Assert.Equal(Version.Parse("0.1.0"), module!.Version);
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(ModuleHost.ManifestPath)!), f =>
            Path.GetFileName(f) is "System.Management.Automation.dll" or "System.Text.Json.dll");
    }

    [Fact]
    public async Task ReceiveReturnsFiveTickersWithExactDecimalsInContractOrder()
    {
        var run = _host.Invoke("Receive-BitgetTicker BTCUSDT -First 5 -Endpoint $ep", Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(5, run.Output.Count);
        foreach (var t in run.Output)
        {
            Assert.Equal("Bitget.Stream.Models.BitgetTicker", t.TypeNames[0]);
            Assert.Equal(ContractColumns, t.Properties.Select(p => p.Name));
            Assert.Equal("BTCUSDT", t.Properties["Symbol"].Value);
            Assert.Equal("USDT-FUTURES", t.Properties["InstType"].Value);
            var last = Dec(t, "LastPrice")!.Value;
            // baseVolume grows with every push (prices swing and come back): it tells which push this is.
            var volume = Dec(t, "BaseVolume")!.Value;
            var n = Enumerable.Range(0, 100_000).First(i =>
                decimal.Parse(MockBitgetExchange.TickerFields("USDT-FUTURES", "BTCUSDT", i)["baseVolume"], CultureInfo.InvariantCulture) == volume);
            var fields = MockBitgetExchange.TickerFields("USDT-FUTURES", "BTCUSDT", n);
            Assert.Equal(fields["lastPr"], last.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(fields["bidPr"], Dec(t, "BidPrice")!.Value.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(fields["markPrice"], Dec(t, "MarkPrice")!.Value.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(Dec(t, "AskPrice") - Dec(t, "BidPrice"), Dec(t, "Spread"));
            var ts = (DateTimeOffset)t.Properties["Timestamp"].Value;
            Assert.Equal(TimeSpan.Zero, ts.Offset);
        }
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience), "the command's own session must be closed");
    }

    [Fact]
    public void WhereObjectFiltersTypedTickers()
    {
        var run = _host.Invoke(
            "Receive-BitgetTicker BTCUSDT,ETHUSDT -Endpoint $ep -First 20 | Where-Object Symbol -eq 'ETHUSDT' | Where-Object Spread -gt 0", Vars());
        Assert.Empty(run.Errors);
        Assert.NotEmpty(run.Output);
        Assert.All(run.Output, t => Assert.Equal("ETHUSDT", t.Properties["Symbol"].Value));
    }

    [Fact]
    public void TimeoutEndsTheCommand()
    {
        var clock = Stopwatch.StartNew();
        var run = _host.Invoke("Receive-BitgetTicker BTCUSDT -Endpoint $ep -Timeout 2", Vars());
        clock.Stop();
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.9, 8);
        Assert.NotEmpty(run.Output);
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task ADownstreamStopLeavesNoSocketOpen()
    {
        // break inside ForEach-Object stops the upstream command the way Select-Object -First does.
        var run = _host.Invoke("$i = 0; Receive-BitgetTicker BTCUSDT -Endpoint $ep | ForEach-Object { $_; if (++$i -ge 3) { break } }", Vars());
        Assert.Equal(3, run.Output.Count);
        Assert.True(await _mock.WaitUntilAsync(m => m.TotalConnections == 1 && m.ActiveConnections == 0, Patience),
            $"active connections: {_mock.ActiveConnections}");
    }

    [Fact]
    public async Task CtrlCLeavesNoSocketOpen()
    {
        using var ps = _host.Create("Receive-BitgetTicker BTCUSDT -Endpoint $ep", Vars());
        var output = new PSDataCollection<PSObject>();
        var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(await _mock.WaitUntilAsync(_ => output.Count >= 2, Patience));
        await Task.Run(ps.Stop).WaitAsync(Patience);
        Assert.True(async.IsCompleted);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience));
    }

    [Fact]
    public async Task ActionRunsForEveryTickerAndStopJobStopsIt()
    {
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep -PingInterval 1 -PongTimeout 2
            $global:hits = 0
            $global:last = $null
            $job = Register-BitgetTicker BTCUSDT -Action { $global:hits++; $global:last = $_; "seen $($_.Symbol)" }
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while ($global:hits -lt 5 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Stop-Job $job
            $after = $global:hits
            # Let the mock push ten more tickers while this script runs statements (when actions would run).
            $pushed = $mock.PushesSent
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while ($mock.PushesSent -lt $pushed + 10 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            [pscustomobject]@{ Hits = $global:hits; After = $after; Last = $global:last; State = "$($job.State)"; Type = $job.PSJobTypeName; Output = @(Receive-Job $job) }
            Disconnect-BitgetStream
            """, Vars(("mock", _mock)));
        Assert.Empty(run.Errors);
        var result = run.Output.Single();
        Assert.True((int)result.Properties["Hits"].Value >= 5);
        Assert.Equal(result.Properties["After"].Value, result.Properties["Hits"].Value);
        Assert.Equal("Stopped", result.Properties["State"].Value);
        Assert.Equal("BitgetTickerJob", result.Properties["Type"].Value);
        var last = PSObject.AsPSObject(result.Properties["Last"].Value);
        Assert.Equal("BTCUSDT", last.Properties["Symbol"].Value);
        var outputs = ((object[])PSObject.AsPSObject(result.Properties["Output"].Value).BaseObject).Select(o => o.ToString()).ToList();
        Assert.Contains("seen BTCUSDT", outputs);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience));
    }

    [Fact]
    public void ALegacyInstTypeWarnsAndStillStreams()
    {
        var run = _host.Invoke("Receive-BitgetTicker BTCUSDT -InstType umcbl -First 1 -Endpoint $ep", Vars());
        Assert.Contains(run.Warnings, w => w.Contains("umcbl") && w.Contains("USDT-FUTURES"));
        Assert.Equal("USDT-FUTURES", run.Output.Single().Properties["InstType"].Value);

        var suffixed = _host.Invoke("Receive-BitgetTicker BTCUSDT_UMCBL -First 1 -Endpoint $ep", Vars());
        Assert.Contains(suffixed.Warnings, w => w.Contains("BTCUSDT_UMCBL"));
        Assert.Equal("BTCUSDT", suffixed.Output.Single().Properties["Symbol"].Value);
    }

    [Theory]
    [InlineData("Receive-BitgetTicker BTCUSDT -InstType bogus -First 1 -Endpoint $ep", "InvalidInstType", "bogus", "ReceiveBitgetTickerCommand")]
    [InlineData("Receive-BitgetTicker 'BTC-USDT' -First 1 -Endpoint $ep", "InvalidSymbol", "BTC-USDT", "ReceiveBitgetTickerCommand")]
    [InlineData("Register-BitgetTicker BTCUSDT -InstType bogus", "InvalidInstType", "bogus", "RegisterBitgetTickerCommand")]
    [InlineData("Receive-BitgetCandle BTCUSDT -Interval 5M -First 1 -Endpoint $ep", "InvalidInterval", "5M", "ReceiveBitgetCandleCommand")]
    [InlineData("Register-BitgetCandle BTCUSDT -Interval 2h", "InvalidInterval", "2h", "RegisterBitgetCandleCommand")]
    [InlineData("Receive-BitgetCandle BTCUSDT_SPBL -InstType COIN-FUTURES -Interval 1m -First 1 -Endpoint $ep", "InvalidSymbol", "BTCUSDT_SPBL", "ReceiveBitgetCandleCommand")]
    [InlineData("Receive-BitgetTrade BTCUSDT -InstType bogus -First 1 -Endpoint $ep", "InvalidInstType", "bogus", "ReceiveBitgetTradeCommand")]
    [InlineData("Receive-BitgetMessage BTCUSDT -Channel 'a b' -First 1 -Endpoint $ep", "InvalidChannel", "a b", "ReceiveBitgetMessageCommand")]
    [InlineData("Receive-BitgetTicker BTCUSDT -First 1 -Endpoint http://127.0.0.1:1/v2/ws/public", "InvalidEndpoint", "http://127.0.0.1:1/v2/ws/public", "ReceiveBitgetTickerCommand")]
    [InlineData("Receive-BitgetTrade BTCUSDT -First 1 -Endpoint http://127.0.0.1:1/", "InvalidEndpoint", "http://127.0.0.1:1/", "ReceiveBitgetTradeCommand")]
    [InlineData("Connect-BitgetStream -Endpoint http://127.0.0.1:1/v2/ws/public", "InvalidEndpoint", "http://127.0.0.1:1/v2/ws/public", "ConnectBitgetStreamCommand")]
    public void AnInvalidArgumentErrorsBeforeConnecting(string script, string errorId, string target, string command)
    {
        // A terminating error from a cmdlet ends the statement; the script's caller sees it in the error stream.
        var run = _host.Invoke(script, Vars());
        var error = Assert.Single(run.Errors);
        Assert.Empty(run.Output);
        Assert.Equal($"{errorId},Bitget.PowerShell.Commands.{command}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject);
        Assert.Equal("BitgetArgumentException", error.Exception.GetType().Name);
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorDetails?.RecommendedAction), $"{errorId} has no RecommendedAction");
        Assert.Equal(0, _mock.TotalConnections);
    }

    [Fact]
    public void AServerErrorBecomesAnErrorRecordAndEndsTheCommandWhenNothingIsLeft()
    {
        var run = _host.Invoke("Receive-BitgetTicker NOPEUSDT -Endpoint $ep -Timeout 10", Vars());
        var error = Assert.Single(run.Errors);
        Assert.Equal("BitgetServerError,Bitget.PowerShell.Commands.ReceiveBitgetTickerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("USDT-FUTURES/ticker/NOPEUSDT", error.TargetObject);
        Assert.Contains("30001", error.Exception.Message);
        Assert.NotNull(error.ErrorDetails?.RecommendedAction);
        // The hint is printed once: as the recommended action, not also at the end of the message shown.
        var hint = error.ErrorDetails!.RecommendedAction;
        Assert.DoesNotContain(hint, error.ErrorDetails.Message);
        Assert.Contains("30001", error.ErrorDetails.Message);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(error.ToString() + " " + hint, System.Text.RegularExpressions.Regex.Escape(hint)));
    }

    [Fact]
    public async Task AServer30016DuringAStreamBecomesAnErrorRecordWithAHint()
    {
        using var ps = _host.Create("Receive-BitgetTicker BTCUSDT -Endpoint $ep -Timeout 10", Vars());
        var output = new PSDataCollection<PSObject>();
        var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(await _mock.WaitUntilAsync(_ => output.Count >= 1, Patience));
        await _mock.BroadcastErrorAsync(30016, "Param error", "USDT-FUTURES", "ticker", "BTCUSDT");
        await Task.Factory.FromAsync(async, _ => { }).WaitAsync(TimeSpan.FromSeconds(15));
        var error = Assert.Single(ps.Streams.Error);
        Assert.Equal("BitgetServerError,Bitget.PowerShell.Commands.ReceiveBitgetTickerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("30016", error.ErrorDetails!.Message);
    }

    [Fact]
    public async Task ConnectGetDisconnectManageTheDefaultSession()
    {
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep -Name Rec
            $got = Get-BitgetStream Rec
            $t = Receive-BitgetTicker BTCUSDT -First 3
            $during = (Get-BitgetStream -Name R*)
            [pscustomobject]@{ Name = $s.Name; Default = $got.IsDefault; State = "$($got.State)"; Count = @($t).Count; Messages = $during.MessagesReceived; Subs = $during.SubscriptionCount }
            Disconnect-BitgetStream
            @(Get-BitgetStream).Count
            """, Vars());
        Assert.Empty(run.Errors);
        var info = run.Output[0];
        Assert.Equal("Rec", info.Properties["Name"].Value);
        Assert.Equal(true, info.Properties["Default"].Value);
        Assert.Equal("Connected", info.Properties["State"].Value);
        Assert.Equal(3, info.Properties["Count"].Value);
        Assert.True((long)info.Properties["Messages"].Value >= 3);
        Assert.Equal(0, run.Output[1].BaseObject);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience));
    }

    [Fact]
    public void ErrorsForMissingAndDuplicateSessions()
    {
        var missing = _host.Invoke("Get-BitgetStream Nope; Disconnect-BitgetStream", Vars());
        Assert.Equal(["BitgetSessionNotFound,Bitget.PowerShell.Commands.GetBitgetStreamCommand", "NoBitgetSession,Bitget.PowerShell.Commands.DisconnectBitgetStreamCommand"],
            missing.Errors.Select(e => e.FullyQualifiedErrorId));
        var duplicate = _host.Invoke("Connect-BitgetStream -Endpoint $ep -Name A | Out-Null; Connect-BitgetStream -Endpoint $ep -Name A", Vars());
        var error = Assert.Single(duplicate.Errors);
        Assert.Equal("BitgetSessionNameInUse,Bitget.PowerShell.Commands.ConnectBitgetStreamCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal("A", error.TargetObject);
    }

    [Fact]
    public void AnUnreachableEndpointIsAConnectionError()
    {
        var run = _host.Invoke("Receive-BitgetTicker BTCUSDT -Endpoint 'ws://127.0.0.1:1/v2/ws/public' -First 1");
        var error = Assert.Single(run.Errors);
        Assert.Equal("BitgetConnectFailed,Bitget.PowerShell.Commands.ReceiveBitgetTickerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Equal("ws://127.0.0.1:1/v2/ws/public", error.TargetObject?.ToString());
    }

    [Fact]
    public async Task ASharedSessionSurvivesADropWhileReceiving()
    {
        _host.Invoke("$global:s = Connect-BitgetStream -Endpoint $ep -PingInterval 1 -PongTimeout 1", Vars());
        using var ps = _host.Create("Receive-BitgetTicker BTCUSDT -Session $global:s -First 60");
        var output = new PSDataCollection<PSObject>();
        var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(await _mock.WaitUntilAsync(_ => output.Count >= 5, Patience));
        _mock.DropAllConnections();
        await Task.Factory.FromAsync(async, _ => { }).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(60, output.Count);
        var reconnects = _host.Invoke("$global:s.ReconnectCount").Output.Single().BaseObject;
        Assert.Equal(1, reconnects);
        Assert.Contains(ps.Streams.Warning, w => w.Message.Contains("reconnecting"));
    }

    [Fact]
    public async Task RemoveModuleClosesEverySession()
    {
        _host.Invoke("Connect-BitgetStream -Endpoint $ep | Out-Null; Register-BitgetTicker BTCUSDT", Vars());
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 1, Patience));
        _host.Invoke("Remove-Module Bitget");
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience));
    }

    [Fact]
    public void ASlowPipelineNeitherStallsThePingsNorGrowsTheQueue()
    {
        _mock.Options.TickerInterval = TimeSpan.FromMilliseconds(1);
        var pings = _mock.PingsReceived;
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep -PingInterval 1 -PongTimeout 1
            $symbols = 1..10 | ForEach-Object { "SYM${_}USDT" }
            $script:first = $true
            # The first ticker blocks the pipeline until the queue has overflowed and three pings went out meanwhile.
            Receive-BitgetTicker $symbols -Session $s -Timeout 4 | ForEach-Object {
                if ($script:first) {
                    $script:first = $false
                    $deadline = [datetime]::UtcNow.AddSeconds(15)
                    while (($s.DroppedMessages -eq 0 -or $mock.PingsReceived -lt $pings + 3) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
                }
            }
            $s.ReconnectCount
            $s.DroppedMessages
            Disconnect-BitgetStream
            """, Vars(("mock", _mock), ("pings", pings)));
        Assert.Empty(run.Errors);
        Assert.Equal(0, run.Output[0].BaseObject);
        Assert.True((long)run.Output[1].BaseObject > 0, "a 10,000-item queue overflowed while the pipeline slept");
        Assert.Contains(run.Warnings, w => w.Contains("dropped", StringComparison.Ordinal) && w.Contains("10000", StringComparison.Ordinal));
        Assert.True(_mock.PingsReceived >= pings + 3, "pings went out while the pipeline slept");
    }

    [Fact]
    public async Task ClosingTheRunspaceClosesEverySessionAndJob()
    {
        using (var other = new ModuleHost())
        {
            other.Invoke("Connect-BitgetStream -Endpoint $ep -Name One | Out-Null; Connect-BitgetStream -Endpoint $ep -Name Two | Out-Null; $null = Register-BitgetTicker BTCUSDT -Action { }", Vars());
            Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 2 && m.ActiveSubscriptions.Count == 1, Patience));
        }
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience), $"active connections: {_mock.ActiveConnections}");
    }

    [Fact]
    public async Task ClosingARunspaceWithAnActionPendingDoesNotHang()
    {
        // An idle hosted runspace runs no event actions, so the job's wake-up stays queued. Closing the runspace stops the
        // job; unsubscribing then drained that queued action on the closing thread, which waited for the closed runspace.
        var other = new ModuleHost();
        other.Invoke("Connect-BitgetStream -Endpoint $ep | Out-Null; $null = Register-BitgetTicker BTCUSDT -Action { }", Vars());
        // A .NET call keeps the runspace busy without running statements: the wake-up waits in the event queue.
        using var busy = other.Create("[System.Threading.Thread]::Sleep(1500)");
        _ = busy.BeginInvoke();
        var pushed = _mock.PushesSent;
        Assert.True(await _mock.WaitUntilAsync(m => m.PushesSent >= pushed + 5, Patience));
        await Task.Run(other.Dispose).WaitAsync(Patience);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience), $"active connections: {_mock.ActiveConnections}");
    }

    [Fact]
    public void GetBitgetStreamShowsConnectionsAndStaleTopics()
    {
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep
            Register-BitgetTicker BTCUSDT,ETHUSDT
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while (@($s.Subscriptions | Where-Object Messages -gt 0).Count -lt 2 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $s.ConnectionCount
            $s.StaleSubscriptionCount
            $s.Subscriptions | ForEach-Object { "$($_.Symbol):$($_.State):$($_.Connection)" }
            Disconnect-BitgetStream
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(1, run.Output[0].BaseObject);
        Assert.Equal(0, run.Output[1].BaseObject);
        Assert.Equal(["BTCUSDT:Subscribed:1", "ETHUSDT:Subscribed:1"], run.Output.Skip(2).Select(o => o.ToString()));
    }

    [Fact]
    public async Task UnregisterStopsTheSubscription()
    {
        var run = _host.Invoke("Connect-BitgetStream -Endpoint $ep | Out-Null; Register-BitgetTicker BTCUSDT,ETHUSDT; Unregister-BitgetTicker ETHUSDT; Unregister-BitgetTicker SOLUSDT", Vars());
        Assert.Contains(run.Warnings, w => w.Contains("SOLUSDT"));
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 1 && m.ActiveSubscriptions.Single().Contains("BTCUSDT"), Patience));
    }

    [Theory]
    [InlineData("Connect-BitgetStream -Endpoint $ep -PingInterval 121", "ConnectBitgetStreamCommand", "PingInterval", "121")]
    [InlineData("Connect-BitgetStream -Endpoint $ep -PingInterval 0", "ConnectBitgetStreamCommand", "PingInterval", "0")]
    [InlineData("Connect-BitgetStream -Endpoint $ep -PongTimeout 4294968", "ConnectBitgetStreamCommand", "PongTimeout", "4294968")]
    [InlineData("Connect-BitgetStream -Endpoint $ep -MaxReconnectAttempts -1", "ConnectBitgetStreamCommand", "MaxReconnectAttempts", "-1")]
    [InlineData("Receive-BitgetTicker BTCUSDT -Endpoint $ep -Timeout 0", "ReceiveBitgetTickerCommand", "Timeout", "0")]
    [InlineData("Receive-BitgetTicker BTCUSDT -Endpoint $ep -First 0", "ReceiveBitgetTickerCommand", "First", "0")]
    public void AnOutOfRangeNumberIsAParameterValidationErrorNamingTheValue(string script, string command, string parameter, string value)
    {
        var run = _host.Invoke(script, Vars());
        var error = Assert.Single(run.Errors);
        Assert.Empty(run.Output);
        Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
        Assert.Equal($"ParameterArgumentValidationError,Bitget.PowerShell.Commands.{command}", error.FullyQualifiedErrorId);
        Assert.Contains($"'{parameter}'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error.Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _mock.TotalConnections);
    }

    [Fact]
    public void TimeoutWithoutFirstWarnsOnlyWhenNoTickerArrived()
    {
        var arrived = _host.Invoke("Receive-BitgetTicker BTCUSDT -Endpoint $ep -Timeout 1", Vars());
        Assert.Empty(arrived.Errors);
        Assert.NotEmpty(arrived.Output);
        Assert.DoesNotContain(arrived.Warnings, w => w.Contains("No ticker arrived", StringComparison.Ordinal));

        // The session carries only USDT-FUTURES tickers: a SPOT filter lets none through.
        var none = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep
            Register-BitgetTicker BTCUSDT
            Receive-BitgetTicker -Session $s -InstType SPOT -Timeout 1
            Disconnect-BitgetStream
            """, Vars());
        Assert.Empty(none.Errors);
        Assert.Empty(none.Output);
        Assert.Contains(none.Warnings, w => w.Contains("No ticker arrived within 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PipedSubscriptionsUnregisterUnderTheirOwnInstType()
    {
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep
            Register-BitgetTicker BTCUSDT -InstType SPOT
            Register-BitgetTicker BTCUSDT
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while (@($s.Subscriptions | Where-Object State -eq Subscribed).Count -lt 2 -and [datetime]::UtcNow -lt $deadline) { [System.Threading.Thread]::Sleep(20) }
            $s.Subscriptions | Where-Object InstType -eq SPOT | Unregister-BitgetTicker
            $s.Subscriptions | ForEach-Object { "$($_.InstType)/$($_.Symbol)" }
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.Empty(run.Warnings);
        Assert.Equal(["USDT-FUTURES/BTCUSDT"], run.Output.Select(o => o.ToString()));
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.SequenceEqual(["USDT-FUTURES/ticker/BTCUSDT"]), Patience),
            "server subscriptions: " + string.Join(", ", _mock.ActiveSubscriptions));
    }

    [Fact]
    public async Task PipedTickersAndSubscriptionsOfMixedInstTypesRegisterUnderTheirOwn()
    {
        var run = _host.Invoke("""
            $spot = Receive-BitgetTicker BTCUSDT -InstType SPOT -First 1 -Endpoint $ep
            $coin = Receive-BitgetTicker BTCUSD -InstType COIN-FUTURES -First 1 -Endpoint $ep
            $a = Connect-BitgetStream -Endpoint $ep -Name A
            $spot, $coin | Register-BitgetTicker -Session $a
            $b = Connect-BitgetStream -Endpoint $ep -Name B
            $a.Subscriptions | Register-BitgetTicker -Session $b
            $a.Subscriptions | ForEach-Object { "A:$($_.InstType)/$($_.Symbol)" }
            $b.Subscriptions | ForEach-Object { "B:$($_.InstType)/$($_.Symbol)" }
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(["A:COIN-FUTURES/BTCUSD", "A:SPOT/BTCUSDT", "B:COIN-FUTURES/BTCUSD", "B:SPOT/BTCUSDT"],
            run.Output.Select(o => o.ToString()).Order(StringComparer.Ordinal));
        string[] expected = ["COIN-FUTURES/ticker/BTCUSD", "COIN-FUTURES/ticker/BTCUSD", "SPOT/ticker/BTCUSDT", "SPOT/ticker/BTCUSDT"];
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.SequenceEqual(expected), Patience),
            "server subscriptions: " + string.Join(", ", _mock.ActiveSubscriptions));
    }

    [Fact]
    public void PipedTickersOfMixedInstTypesAreReceivedFromTheirOwnTopics()
    {
        var run = _host.Invoke("""
            $spot = Receive-BitgetTicker BTCUSDT -InstType SPOT -First 1 -Endpoint $ep
            $futures = Receive-BitgetTicker ETHUSDT -First 1 -Endpoint $ep
            $spot, $futures | Receive-BitgetTicker -Endpoint $ep -Timeout 2 | ForEach-Object { "$($_.InstType)/$($_.Symbol)" }
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(["SPOT/BTCUSDT", "USDT-FUTURES/ETHUSDT"], run.Output.Select(o => o.ToString()).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // looking at $job.Output hands the records over early; the bound must hold there too
    public void AnActionJobKeepsTheNewestRecordsInOrderAndCountsTheRest(bool peek)
    {
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep
            $global:n = 0
            $job = Register-BitgetTicker BTCUSDT -Action { $from = $global:n + 1; $global:n += 3000; $from..$global:n }
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while ($job.Invocations -lt 4 -and [datetime]::UtcNow -lt $deadline) { if ($peek) { $null = $job.Output.Count }; [System.Threading.Thread]::Sleep(20) }
            Stop-Job $job
            $out = @(Receive-Job $job)
            [pscustomobject]@{ Count = $out.Count; First = $out[0]; Last = $out[-1]; N = $global:n; Dropped = $job.DroppedOutput; Again = @(Receive-Job $job).Count }
            Disconnect-BitgetStream
            """, Vars(("peek", peek)));
        Assert.Empty(run.Errors);
        var result = run.Output.Single();
        long Number(string name) => Convert.ToInt64(PSObject.AsPSObject(result.Properties[name].Value).BaseObject, CultureInfo.InvariantCulture);
        var n = Number("N");
        Assert.True(n >= 12_000, $"the action produced {n} records");
        Assert.Equal(10_000, Number("Count"));
        Assert.Equal(n - 9_999, Number("First"));
        Assert.Equal(n, Number("Last"));
        Assert.Equal(n - 10_000, Number("Dropped"));
        Assert.Equal(0, Number("Again"));
    }

    [Theory]
    [InlineData("Connect-BitgetStream")]
    [InlineData("Get-BitgetStream")]
    [InlineData("Disconnect-BitgetStream")]
    [InlineData("Register-BitgetTicker")]
    [InlineData("Unregister-BitgetTicker")]
    [InlineData("Receive-BitgetTicker")]
    [InlineData("Register-BitgetCandle")]
    [InlineData("Unregister-BitgetCandle")]
    [InlineData("Receive-BitgetCandle")]
    [InlineData("Register-BitgetTrade")]
    [InlineData("Unregister-BitgetTrade")]
    [InlineData("Receive-BitgetTrade")]
    [InlineData("Receive-BitgetMessage")]
    [InlineData("Register-BitgetOrderBook")]
    [InlineData("Unregister-BitgetOrderBook")]
    [InlineData("Receive-BitgetOrderBook")]
    [InlineData("Register-BitgetOrder")]
    [InlineData("Unregister-BitgetOrder")]
    [InlineData("Receive-BitgetOrder")]
    [InlineData("Register-BitgetPosition")]
    [InlineData("Unregister-BitgetPosition")]
    [InlineData("Receive-BitgetPosition")]
    [InlineData("Register-BitgetAccount")]
    [InlineData("Unregister-BitgetAccount")]
    [InlineData("Receive-BitgetAccount")]
    [InlineData("Register-BitgetFill")]
    [InlineData("Unregister-BitgetFill")]
    [InlineData("Receive-BitgetFill")]
    [InlineData("Register-BitgetLiquidation")]
    [InlineData("Unregister-BitgetLiquidation")]
    [InlineData("Receive-BitgetLiquidation")]
    public void HelpHasSynopsisEveryParameterAndExamples(string command)
    {
        var help = _host.Invoke($"Get-Help {command} -Full").Output.Single();
        Assert.False(string.IsNullOrWhiteSpace(help.Properties["Synopsis"].Value?.ToString()));
        // Without MAML help, Get-Help falls back to the syntax, which starts with the command name.
        Assert.False(help.Properties["Synopsis"].Value!.ToString()!.Trim().StartsWith(command, StringComparison.Ordinal), "no MAML synopsis");
        var examples = _host.Invoke($"@((Get-Help {command} -Examples).examples.example).Count").Output.Single().BaseObject;
        Assert.True((int)examples >= 2, $"{command} has {examples} examples");
        var documented = _host.Invoke($"(Get-Help {command} -Full).parameters.parameter | ForEach-Object {{ $_.name }}").Output.Select(o => o.ToString()).ToHashSet();
        var actual = _host.Invoke($"(Get-Command {command}).Parameters.Keys | ForEach-Object {{ $_ }}").Output.Select(o => o.ToString())
            .Where(p => !System.Management.Automation.Cmdlet.CommonParameters.Contains(p) && !System.Management.Automation.Cmdlet.OptionalCommonParameters.Contains(p));
        Assert.All(actual, p => Assert.Contains(p, documented));
        var description = _host.Invoke($"(Get-Help {command} -Full).description | ForEach-Object {{ $_.Text }}").Output;
        Assert.NotEmpty(description);
    }

    [Fact]
    public void AboutTopicIsInstalled()
    {
        var run = _host.Invoke("Get-Help about_Bitget | ForEach-Object { $_ }");
        var text = string.Join("\n", run.Output.Select(o => o.ToString()));
        Assert.Contains("BitgetTicker", text);
        Assert.Contains("USDT-FUTURES", text);
    }

    [Fact]
    public void ClosedOnlyWritesEachCandleOnceInOrderWithoutHistory()
    {
        _mock.Options.CandlePeriod = TimeSpan.FromMilliseconds(200);
        _mock.Options.CandleInterval = TimeSpan.FromMilliseconds(20);
        var run = _host.Invoke("Receive-BitgetCandle btcusdt -Interval 1m -ClosedOnly -First 3 -Endpoint $ep", Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(3, run.Output.Count);
        var candles = run.Output;
        Assert.All(candles, c => Assert.True((bool)c.Properties["IsClosed"].Value && !(bool)c.Properties["IsHistory"].Value
            && (string)c.Properties["Symbol"].Value == "BTCUSDT" && (string)c.Properties["Interval"].Value == "1m"));
        Assert.All(candles.Zip(candles.Skip(1)), p => Assert.Equal(TimeSpan.FromMilliseconds(200),
            (DateTimeOffset)p.Second.Properties["OpenTime"].Value - (DateTimeOffset)p.First.Properties["OpenTime"].Value));
        Assert.IsType<decimal>(candles[0].Properties["Close"].Value);
        Assert.Equal("Bitget.Stream.Models.BitgetCandle", candles[0].TypeNames[0]);
    }

    [Fact]
    public void IncludeHistoryWritesTheSnapshotsPastCandlesFirst()
    {
        _mock.Options.CandleHistory = 4;
        var run = _host.Invoke("Receive-BitgetCandle ETHUSDT -InstType spot -Interval 1h -IncludeHistory -First 5 -Endpoint $ep", Vars());
        Assert.Empty(run.Errors);
        var candles = run.Output;
        Assert.Equal([true, true, true, true, false], candles.Select(c => (bool)c.Properties["IsHistory"].Value));
        Assert.All(candles, c => Assert.Equal("1H", c.Properties["Interval"].Value));
        Assert.Equal("SPOT", candles[0].Properties["InstType"].Value);
    }

    [Fact]
    public void TradesAreWrittenOnceEachInIdOrder()
    {
        _mock.Options.TradeInterval = TimeSpan.FromMilliseconds(10);
        _mock.Options.RepeatTradeSnapshots = true;
        var run = _host.Invoke("Receive-BitgetTrade BTCUSDT -InstType SPOT -First 60 -Endpoint $ep", Vars());
        Assert.Empty(run.Errors);
        var ids = run.Output.Select(o => long.Parse((string)o.Properties["TradeId"].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(60, ids.Count);
        Assert.All(ids.Zip(ids.Skip(1)), p => Assert.Equal(p.First + 1, p.Second));
        Assert.IsType<decimal>(run.Output[0].Properties["Price"].Value);
    }

    [Fact]
    public void RegisterTradeActionRunsAsABitgetTradeJob()
    {
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep
            $global:trades = [System.Collections.Generic.List[object]]::new()
            $job = Register-BitgetTrade BTCUSDT -Action { $global:trades.Add($_) }
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while ($global:trades.Count -lt 5 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Stop-Job $job
            [pscustomobject]@{ Type = $job.PSJobTypeName; Count = $global:trades.Count; First = $global:trades[0] }
            Unregister-BitgetTrade BTCUSDT
            Disconnect-BitgetStream
            """, Vars());
        Assert.Empty(run.Errors);
        var result = run.Output.Single();
        Assert.Equal("BitgetTradeJob", result.Properties["Type"].Value);
        Assert.True((int)result.Properties["Count"].Value >= 5);
        Assert.Equal("Bitget.Stream.Models.BitgetTrade", PSObject.AsPSObject(result.Properties["First"].Value).TypeNames[0]);
    }

    [Fact]
    public void ReceiveMessageWritesRawPushesOfAnyChannel()
    {
        var run = _host.Invoke("Receive-BitgetMessage BTCUSDT -Channel trade -InstType SPOT -First 2 -Endpoint $ep", Vars());
        Assert.Empty(run.Errors);
        var messages = run.Output;
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.True((string)m.Properties["Channel"].Value == "trade" && (string)m.Properties["InstType"].Value == "SPOT"
            && (string)m.Properties["InstId"].Value == "BTCUSDT" && m.Properties["Timestamp"].Value is not null));
        Assert.Equal("snapshot", messages[0].Properties["Action"].Value);
        Assert.Contains("\"tradeId\"", (string)messages[0].Properties["Json"].Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Receive-BitgetCandle BTCUSDT -Interval 1", "1m,1M,1H,1D,1W")]
    [InlineData("Register-BitgetCandle BTCUSDT -Interval 1M", "1M,1Mutc")]
    [InlineData("Unregister-BitgetCandle BTCUSDT -Interval 12", "12H,12Hutc")]
    [InlineData("Receive-BitgetMessage BTCUSDT -Channel books", "books,books1,books5,books15")]
    [InlineData("Receive-BitgetTrade BTCUSDT -InstType usdt", "USDT-FUTURES")]
    [InlineData("Register-BitgetTicker BTCUSDT -InstType S", "SPOT,SUSDT-FUTURES,SCOIN-FUTURES,SUSDC-FUTURES")]
    public void ArgumentsComplete(string line, string expected)
    {
        var run = _host.Invoke("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText",
            Vars(("line", line)));
        Assert.Empty(run.Errors);
        var matches = run.Output.Select(o => o.ToString()).ToList();
        foreach (var value in expected.Split(','))
            Assert.Contains(value, matches);
        if (line.EndsWith("1M", StringComparison.Ordinal))
            Assert.Equal("1M", matches[0]); // the month before anything else
    }
}
