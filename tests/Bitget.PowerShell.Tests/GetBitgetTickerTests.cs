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
}
