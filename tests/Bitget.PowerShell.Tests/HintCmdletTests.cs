using System.Management.Automation;
using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// Errors point at what is wrong (issue 19, items 11 and 12): the channel rather than the symbol, the private path, a
/// folder given for a file, the allowed depths, the kind of item asked for; a fix is said once (as the
/// RecommendedAction, not also in the message); a connection that fails names the offline ways in.
/// </summary>
public sealed class HintCmdletTests : MockedModuleTests
{
    private const string Key = "bg_HINT_KEY_1a2b";
    private const string Secret = "HINT-SECRET-77aa";
    private const string Passphrase = "HINT-PASS-99";

    private protected override MockExchangeOptions MockOptions()
    {
        var options = new MockExchangeOptions { TickerInterval = TimeSpan.FromMilliseconds(20) };
        options.PrivateAccounts.Add(new MockPrivateAccount(Key, Secret, Passphrase));
        return options;
    }

    public override async Task DisposeAsync()
    {
        _host.Invoke("Get-BitgetStream | Disconnect-BitgetStream");
        await base.DisposeAsync();
    }

    private Dictionary<string, object?> Vars() => new()
    {
        ["ep"] = _mock.PublicEndpoint.ToString(),
        ["privateEp"] = _mock.PrivateEndpoint.ToString(),
        ["folder"] = Folder,
        ["key"] = Key,
        ["secret"] = Secret,
        ["pass"] = Passphrase,
    };

    // What the user reads: the message shown (ErrorDetails, else the exception's), and the recommendation apart.
    private static (string Message, string Action) Shown(ErrorRecord error) =>
        (error.ToString(), error.ErrorDetails?.RecommendedAction ?? "");

    [Fact]
    public void AnUnknownChannelIsNamedAndTheChannelsAreListed()
    {
        var run = _host.Invoke("Receive-BitgetMessage BTCUSDT -Channel nope -Endpoint $ep -Timeout 10", Vars());
        var error = Assert.Single(run.Errors);
        Assert.Equal("BitgetServerError,Bitget.PowerShell.Commands.ReceiveBitgetMessageCommand", error.FullyQualifiedErrorId);
        var (_, action) = Shown(error);
        Assert.Contains("'nope'", action);
        Assert.Contains("books5", action);
        Assert.Contains("candle1m", action);
        Assert.Contains("Tab after -Channel", action);
        Assert.DoesNotContain("BTCUSDT", action);
    }

    [Fact]
    public void AnUnknownSymbolOnAKnownChannelStillBlamesTheSymbol()
    {
        var run = _host.Invoke("Receive-BitgetMessage NOPEUSDT -Channel ticker -Endpoint $ep -Timeout 10", Vars());
        var error = Assert.Single(run.Errors);
        Assert.Contains("'NOPEUSDT'", Shown(error).Action);
    }

