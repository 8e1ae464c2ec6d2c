using System.Collections;
using System.Management.Automation;
using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// The private cmdlets against the mock's private endpoint: credentials from parameters and .env, errors that name the
/// missing piece or the fix, each private channel's cmdlet, and the leak check: a known fake secret never shows in any
/// stream, error record, object text or Get-BitgetStream.
/// </summary>
public sealed class PrivateCmdletTests : MockedModuleTests
{
    // Unmistakable values: any of them appearing anywhere is a leak.
    private const string FakeKey = "bg_LEAKCHECK_KEY_5d1e";
    private const string FakeSecret = "LEAKCHECK-SECRET-9f2c7a1b";
    private const string FakePassphrase = "LEAKCHECK-PASS-3e8d";

    private protected override MockExchangeOptions MockOptions()
    {
        var options = new MockExchangeOptions { TickerInterval = TimeSpan.FromMilliseconds(50) };
        options.PrivateAccounts.Add(new MockPrivateAccount(FakeKey, FakeSecret, FakePassphrase));
        return options;
    }

    public override async Task DisposeAsync()
    {
        _host.Invoke("Get-BitgetStream | Disconnect-BitgetStream");
        await base.DisposeAsync();
    }

    private Dictionary<string, object?> Vars() => new()
    {
        ["ep"] = _mock.PrivateEndpoint.ToString(),
        ["envFile"] = Path.Combine(Folder, ".env"),
        ["key"] = FakeKey,
        ["secret"] = FakeSecret,
        ["pass"] = FakePassphrase,
    };

    private void WriteEnvFile(string text) => File.WriteAllText(Path.Combine(Folder, ".env"), text);

    [Fact]
    public void ConnectsWithCredentialFromParametersAndStreamsEachPrivateChannel()
    {
        var run = _host.Invoke("""
            $cred = [pscredential]::new($key, (ConvertTo-SecureString $secret -AsPlainText -Force))
            $s = Connect-BitgetStream -Endpoint $ep -Private -Credential $cred -Passphrase (ConvertTo-SecureString $pass -AsPlainText -Force) -EnvFile $envFile
            Receive-BitgetOrder -First 1 -Timeout 10
            Receive-BitgetOrder -Algo -First 1 -Timeout 10
            Receive-BitgetOrder -Symbol BTCUSDT -InstType SPOT -First 1 -Timeout 10
            Receive-BitgetPosition -First 1 -Timeout 10
            Receive-BitgetPosition -History -First 1 -Timeout 10
            Receive-BitgetAccount -InstType SPOT -First 1 -Timeout 10
            Receive-BitgetAccount -First 1 -Timeout 10
            Receive-BitgetFill -First 1 -Timeout 10
            $s.IsPrivate
            """, Vars());
        Assert.Empty(run.Errors);
        var types = run.Output.Take(8).Select(o => o.BaseObject.GetType().Name).ToList();
        Assert.Equal(["BitgetOrder", "BitgetOrder", "BitgetOrder", "BitgetPosition", "BitgetPosition", "BitgetAccount", "BitgetAccount", "BitgetFill"], types);
        Assert.Equal("orders-algo", run.Output[1].Properties["Channel"].Value);
        Assert.Equal("BTCUSDT", run.Output[2].Properties["Symbol"].Value);
        Assert.Equal(true, run.Output[4].Properties["IsHistory"].Value);
        Assert.Equal(100000m, run.Output[5].Properties["Available"].Value);
        Assert.Equal(true, run.Output[8].BaseObject);
    }

    [Fact]
    public void ReadsADotEnvFileWithQuotesExportAndComments()
    {
        WriteEnvFile($"""
            # keys for the mock
            export BITGET_API_KEY="{FakeKey}"   # the key
            BITGET_SECRET_KEY='{FakeSecret}'
            BITGET_PASSPHRASE={FakePassphrase} # trailing comment
            """);
        var run = _host.Invoke("Connect-BitgetStream -Endpoint $ep -Private -EnvFile $envFile | Out-Null; Receive-BitgetFill -First 1 -Timeout 10", Vars());
        Assert.Empty(run.Errors);
        Assert.Equal("BitgetFill", Assert.Single(run.Output).BaseObject.GetType().Name);
    }

