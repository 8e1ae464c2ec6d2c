using System.Management.Automation;
using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// <c>Receive-BitgetAccount|Order|Position|Fill -Endpoint</c> without a session open a private session of their own with
/// the credentials Connect-BitgetStream -Private would find (here .env in the current folder), and close it however they
/// end: -First, a downstream Select-Object -First, Ctrl+C, an error.
/// </summary>
public sealed class PrivateOwnSessionTests : MockedModuleTests
{
    private const string Key = "bg_OWNSESSION_KEY_71c2";
    private const string Secret = "OWNSESSION-SECRET-4b9e";
    private const string Passphrase = "OWNSESSION-PASS-0d3a";

    private protected override MockExchangeOptions MockOptions()
    {
        var options = new MockExchangeOptions { TickerInterval = TimeSpan.FromMilliseconds(50) };
        options.PrivateAccounts.Add(new MockPrivateAccount(Key, Secret, Passphrase));
        return options;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The current folder's .env, as a user keeps one beside their scripts (not process-wide environment variables,
        // which tests running beside this one would see).
        _host.Invoke("Set-Location -LiteralPath $folder", new Dictionary<string, object?> { ["folder"] = Folder });
    }

    private Dictionary<string, object?> Vars() => new() { ["ep"] = _mock.PrivateEndpoint.ToString(), ["root"] = $"ws://127.0.0.1:{_mock.Port}" };

    private void WriteEnvFile(string passphrase = Passphrase) =>
        File.WriteAllText(Path.Combine(Folder, ".env"), $"BITGET_API_KEY={Key}\nBITGET_SECRET_KEY={Secret}\nBITGET_PASSPHRASE={passphrase}\n");

    [Fact]
    public async Task EachPrivateReceiveOpensItsOwnSessionFromTheDotEnvFileAndClosesIt()
    {
        WriteEnvFile();
        var run = _host.Invoke("""
            Receive-BitgetOrder -Endpoint $ep -First 1 -Timeout 10
            Receive-BitgetPosition -Endpoint $ep -First 1 -Timeout 10
            Receive-BitgetAccount -Endpoint $ep -InstType SPOT -First 1 -Timeout 10
            Receive-BitgetFill -Endpoint $root -First 1 -Timeout 10
            @(Get-BitgetStream).Count
            """, Vars());
        Assert.True(run.Errors.Count == 0, string.Join(" | ", run.Errors));
        Assert.Equal(["BitgetOrder", "BitgetPosition", "BitgetAccount", "BitgetFill"], run.Output.Take(4).Select(o => o.BaseObject.GetType().Name));
        // Its own: not kept as a session of the runspace.
        Assert.Equal(0, run.Output[4].BaseObject);
        Assert.Equal(4, _mock.TotalConnections);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience), "every own session closed");
    }

    [Fact]
    public async Task CredentialAndPassphraseOpenAClassicOrAUnifiedOwnSessionWithoutAnyEnvFile()
    {
        var run = _host.Invoke("""
            function Cred($key, $secret) { [pscredential]::new($key, (ConvertTo-SecureString $secret -AsPlainText -Force)) }
            $o = Receive-BitgetOrder -Endpoint $root -Credential (Cred $cKey $cSecret) -Passphrase (ConvertTo-SecureString $cPass -AsPlainText -Force) -First 1 -Timeout 10
            $a = Receive-BitgetAccount -Endpoint $root -Api Unified -Credential (Cred $uKey $uSecret) -Passphrase (ConvertTo-SecureString $uPass -AsPlainText -Force) -First 1 -Timeout 10
            $o.GetType().Name
            $a.GetType().Name
            @(Get-BitgetStream).Count
            """, new Dictionary<string, object?>(Vars())
        {
            ["cKey"] = MockPrivateAccount.Test.ApiKey, ["cSecret"] = MockPrivateAccount.Test.Secret, ["cPass"] = MockPrivateAccount.Test.Passphrase,
            ["uKey"] = MockPrivateAccount.UnifiedTest.ApiKey, ["uSecret"] = MockPrivateAccount.UnifiedTest.Secret, ["uPass"] = MockPrivateAccount.UnifiedTest.Passphrase,
        });
        Assert.True(run.Errors.Count == 0, string.Join(" | ", run.Errors));
        Assert.Equal(["BitgetOrder", "BitgetAccount", "0"], run.Output.Select(o => o.BaseObject.ToString()));
        Assert.Equal(2, _mock.TotalConnections);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience), "both own sessions closed");
    }

    [Fact]
    public async Task ADownstreamFirstAndCtrlCCloseTheOwnSession()
    {
        WriteEnvFile();
        var run = _host.Invoke("Receive-BitgetFill -Endpoint $ep | Select-Object -First 1", Vars());
        Assert.True(run.Errors.Count == 0, string.Join(" | ", run.Errors));
        Assert.Single(run.Output);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience), "closed after Select-Object -First");

        using var ps = _host.Create("Receive-BitgetOrder -Endpoint $ep", Vars());
        var output = new PSDataCollection<PSObject>();
        var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(await _mock.WaitUntilAsync(m => output.Count >= 1 && m.LoggedInConnections == 1, Patience));
        ps.Stop();
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience), "closed after Ctrl+C");
    }

    [Fact]
    public async Task ARefusedLoginIsANamedErrorAndLeavesNothingOpen()
    {
        WriteEnvFile(passphrase: "wrong");
        var run = _host.Invoke("Receive-BitgetOrder -Endpoint $ep -First 1 -Timeout 10", Vars());
        var error = Assert.Single(run.Errors);
        Assert.Equal("BitgetLoginFailed,Bitget.PowerShell.Commands.ReceiveBitgetOrderCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.DoesNotContain(Secret, error.ToString());
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience));
    }

    [Fact]
    public void MissingCredentialsAreNamedBeforeConnecting()
    {
        File.WriteAllText(Path.Combine(Folder, ".env"), $"BITGET_API_KEY={Key}\n");
        var run = _host.Invoke("Receive-BitgetPosition -Endpoint $ep -First 1 -Timeout 10", Vars());
        var error = Assert.Single(run.Errors);
        Assert.Equal("BitgetCredentialsMissing,Bitget.PowerShell.Commands.ReceiveBitgetPositionCommand", error.FullyQualifiedErrorId);
        Assert.Contains("BITGET_PASSPHRASE", error.ToString());
        Assert.Equal(0, _mock.TotalConnections);
    }
}
