using System.Management.Automation;
using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// What an -Action job holds on the server, as Unregister-Event ends an event action: Unregister-Bitget&lt;Kind&gt; ends
/// the job (Stopped) and the server sees the unsubscribe; Stop-Job and Remove-Job release what only the job held; a
/// topic that another job, a plain registration or a Receive-* still holds stays subscribed. Every kind, public and
/// private, against the mock exchange.
/// </summary>
public sealed class ActionJobSubscriptionTests : MockedModuleTests
{
    private const string FakeKey = "bg_JOBS_KEY_41c2";
    private const string FakeSecret = "JOBS-SECRET-77aa01";
    private const string FakePassphrase = "JOBS-PASS-5b0e";

    // A plain registration on the same connection keeps it open, so that a topic leaves the mock's list only by an
    // unsubscribe (an empty session closes its connection, which would drop the topic either way).
    private const string ConnectPublic = """
        $global:s = Connect-BitgetStream -Endpoint $ep
        Register-BitgetTicker XRPUSDT -Session $s
        """;

    private const string ConnectPrivate = """
        $global:s = Connect-BitgetStream -Endpoint $privateEp -ApiKey $key -ApiSecret (ConvertTo-SecureString $secret -AsPlainText -Force) -Passphrase (ConvertTo-SecureString $pass -AsPlainText -Force)
        Register-BitgetFill -Session $s
        """;

    private protected override MockExchangeOptions MockOptions()
    {
        var options = new MockExchangeOptions { TickerInterval = TimeSpan.FromMilliseconds(20), TradeInterval = TimeSpan.FromMilliseconds(50) };
        options.PrivateAccounts.Add(new MockPrivateAccount(FakeKey, FakeSecret, FakePassphrase));
        return options;
    }

    public override async Task DisposeAsync()
    {
        _host.Invoke("Get-Job | Remove-Job -Force; Get-BitgetStream | Disconnect-BitgetStream");
        await base.DisposeAsync();
    }

    private Dictionary<string, object?> Vars() => new()
    {
        ["ep"] = _mock.PublicEndpoint.ToString(),
        ["privateEp"] = _mock.PrivateEndpoint.ToString(),
        ["key"] = FakeKey,
        ["secret"] = FakeSecret,
        ["pass"] = FakePassphrase,
    };