    [Theory]
    [InlineData("/v2/ws/public", "/v2/ws/private")]
    [InlineData("/v3/ws/public", "/v3/ws/private")]
    public void PrivateOnAPublicEndpointIsRefusedAtOnceWithThePrivatePath(string publicPath, string privatePath)
    {
        var endpoint = new Uri(_mock.PublicEndpoint, publicPath).ToString();
        var run = _host.Invoke(
            "Connect-BitgetStream -Endpoint $endpoint -Private -ApiKey $key -ApiSecret (ConvertTo-SecureString $secret -AsPlainText -Force) -Passphrase (ConvertTo-SecureString $pass -AsPlainText -Force)",
            new Dictionary<string, object?>(Vars()) { ["endpoint"] = endpoint });
        var error = Assert.Single(run.Errors);
        Assert.Equal("BitgetPublicEndpointForPrivate,Bitget.PowerShell.Commands.ConnectBitgetStreamCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(endpoint, error.TargetObject?.ToString());
        var (message, action) = Shown(error);
        Assert.Contains(publicPath, message);
        Assert.Contains(new Uri(_mock.PublicEndpoint, privatePath).ToString(), action);
        Assert.DoesNotContain(action, message);
        Assert.Equal(0, _mock.TotalConnections);
    }

    [Fact]
    public void AnEnvFileThatIsAFolderIsCalledAFolder()
    {
        var run = _host.Invoke("Connect-BitgetStream -Endpoint $privateEp -Private -EnvFile $folder", Vars());
        var error = Assert.Single(run.Errors);
        Assert.Equal("BitgetEnvFileUnreadable,Bitget.PowerShell.Commands.ConnectBitgetStreamCommand", error.FullyQualifiedErrorId);
        var (message, _) = Shown(error);
        Assert.Contains("is a folder", message);
        Assert.DoesNotContain("does not exist", message);
        Assert.Equal(0, _mock.TotalConnections);
    }

    [Theory]
    [InlineData("/v2/ws/public", "1, 5, 15 or Full")]
    [InlineData("/v3/ws/public", "1, 5, 50 or Full")]
    public void AnImpossibleDepthListsTheDepthsOfTheApi(string path, string allowed)
    {
        var endpoint = new Uri(_mock.PublicEndpoint, path).ToString();
        var run = _host.Invoke("Receive-BitgetOrderBook BTCUSDT -Depth 0 -Endpoint $endpoint -First 1",
            new Dictionary<string, object?>(Vars()) { ["endpoint"] = endpoint });
        var error = Assert.Single(run.Errors);
        Assert.Equal("InvalidDepth,Bitget.PowerShell.Commands.ReceiveBitgetOrderBookCommand", error.FullyQualifiedErrorId);
        Assert.Equal("0", error.TargetObject);
        var (message, action) = Shown(error);
        Assert.Contains(allowed, message);
        Assert.DoesNotContain("[0-9]", message);
        Assert.DoesNotContain(action, message);
        Assert.Equal(0, _mock.TotalConnections);
    }

    [Theory]
    [InlineData("Receive-BitgetCandle -Interval 1m -First 1", "candle")]
    [InlineData("Receive-BitgetTrade -First 1", "trade")]
    [InlineData("Receive-BitgetOrderBook -First 1", "order book")]
    public void WithoutSymbolOrSessionTheErrorNamesTheKindAskedFor(string script, string noun)
    {
        var run = _host.Invoke(script, Vars());
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("SymbolRequired,", error.FullyQualifiedErrorId);
        Assert.Contains($"every {noun} it has", error.ToString());
        Assert.DoesNotContain("ticker", error.ToString());
    }

    [Fact]
    public void AHeaderMismatchSaysWhatHappenedAndTheFixOnce()
    {
        var path = Path.Combine(Folder, "other.csv");
        File.WriteAllText(path, "a,b\n1,2\n");
        var run = _host.Invoke("Receive-BitgetTicker BTCUSDT -Endpoint $ep -First 1 | Export-BitgetCsv -Path $path -Append",
            new Dictionary<string, object?>(Vars()) { ["path"] = path });
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("CsvHeaderMismatch,", error.FullyQualifiedErrorId);
        var (message, action) = Shown(error);
        Assert.Contains("header", message);
        Assert.False(string.IsNullOrWhiteSpace(action));
        Assert.DoesNotContain(action, message);
        Assert.DoesNotContain("-Append", message);
    }

    [Theory]
    [InlineData("bg_UNKNOWN_KEY", Secret, Passphrase, "30011")]
    [InlineData(Key, Secret, "wrong", "30012")]
    [InlineData(Key, "wrong-secret", Passphrase, "30015")]
    public void ARefusedLoginSaysWhatHappenedAndTheFixOnce(string key, string secret, string passphrase, string code)
    {
        var run = _host.Invoke(
            "Connect-BitgetStream -Endpoint $privateEp -ApiKey $k -ApiSecret (ConvertTo-SecureString $s -AsPlainText -Force) -Passphrase (ConvertTo-SecureString $p -AsPlainText -Force)",
            new Dictionary<string, object?>(Vars()) { ["k"] = key, ["s"] = secret, ["p"] = passphrase });
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("BitgetLoginFailed,", error.FullyQualifiedErrorId);
        var (message, action) = Shown(error);
        Assert.Contains(code, message);
        Assert.Contains("BITGET_", action);
        Assert.DoesNotContain(action, message);
        Assert.DoesNotContain("BITGET_", message);
    }

    [Theory]
    [InlineData("wss://nonexistent.invalid/v2/ws/public")]
    [InlineData("ws://127.0.0.1:1/v2/ws/public")]
    public void ANetworkFailureNamesTheOfflineWaysIn(string endpoint)
    {
        var run = _host.Invoke("Receive-BitgetTicker BTCUSDT -Endpoint $endpoint -First 5",
            new Dictionary<string, object?> { ["endpoint"] = endpoint });
        var error = Assert.Single(run.Errors);
        Assert.Equal("BitgetConnectFailed,Bitget.PowerShell.Commands.ReceiveBitgetTickerCommand", error.FullyQualifiedErrorId);
        var (_, action) = Shown(error);
        Assert.Contains("Connect-BitgetStream -ReplayPath (Join-Path (Split-Path (Get-Module Bitget).Path) samples/bitget-sample.jsonl.gz)", action);
        Assert.Contains("Start-BitgetMockExchange", action);
        Assert.Contains("Offline: the mock exchange", action);
        // The bundled capture the hint names is where it says.
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(ModuleHost.ManifestPath)!, "samples", "bitget-sample.jsonl.gz")));
    }

    [Fact]
    public void APrivateSessionThatCannotConnectRecommendsThePrivateEndpoint()
    {
        var run = _host.Invoke(
            "Connect-BitgetStream -Endpoint 'ws://127.0.0.1:1/v2/ws/private' -ApiKey $key -ApiSecret (ConvertTo-SecureString $secret -AsPlainText -Force) -Passphrase (ConvertTo-SecureString $pass -AsPlainText -Force)",
            Vars());
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("BitgetConnectFailed,", error.FullyQualifiedErrorId);
        var action = Shown(error).Action;
        Assert.Contains("wss://ws.bitget.com/v2/ws/private", action);
        Assert.DoesNotContain("/ws/public", action);
    }
}