    [Fact]
    public void PrivateRegistrationsHonourWhatIfAndNameTheirJobs()
    {
        WriteEnvFile($"BITGET_API_KEY={FakeKey}\nBITGET_SECRET_KEY={FakeSecret}\nBITGET_PASSPHRASE={FakePassphrase}\n");
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep -Private -EnvFile $envFile
            Register-BitgetFill -Session $s -WhatIf
            $s.SubscriptionCount
            $job = Register-BitgetFill -Session $s -Name MyFills -Action { }
            $job.Name
            $s.SubscriptionCount
            Unregister-BitgetFill -Session $s -WhatIf
            $s.SubscriptionCount
            Stop-Job $job
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(["0", "MyFills", "1", "1"], run.Output.Select(o => o.BaseObject.ToString()!));
    }

    [Fact]
    public void PrivateRegistrationsTakeSymbolsFromThePipelineWaitForTheServerAndReportRefusedTopics()
    {
        WriteEnvFile($"BITGET_API_KEY={FakeKey}\nBITGET_SECRET_KEY={FakeSecret}\nBITGET_PASSPHRASE={FakePassphrase}\n");
        var run = _host.Invoke("""
            $global:s = Connect-BitgetStream -Endpoint $ep -Private -EnvFile $envFile
            'BTCUSDT', 'ETHUSDT' | Register-BitgetOrder -Session $s -Verbose
            'ETHUSDT' | Unregister-BitgetOrder -Session $s -Verbose
            ($s.Subscriptions | Where-Object Channel -eq 'orders' | ForEach-Object Symbol | Sort-Object) -join ','
            """, Vars());
        Assert.Empty(run.Errors);
        var verbose = run.Shell.Streams.Verbose.Select(v => v.Message).ToList();
        Assert.Contains(verbose, v => v.StartsWith("Subscribing session", StringComparison.Ordinal) && v.Contains("order topic(s)", StringComparison.Ordinal));
        Assert.Contains(verbose, v => v.StartsWith("The server acknowledged 1 of 1 order topic(s)", StringComparison.Ordinal));
        Assert.Contains(verbose, v => v.StartsWith("Unsubscribing session", StringComparison.Ordinal));
        Assert.Equal("BTCUSDT", Assert.Single(run.Output).BaseObject.ToString());

        // The server refuses a topic: Register waits for that answer and reports it.
        _mock.Options.RefusedPrivateSymbols.Add("SOLUSDT");
        run = _host.Invoke("Register-BitgetFill SOLUSDT -Session $s", Vars());
        var refused = Assert.Single(run.Errors);
        Assert.Equal("BitgetTopicRefused,Bitget.PowerShell.Commands.RegisterBitgetFillCommand", refused.FullyQualifiedErrorId);
        Assert.Contains("SOLUSDT", refused.ToString());
    }

    [Fact]
    public void AMissingPieceIsNamedBeforeConnecting()
    {
        WriteEnvFile($"BITGET_API_KEY={FakeKey}\n");
        var run = _host.Invoke("Connect-BitgetStream -Endpoint $ep -Private -EnvFile $envFile -ApiSecret (ConvertTo-SecureString $secret -AsPlainText -Force)", Vars());
        var error = Assert.Single(run.Errors);
        Assert.Equal("BitgetCredentialsMissing,Bitget.PowerShell.Commands.ConnectBitgetStreamCommand", error.FullyQualifiedErrorId);
        Assert.Contains("BITGET_PASSPHRASE", error.ToString());
        Assert.DoesNotContain("BITGET_SECRET_KEY", error.Exception.Message[error.Exception.Message.IndexOf("Missing", StringComparison.Ordinal)..]);
        Assert.Equal(0, _mock.TotalConnections);
    }