    public static TheoryData<string, string, string, string, string> KindsAndEnds()
    {
        (string Connect, string Register, string Unregister, string Topic)[] kinds =
        [
            (ConnectPublic, "Register-BitgetTicker BTCUSDT", "Unregister-BitgetTicker BTCUSDT", "USDT-FUTURES/ticker/BTCUSDT"),
            (ConnectPublic, "Register-BitgetCandle BTCUSDT -Interval 1m", "Unregister-BitgetCandle BTCUSDT -Interval 1m", "USDT-FUTURES/candle1m/BTCUSDT"),
            (ConnectPublic, "Register-BitgetTrade BTCUSDT", "Unregister-BitgetTrade BTCUSDT", "USDT-FUTURES/trade/BTCUSDT"),
            (ConnectPublic, "Register-BitgetOrderBook BTCUSDT -Depth 5", "Unregister-BitgetOrderBook BTCUSDT -Depth 5", "USDT-FUTURES/books5/BTCUSDT"),
            (ConnectPrivate, "Register-BitgetOrder", "Unregister-BitgetOrder", "USDT-FUTURES/orders/default"),
        ];
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var (connect, register, unregister, topic) in kinds)
        {
            data.Add(connect, register, unregister, topic, unregister + " -Session $s");
            data.Add(connect, register, unregister, topic, "Stop-Job $job");
            data.Add(connect, register, unregister, topic, "Remove-Job $job -Force");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndEnds))]
    public async Task EndingTheJobUnsubscribesWhatOnlyItHeld(string connect, string register, string unregister, string topic, string end)
    {
        var start = _host.Invoke(connect + Environment.NewLine + $"$global:job = {register} -Session $s -Action {{ $null = $_ }}", Vars());
        Assert.Empty(start.Errors);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Contains(topic), Patience),
            "not subscribed: " + string.Join(", ", _mock.ActiveSubscriptions));

        var ended = _host.Invoke(end + Environment.NewLine + "\"$($job.State)\"; $s.Subscriptions.Count", Vars());
        Assert.Empty(ended.Errors);
        Assert.Empty(ended.Warnings);
        Assert.Equal("Stopped", ended.Output[0].BaseObject);
        // Only the plain registration that keeps the connection open is left.
        Assert.Equal(1, ended.Output[1].BaseObject);
        Assert.True(await _mock.WaitUntilAsync(m => !m.ActiveSubscriptions.Contains(topic) && m.ActiveSubscriptions.Count == 1, Patience),
            $"after '{end}' the server still has: " + string.Join(", ", _mock.ActiveSubscriptions));
        Assert.Contains(_mock.ReceivedTextFrames, f => f.Contains("\"unsubscribe\"", StringComparison.Ordinal)
            && f.Contains(topic.Split('/')[2], StringComparison.Ordinal) && f.Contains(topic.Split('/')[1], StringComparison.Ordinal));

        // Unregister after the job ended: nothing is left to unregister, and it says so.
        var again = _host.Invoke(unregister + " -Session $s", Vars());
        Assert.Empty(again.Errors);
        Assert.Contains(again.Warnings, w => w.Contains("nothing to unregister", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATopicAnotherJobHoldsStaysSubscribedUntilTheLastJobEnds()
    {
        const string topic = "USDT-FUTURES/ticker/BTCUSDT";
        var run = _host.Invoke(ConnectPublic + """

            $global:a = Register-BitgetTicker BTCUSDT -Session $s -Action { }
            $global:b = Register-BitgetTicker BTCUSDT -Session $s -Action { }
            Stop-Job $a
            "$($a.State) $($b.State)"
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.Equal("Stopped Running", run.Output.Last().BaseObject);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Contains(topic), Patience));
        // The other job still runs for it.
        var runs = _host.Invoke("$n = $b.Invocations; $d = [datetime]::UtcNow.AddSeconds(10); while ($b.Invocations -le $n -and [datetime]::UtcNow -lt $d) { Start-Sleep -Milliseconds 20 }; $b.Invocations -gt $n");
        Assert.Equal(true, runs.Output.Single().BaseObject);
        Assert.DoesNotContain(_mock.ReceivedTextFrames, f => f.Contains("\"unsubscribe\"", StringComparison.Ordinal));

        var removed = _host.Invoke("Remove-Job $b -Force; \"$($b.State)\"");
        Assert.Equal("Stopped", removed.Output.Single().BaseObject);
        Assert.True(await _mock.WaitUntilAsync(m => !m.ActiveSubscriptions.Contains(topic), Patience),
            "still subscribed: " + string.Join(", ", _mock.ActiveSubscriptions));
    }

    [Fact]
    public async Task APlainRegistrationKeepsTheTopicAfterStopJobAndUnregisterEndsBoth()
    {
        const string topic = "USDT-FUTURES/trade/BTCUSDT";
        var run = _host.Invoke(ConnectPublic + """

            Register-BitgetTrade BTCUSDT -Session $s
            $global:job = Register-BitgetTrade BTCUSDT -Session $s -Action { }
            $global:other = Register-BitgetTrade BTCUSDT -Session $s -Action { }
            Stop-Job $job
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Contains(topic), Patience));
        await Task.Delay(300);
        Assert.Contains(topic, _mock.ActiveSubscriptions);

        // Unregister ends the registration and every job of the topic.
        var unregistered = _host.Invoke("Unregister-BitgetTrade BTCUSDT -Session $s; \"$($other.State)\"; @($s.Subscriptions | Where-Object Channel -eq trade).Count");
        Assert.Empty(unregistered.Errors);
        Assert.Equal("Stopped", unregistered.Output[0].BaseObject);
        Assert.Equal(0, unregistered.Output[1].BaseObject);
        Assert.True(await _mock.WaitUntilAsync(m => !m.ActiveSubscriptions.Contains(topic), Patience));
    }

    [Fact]
    public async Task UnregisteringOneOfAJobsTopicsKeepsItRunningForTheOthers()
    {
        var run = _host.Invoke(ConnectPublic + """

            $global:seen = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
            $global:job = Register-BitgetTicker BTCUSDT, SOLUSDT -Session $s -Action { $global:seen.Enqueue($_.Symbol) }
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Contains("USDT-FUTURES/ticker/SOLUSDT")
            && m.ActiveSubscriptions.Contains("USDT-FUTURES/ticker/BTCUSDT"), Patience));

        var partial = _host.Invoke("""
            Unregister-BitgetTicker BTCUSDT -Session $s
            $n = $job.Invocations
            $d = [datetime]::UtcNow.AddSeconds(10)
            while ($job.Invocations -lt $n + 5 -and [datetime]::UtcNow -lt $d) { Start-Sleep -Milliseconds 20 }
            $global:seen.Clear()
            $n = $job.Invocations
            while ($job.Invocations -lt $n + 5 -and [datetime]::UtcNow -lt $d) { Start-Sleep -Milliseconds 20 }
            "$($job.State)"
            (@($global:seen) | Sort-Object -Unique) -join ','
            """);
        Assert.Empty(partial.Errors);
        Assert.Equal("Running", partial.Output[0].BaseObject);
        Assert.Equal("SOLUSDT", partial.Output[1].BaseObject);
        Assert.True(await _mock.WaitUntilAsync(m => !m.ActiveSubscriptions.Contains("USDT-FUTURES/ticker/BTCUSDT"), Patience));
        Assert.Contains("USDT-FUTURES/ticker/SOLUSDT", _mock.ActiveSubscriptions);

        var rest = _host.Invoke("Unregister-BitgetTicker SOLUSDT -Session $s; \"$($job.State)\"");
        Assert.Empty(rest.Errors);
        Assert.Equal("Stopped", rest.Output.Single().BaseObject);
        Assert.True(await _mock.WaitUntilAsync(m => !m.ActiveSubscriptions.Contains("USDT-FUTURES/ticker/SOLUSDT"), Patience));
    }

    [Fact]
    public async Task ATopicAReceiveHoldsStaysSubscribedAfterUnregisterEndsTheJob()
    {
        const string topic = "USDT-FUTURES/books5/BTCUSDT";
        var run = _host.Invoke(ConnectPublic + Environment.NewLine + "$global:job = Register-BitgetOrderBook BTCUSDT -Depth 5 -Session $s -Action { }; $s", Vars());
        Assert.Empty(run.Errors);
        var session = run.Output.Last();

        // A Receive-* on the same session, from another runspace: it runs while this one unregisters.
        using var other = new ModuleHost();
        using var receive = other.Create("Receive-BitgetOrderBook BTCUSDT -Depth 5 -Session $s", new Dictionary<string, object?> { ["s"] = session });
        var books = new PSDataCollection<PSObject>();
        var receiving = receive.BeginInvoke<PSObject, PSObject>(null, books);
        Assert.True(await _mock.WaitUntilAsync(_ => books.Count > 0, Patience), "the Receive got no book");

        var unregistered = _host.Invoke("Unregister-BitgetOrderBook BTCUSDT -Depth 5 -Session $s; \"$($job.State)\"");
        Assert.Empty(unregistered.Errors);
        Assert.Equal("Stopped", unregistered.Output.Single().BaseObject);
        var count = books.Count;
        Assert.True(await _mock.WaitUntilAsync(_ => books.Count > count + 2, Patience), "the Receive stopped getting books");
        Assert.Contains(topic, _mock.ActiveSubscriptions);

        await Task.Run(receive.Stop).WaitAsync(Patience);
        Assert.True(receiving.IsCompleted);
        Assert.True(await _mock.WaitUntilAsync(m => !m.ActiveSubscriptions.Contains(topic), Patience),
            "still subscribed: " + string.Join(", ", _mock.ActiveSubscriptions));
    }
}
