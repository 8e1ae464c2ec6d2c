using System.Management.Automation;
using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

public sealed class GetBitgetTickerTests : MockedModuleTests
{
    [Fact]
    public void ReturnsTheLatestPerSymbolOrTheLastNFromTheSessionsBoundedBuffer()
    {
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep -BufferSize 4
            Register-BitgetTicker BTCUSDT, ETHUSDT
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while (($s.Subscriptions | Where-Object Messages -lt 10) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            [pscustomobject]@{
                BufferSize = $s.BufferSize
                Latest     = @(Get-BitgetTicker).Count
                LatestBtc  = @(Get-BitgetTicker BTCUSDT | ForEach-Object Symbol)
                Last       = @(Get-BitgetTicker -Last 100).Count
                LastEth    = @(Get-BitgetTicker -Symbol ethusdt -Last 3 | ForEach-Object Symbol)
                Average    = (Get-BitgetTicker -Symbol BTCUSDT -Last 4 | Measure-Object LastPrice -Average).Count
            }
            """, new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString() });
        Assert.Empty(run.Errors);
        var o = run.Output.Single();
        Assert.Equal(4, o.Properties["BufferSize"].Value);
        Assert.Equal(2, o.Properties["Latest"].Value);
        Assert.Equal(["BTCUSDT"], ((object[])o.Properties["LatestBtc"].Value).Select(x => x.ToString()));
        Assert.Equal(8, o.Properties["Last"].Value);
        Assert.Equal(["ETHUSDT", "ETHUSDT", "ETHUSDT"], ((object[])o.Properties["LastEth"].Value).Select(x => x.ToString()));
        Assert.Equal(4, o.Properties["Average"].Value);
    }

    [Fact]
    public void WithoutASessionItIsNoBitgetSession()
    {
        var run = _host.Invoke("Get-BitgetTicker");
        var error = Assert.Single(run.Errors);
        Assert.Equal("NoBitgetSession,Bitget.PowerShell.Commands.GetBitgetTickerCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void InstTypeKeepsSpotAndFuturesOfOneSymbolApartAndEachTickerSaysWhichItIs()
    {
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep -BufferSize 5
            Register-BitgetTicker BTCUSDT
            Register-BitgetTicker BTCUSDT -InstType SPOT
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while (($s.Subscriptions | Where-Object Messages -lt 5) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            [pscustomobject]@{
                All      = @(Get-BitgetTicker BTCUSDT | ForEach-Object InstType)
                Spot     = @(Get-BitgetTicker BTCUSDT -InstType spot -Last 5 | ForEach-Object InstType)
                Futures  = @(Get-BitgetTicker -InstType USDT-FUTURES -Last 5 | ForEach-Object InstType)
                Legacy   = @(Get-BitgetTicker -InstType umcbl | ForEach-Object InstType)
                Coin     = @(Get-BitgetTicker -InstType COIN-FUTURES).Count
                Complete = @((TabExpansion2 -inputScript 'Get-BitgetTicker -InstType SP' -cursorColumn 29).CompletionMatches.CompletionText)
            }
            """, new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString() });
        Assert.True(run.Errors.Count == 0, string.Join(" | ", run.Errors));
        var o = run.Output.Single();
        Assert.Equal(["SPOT", "USDT-FUTURES"], ((object[])o.Properties["All"].Value).Select(x => x.ToString()!).Order());
        Assert.Equal(Enumerable.Repeat("SPOT", 5), ((object[])o.Properties["Spot"].Value).Select(x => x.ToString()));
        Assert.Equal(Enumerable.Repeat("USDT-FUTURES", 5), ((object[])o.Properties["Futures"].Value).Select(x => x.ToString()));
        Assert.Equal(["USDT-FUTURES"], ((object[])o.Properties["Legacy"].Value).Select(x => x.ToString()));
        Assert.Equal(0, o.Properties["Coin"].Value);
        Assert.Equal(["SPOT"], ((object[])o.Properties["Complete"].Value).Select(x => x.ToString()));
        // The v1 name is mapped with the usual warning.
        Assert.Contains(run.Warnings, w => w.Contains("umcbl", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void AnUnknownInstTypeIsAnInvalidArgumentThatNamesIt()
    {
        var run = _host.Invoke("""
            Connect-BitgetStream -Endpoint $ep | Out-Null
            Get-BitgetTicker -InstType NOPE
            """, new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString() });
        var error = Assert.Single(run.Errors);
        Assert.EndsWith(",Bitget.PowerShell.Commands.GetBitgetTickerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("NOPE", error.ToString());
    }
}