    [Fact]
    public void ALoginOverPlainWsToAnotherHostIsRefusedBeforeConnecting()
    {
        var run = _host.Invoke("Connect-BitgetStream -Endpoint ws://192.0.2.1:9/v2/ws/private -Private -ApiKey $key -ApiSecret (ConvertTo-SecureString $secret -AsPlainText -Force) -Passphrase (ConvertTo-SecureString $pass -AsPlainText -Force)", Vars());
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("BitgetInsecureLoginEndpoint", error.FullyQualifiedErrorId);
        Assert.Contains("wss://", error.ToString());
    }

    [Fact]
    public void AWrongPassphraseIsATerminatingErrorThatSaysWhatToFix()
    {
        var run = _host.Invoke("Connect-BitgetStream -Endpoint $ep -ApiKey $key -ApiSecret (ConvertTo-SecureString $secret -AsPlainText -Force) -Passphrase (ConvertTo-SecureString 'wrong' -AsPlainText -Force)", Vars());
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("BitgetLoginFailed", error.FullyQualifiedErrorId);
        Assert.Contains("30012", error.ToString());
        Assert.Contains("BITGET_PASSPHRASE", error.ErrorDetails.RecommendedAction);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Empty(_host.Invoke("Get-BitgetStream").Output);
    }

    [Fact]
    public void PrivateCmdletsNeedAPrivateSession()
    {
        var run = _host.Invoke("Connect-BitgetStream -Endpoint ($ep -replace 'private','public') | Out-Null; Receive-BitgetOrder -First 1 -Timeout 2", Vars());
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("BitgetPrivateSessionRequired", error.FullyQualifiedErrorId);
        Assert.Contains("Connect-BitgetStream -Private", error.ToString());
    }

