using System.Management.Automation;
using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// The cmdlets on the Unified (v3) API against the mock's /v3 endpoints: public kinds with their v3 rules, liquidations,
/// the private kinds on a UTA session, and -Api Auto telling a Classic key from a Unified one with the REST check.
/// </summary>
public sealed class UnifiedCmdletTests : MockedModuleTests
{
    public override async Task DisposeAsync()
    {
        _host.Invoke("Get-BitgetStream | Disconnect-BitgetStream");
        await base.DisposeAsync();
    }

    private Dictionary<string, object?> Vars() => new()
    {
        ["v3"] = _mock.V3PublicEndpoint.ToString(),
        ["v2"] = _mock.PublicEndpoint.ToString(),
        ["root"] = $"ws://127.0.0.1:{_mock.Port}",
        ["uKey"] = MockPrivateAccount.UnifiedTest.ApiKey,
        ["uSecret"] = MockPrivateAccount.UnifiedTest.Secret,
        ["uPass"] = MockPrivateAccount.UnifiedTest.Passphrase,
        ["cKey"] = MockPrivateAccount.Test.ApiKey,
        ["cSecret"] = MockPrivateAccount.Test.Secret,
        ["cPass"] = MockPrivateAccount.Test.Passphrase,
    };

    [Fact]
    public void EveryPublicKindStreamsOnAUnifiedSession()
    {
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $v3 -Name v3
            $s.Api.ToString()
            (Receive-BitgetTicker BTCUSDT -Session $s -First 1).LastPrice -gt 0
            (Receive-BitgetCandle BTCUSDT -Interval 3m -Session $s -First 1).Interval
            (Receive-BitgetOrderBook BTCUSDT -Depth 50 -Session $s -First 1).Channel
            (Receive-BitgetOrderBook BTCUSDT -Depth Full -Session $s -First 2 | Select-Object -Last 1).Bids.Count -gt 0
            @(Receive-BitgetTrade BTCUSDT -Session $s -First 3).Count
            (Receive-BitgetLiquidation -Session $s -First 1).InstType
            (Receive-BitgetTicker BTCUSD -InstType COIN-FUTURES -Session $s -First 1).Symbol
            (Receive-BitgetMessage -Channel rpi-books5 BTCUSDT -Session $s -First 1).Channel
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(["Unified", "True", "3m", "books50", "True", "3", "USDT-FUTURES", "BTCUSD_CM", "rpi-books5"],
            run.Output.Select(o => o.BaseObject.ToString()));
    }

    [Theory]
    [InlineData("Receive-BitgetCandle BTCUSDT -Interval 1W -Session $s -First 1", "InvalidInterval")]
    [InlineData("Receive-BitgetOrderBook BTCUSDT -Depth 15 -Session $s -First 1", "InvalidDepth")]
    [InlineData("Receive-BitgetLiquidation -Session (Connect-BitgetStream -Endpoint $v2 -Name classic) -First 1", "BitgetLiquidationNeedsUnified")]
    [InlineData("Receive-BitgetLiquidation -InstType SPOT -Session $s -First 1", "InvalidInstType")]
    public void WhatTheApiLacksIsRefusedBeforeSubscribing(string command, string errorId)
    {
        var run = _host.Invoke("$s = Connect-BitgetStream -Endpoint $v3 -Name v3; " + command, Vars());
        var error = Assert.Single(run.Errors);
        Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
        Assert.DoesNotContain(run.Output, o => o.BaseObject.GetType().Name != "BitgetSession");
    }

    [Fact]
    public void ARefusedV3TopicIsAnErrorNamingItWhileTheOthersStream()
    {
        var run = _host.Invoke("Receive-BitgetTicker BTCUSDT,NOPEUSDT -Endpoint $v3 -First 3 -Timeout 20 | ForEach-Object Symbol", Vars());
        Assert.Equal(["BTCUSDT", "BTCUSDT", "BTCUSDT"], run.Output.Select(o => o.BaseObject.ToString()));
        var error = Assert.Single(run.Errors);
        Assert.Equal("USDT-FUTURES/ticker/NOPEUSDT", error.TargetObject?.ToString());
    }

    [Fact]
    public void AutoPicksTheApiOfTheKeysAccount()
    {
        var run = _host.Invoke("""
            $u = Connect-BitgetStream -Private -Endpoint $root -ApiKey $uKey -ApiSecret (ConvertTo-SecureString $uSecret -AsPlainText -Force) -Passphrase (ConvertTo-SecureString $uPass -AsPlainText -Force) -Name uta
            $c = Connect-BitgetStream -Private -Endpoint $root -ApiKey $cKey -ApiSecret (ConvertTo-SecureString $cSecret -AsPlainText -Force) -Passphrase (ConvertTo-SecureString $cPass -AsPlainText -Force) -Name classic
            "$($u.Api) $($u.Endpoint.AbsolutePath)"
            "$($c.Api) $($c.Endpoint.AbsolutePath)"
            @(Receive-BitgetAccount -Session $u -First 3 -Timeout 10).Count
            (Receive-BitgetPosition -Session $u -First 1 -Timeout 10).InstType
            """, Vars());
        Assert.Empty(run.Errors);
        Assert.Equal(["Unified /v3/ws/private", "Classic /v2/ws/private", "3", "USDT-FUTURES"], run.Output.Select(o => o.BaseObject.ToString()));
    }

    [Fact]
    public void AFailedAccountModeCheckNamesTheWayToSkipIt()
    {
        var run = _host.Invoke("""
            Connect-BitgetStream -Private -Endpoint $root -ApiKey $uKey -ApiSecret (ConvertTo-SecureString 'LEAKCHECK-9f2c' -AsPlainText -Force) -Passphrase (ConvertTo-SecureString $uPass -AsPlainText -Force)
            """, Vars());
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("BitgetAccountModeUnknown", error.FullyQualifiedErrorId);
        Assert.Contains("-Api Classic or -Api Unified", error.Exception.Message);
        Assert.DoesNotContain("LEAKCHECK", error.Exception.Message + error.ErrorDetails?.Message + error.ErrorDetails?.RecommendedAction);
        Assert.Empty(_host.Invoke("Get-BitgetStream").Output);
    }

    [Fact]
    public async Task AnyV3PrivateTopicStreamsRawUnderUta()
    {
        using var stop = new CancellationTokenSource();
        var pushes = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(300);
                await _mock.PushPrivateAsync("UTA", "adl-notification");
            }
        });
        var run = _host.Invoke("""
            $u = Connect-BitgetStream -Private -Api Unified -Endpoint $root -ApiKey $uKey -ApiSecret (ConvertTo-SecureString $uSecret -AsPlainText -Force) -Passphrase (ConvertTo-SecureString $uPass -AsPlainText -Force)
            $m = Receive-BitgetMessage -Channel adl-notification -InstType UTA -Session $u -First 1 -Timeout 20
            "$($m.InstType)/$($m.Channel)/$($m.InstId)"
            $m.Json.Contains('"topic":"adl-notification"')
            """, Vars());
        stop.Cancel();
        await pushes;
        Assert.Empty(run.Errors);
        Assert.Equal(["UTA/adl-notification/default", "True"], run.Output.Select(o => o.BaseObject.ToString()));

        // A session the command would open itself is public: UTA topics need a private one.
        var ownSession = _host.Invoke("Receive-BitgetMessage -Channel adl-notification -InstType UTA -Endpoint $v3 -First 1 -Timeout 5", Vars());
        var error = Assert.Single(ownSession.Errors);
        Assert.Equal("UTA", error.TargetObject);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-Private -Api Unified", error.Exception.Message);
    }
}
