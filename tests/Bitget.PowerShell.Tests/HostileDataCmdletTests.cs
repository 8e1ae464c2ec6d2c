using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// Issue 18 items 1 and 10 as a user meets them: tickers a server names with formulas or another symbol reach neither
/// the pipeline nor the CSV file (Get-BitgetStream counts them in BadFrames), a ticker with one malformed field is kept
/// with that field empty (BadFields), and every value written reads back as sent.
/// </summary>
public sealed class HostileDataCmdletTests : MockedModuleTests
{
    private protected override MockExchangeOptions MockOptions() => new() { SendData = false };

    private static string Ticker(string instId, long ts, string lastPr) =>
        $$"""{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"},"data":[{"instId":{{System.Text.Json.JsonSerializer.Serialize(instId)}},"lastPr":{{lastPr}},"change24h":"-0.5","ts":"{{ts}}"}],"ts":{{ts}}}""";

    [Fact]
    public async Task ForgedTickersNeverReachTheCsvAndAMalformedFieldCostsOnlyItself()
    {
        var path = Path.Combine(Folder, "tickers.csv");
        var vars = new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString(), ["p"] = path };
        var connect = _host.Invoke("""
            $global:s = Connect-BitgetStream -Endpoint $ep
            Register-BitgetTicker BTCUSDT -Session $global:s
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while ($global:s.Subscriptions[0].State -ne 'Subscribed' -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $global:s.Subscriptions[0].State
            """, vars);
        Assert.Empty(connect.Errors);
        Assert.Equal("Subscribed", connect.Output.Single().ToString());

        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var hostile in new[] { "ETHUSDT", "=HYPERLINK(\"x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "BTC\nUSDT,\"x\"" })
            await _mock.BroadcastRawAsync(Ticker(hostile, ++ts, "\"1\""));
        await _mock.BroadcastRawAsync(Ticker("BTCUSDT", ++ts, "\"not a price\""));
        await _mock.BroadcastRawAsync(Ticker("BTCUSDT", ++ts, "\"27000.50\""));

        var run = _host.Invoke("""
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while (@(Get-BitgetTicker BTCUSDT -Last 10).Count -lt 2 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Get-BitgetTicker BTCUSDT -Last 10 | Export-BitgetCsv -Path $p
            Get-BitgetStream | Select-Object BadFrames, BadFields
            """, vars);
        Assert.Empty(run.Errors);
        var counts = run.Output.Single();
        Assert.Equal(5L, counts.Properties["BadFrames"].Value);
        Assert.Equal(1L, counts.Properties["BadFields"].Value);

        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(2, rows.Count);
        string Cell(string[] row, string column) => row[Array.IndexOf(header, column)];
        Assert.All(rows, r => Assert.Equal("BTCUSDT", Cell(r, "Symbol")));
        Assert.All(rows, r => Assert.Equal("-0.5", Cell(r, "Change24h")));
        Assert.Equal(["", "27000.50"], rows.Select(r => Cell(r, "LastPrice")));
        var text = File.ReadAllText(path);
        Assert.DoesNotContain("HYPERLINK", text);
        Assert.DoesNotContain("calc", text);
        Assert.DoesNotContain("SUM", text);
        Assert.DoesNotContain("ETHUSDT", text);
    }
}