    [Fact]
    public async Task RegisterRunsAnActionForEveryFillPushedOnDemand()
    {
        var run = _host.Invoke("""
            Connect-BitgetStream -Endpoint $ep -ApiKey $key -ApiSecret (ConvertTo-SecureString $secret -AsPlainText -Force) -Passphrase (ConvertTo-SecureString $pass -AsPlainText -Force) | Out-Null
            $global:fills = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
            Register-BitgetFill -Action { $global:fills.Enqueue($_) }
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.True(SpinWait.SpinUntil(() => Count("$global:fills.Count") >= 1, TimeSpan.FromSeconds(10)), "no snapshot fill");
        Assert.Equal(1, await _mock.PushPrivateAsync("USDT-FUTURES", "fill"));
        Assert.Equal(1, await _mock.PushPrivateAsync("USDT-FUTURES", "fill"));
        Assert.True(SpinWait.SpinUntil(() => Count("$global:fills.Count") >= 3, TimeSpan.FromSeconds(10)), "a repeated fill was skipped");
        var unregister = _host.Invoke("Get-Job | Stop-Job; Unregister-BitgetFill; (Get-BitgetStream).SubscriptionCount");
        Assert.Empty(unregister.Errors);
        Assert.Equal(0, unregister.Output.Last().BaseObject);
    }

    private int Count(string expression)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _host.Runspace;
        return (int)ps.AddScript(expression).Invoke().Single().BaseObject;
    }

    [Fact]
    public void NoSecretLeaksIntoAnyStreamErrorObjectOrSessionView()
    {
        WriteEnvFile($"BITGET_API_KEY={FakeKey}\nBITGET_SECRET_KEY={FakeSecret}\nBITGET_PASSPHRASE={FakePassphrase}\n");
        var script = """
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'; $WarningPreference = 'Continue'
            $ErrorActionPreference = 'Continue'
            $s = Connect-BitgetStream -Endpoint $ep -Private -EnvFile $envFile -Name Leak -Verbose
            $s
            $s | Format-List * | Out-String
            Receive-BitgetOrder -First 1 -Timeout 10 -Verbose
            Receive-BitgetAccount -InstType SPOT -First 1 -Timeout 10 -Verbose
            Receive-BitgetFill -First 1 -Timeout 10 -Verbose
            Receive-BitgetPosition -Symbol BTCUSDT -Verbose
            Get-BitgetStream | Format-List * | Out-String
            Get-BitgetStream | Format-Table * | Out-String
            Get-BitgetStream | ConvertTo-Json -Depth 3
            $s.Subscriptions | Format-List * | Out-String
            Register-BitgetOrder -Action { $_ } -Verbose
            Get-Job | Format-List * | Out-String
            Get-Job | Stop-Job
            # Failures carry records too: a wrong passphrase, a refused endpoint.
            Connect-BitgetStream -Endpoint $ep -ApiKey $key -ApiSecret (ConvertTo-SecureString $secret -AsPlainText -Force) -Passphrase (ConvertTo-SecureString 'wrong' -AsPlainText -Force) -Verbose
            Connect-BitgetStream -Endpoint 'ws://192.0.2.1:9/x' -ApiKey $key -ApiSecret (ConvertTo-SecureString $secret -AsPlainText -Force) -Passphrase (ConvertTo-SecureString $pass -AsPlainText -Force)
            $bad = [pscredential]::new($key, (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force))
            Connect-BitgetStream -Endpoint $ep -Credential $bad -Passphrase (ConvertTo-SecureString $pass -AsPlainText -Force)
            Disconnect-BitgetStream -Session $s -Verbose
            $s | Format-List * | Out-String
            $Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }
            """;
        using var ps = _host.Create(script, Vars());
        var output = ps.Invoke();

        var texts = new List<(string Where, string Text)>();
        foreach (var o in output)
        {
            texts.Add(("output", o?.ToString() ?? ""));
            texts.Add(("output object", o?.BaseObject?.ToString() ?? ""));
            if (o?.BaseObject is { } obj && obj is not string)
                foreach (var p in o.Properties)
                    texts.Add(($"output property {p.Name}", SafeValue(p)));
        }
        Assert.True(ps.Streams.Error.Count >= 3, $"the failure scenarios produced {ps.Streams.Error.Count} errors");
        foreach (var e in ps.Streams.Error)
            texts.AddRange(Describe(e));
        texts.AddRange(ps.Streams.Warning.Select(w => ("warning", w.Message)));
        texts.AddRange(ps.Streams.Verbose.Select(v => ("verbose", v.Message)));
        texts.AddRange(ps.Streams.Debug.Select(d => ("debug", d.Message)));
        texts.AddRange(ps.Streams.Information.Select(i => ("information", i.MessageData?.ToString() ?? "")));
        Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("Credentials resolved", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Text.Contains("BitgetOrder", StringComparison.Ordinal) || t.Where.StartsWith("output property", StringComparison.Ordinal));

        foreach (var (where, text) in texts)
        {
            Assert.False(text.Contains(FakeSecret, StringComparison.Ordinal), $"the secret leaked into {where}: {text}");
            Assert.False(text.Contains(FakePassphrase, StringComparison.Ordinal), $"the passphrase leaked into {where}: {text}");
            Assert.False(text.Contains(FakeKey, StringComparison.Ordinal), $"the API key leaked into {where}: {text}");
        }
    }

    private static string SafeValue(PSPropertyInfo p)
    {
        try
        {
            return p.Value switch
            {
                null => "",
                string s => s,
                IEnumerable e => string.Join(";", e.Cast<object?>().Select(x => x?.ToString())),
                var v => v.ToString() ?? "",
            };
        }
        catch (GetValueInvocationException ex)
        {
            return ex.Message;
        }
    }

    private static IEnumerable<(string, string)> Describe(ErrorRecord e)
    {
        yield return ("error record", e.ToString());
        yield return ("error id", e.FullyQualifiedErrorId);
        yield return ("error target", e.TargetObject?.ToString() ?? "");
        yield return ("error details", e.ErrorDetails?.Message + " " + e.ErrorDetails?.RecommendedAction);
        yield return ("error category", e.CategoryInfo.ToString());
        for (var ex = e.Exception; ex is not null; ex = ex.InnerException)
        {
            yield return ("exception", ex.ToString());
            foreach (DictionaryEntry d in ex.Data)
                yield return ("exception data", $"{d.Key}={d.Value}");
        }
    }
}
