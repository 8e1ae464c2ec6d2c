using System.Management.Automation;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// The captures the module ships in its samples folder, as a user replays them offline: the Classic (v2) one and the
/// Unified (v3) one, through every public cmdlet of their API, with the prices a market shows (each symbol at its own
/// plausible level, one level per symbol on every channel).
/// </summary>
public sealed class SampleCaptureTests : MockedModuleTests
{
    private const decimal Tolerance = 0.01m;

    private static decimal Dec(PSObject o, string name) => (decimal)PSObject.AsPSObject(o.Properties[name].Value).BaseObject;

    private static string Str(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? "";

    /// <summary>Plays <paramref name="sample"/> (a file of the module's samples folder) on a fresh replay session into <paramref name="command"/> (which uses <c>$r</c>).</summary>
    private List<PSObject> Replay(string sample, string command)
    {
        var run = _host.Invoke($$"""
            $r = Connect-BitgetStream -ReplayPath (Join-Path (Split-Path (Get-Module Bitget).Path) samples/{{sample}}) -Name ("Sample" + [guid]::NewGuid().ToString('n'))
            {{command}}
            """);
        Assert.True(run.Errors.Count == 0, string.Join(" | ", run.Errors));
        Assert.NotEmpty(run.Output);
        return [.. run.Output];
    }

    /// <summary>The mean last price of each symbol's tickers (every instType), after checking their levels.</summary>
    private static Dictionary<string, decimal> AssertTickers(List<PSObject> tickers, string[] futures, string[] spot)
    {
        var groups = tickers.GroupBy(t => (Symbol: Str(t, "Symbol"), InstType: Str(t, "InstType"))).ToList();
        Assert.Equal(
            futures.Select(s => $"{s}/USDT-FUTURES").Concat(spot.Select(s => $"{s}/SPOT")).Order(StringComparer.Ordinal),
            groups.Select(g => $"{g.Key.Symbol}/{g.Key.InstType}").Order(StringComparer.Ordinal));
        foreach (var g in groups)
        {
            var lasts = g.Select(t => Dec(t, "LastPrice")).ToArray();
            Assert.True(lasts.Max() <= lasts.Min() * 1.02m, $"{g.Key} swings from {lasts.Min()} to {lasts.Max()}");
            Assert.All(g, t => Assert.True(Math.Abs(Dec(t, "Change24h")) <= 0.05m, $"{g.Key} 24h change {Dec(t, "Change24h")}"));
        }

        var levels = groups.GroupBy(g => g.Key.Symbol).ToDictionary(s => s.Key, s => s.SelectMany(g => g).Average(t => Dec(t, "LastPrice")));
        (string Symbol, decimal Min, decimal Max)[] plausible =
            [("BTCUSDT", 10_000, 500_000), ("ETHUSDT", 500, 20_000), ("SOLUSDT", 10, 1_000), ("XRPUSDT", 0.3m, 5)];
        foreach (var (symbol, min, max) in plausible.Where(p => levels.ContainsKey(p.Symbol)))
            Assert.InRange(levels[symbol], min, max);
        return levels;
    }

    private static void AssertNear(Dictionary<string, decimal> levels, IEnumerable<PSObject> items, string price, string what)
    {
        var count = 0;
        foreach (var item in items)
        {
            var symbol = Str(item, "Symbol");
            var value = Dec(item, price);
            Assert.True(Math.Abs(value - levels[symbol]) <= levels[symbol] * Tolerance,
                $"{what} of {symbol} at {value}, its tickers at {levels[symbol]:0.#####}");
            count++;
        }

        Assert.True(count > 0, $"no {what} in the sample");
    }

    /// <summary>
    /// The books of <paramref name="symbol"/> at <paramref name="depth"/>: all on <paramref name="channel"/>, with
    /// <paramref name="levelsASide"/> bids and asks (0: the full book, any number), their mid near the tickers.
    /// </summary>
    private void AssertBooks(Dictionary<string, decimal> levels, string sample, string symbol, string depth, string channel, int levelsASide)
    {
        var books = Replay(sample, $"Receive-BitgetOrderBook {symbol} -Depth {depth} -Session $r");
        Assert.All(books, b =>
        {
            Assert.Equal(channel, Str(b, "Channel"));
            if (levelsASide > 0)
            {
                Assert.Equal(levelsASide, ((Array)b.Properties["Bids"].Value).Length);
                Assert.Equal(levelsASide, ((Array)b.Properties["Asks"].Value).Length);
            }
        });
        AssertNear(levels, books, "Mid", $"the {channel} mid");
    }

    /// <summary>What both samples share: the file is small, the latest tickers and the closed candles are at the same levels, the raw pushes play.</summary>
    private void AssertCommon(Dictionary<string, decimal> levels, string sample)
    {
        var file = new FileInfo(Path.Combine(Path.GetDirectoryName(ModuleHost.ManifestPath)!, "samples", sample));
        Assert.True(file.Exists, $"{file.FullName} is not in the built module");
        Assert.True(file.Length < 900_000, $"{sample} is {file.Length:N0} bytes");

        var latest = Replay(sample, "Receive-BitgetTicker -Session $r | Out-Null; Get-BitgetTicker -Session $r");
        Assert.Equal(6, latest.Count);
        AssertNear(levels, latest, "LastPrice", "a latest ticker");

        var closed = Replay(sample, "Receive-BitgetCandle BTCUSDT, ETHUSDT -Interval 1m -ClosedOnly -Session $r");
        Assert.Equal(["BTCUSDT", "ETHUSDT"], closed.Select(c => Str(c, "Symbol")).Distinct().Order(StringComparer.Ordinal));
        AssertNear(levels, closed, "Close", "a closed candle's close");

        var raw = Replay(sample, "Receive-BitgetMessage XRPUSDT -Channel books1 -Session $r");
        Assert.All(raw, m => Assert.Equal("books1", Str(m, "Channel")));
    }

    [Fact]
    public void TheClassicSampleShowsEachSymbolAtOnePlausiblePriceOnEveryChannel()
    {
        var levels = AssertTickers(Replay("bitget-sample.jsonl.gz", "Receive-BitgetTicker -Session $r"),
            ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"], ["BTCUSDT", "ETHUSDT"]);
        Assert.NotEqual(levels["SOLUSDT"], levels["XRPUSDT"]);

        AssertNear(levels, Replay("bitget-sample.jsonl.gz", "Receive-BitgetCandle BTCUSDT, ETHUSDT -Interval 1m -Session $r"), "Close", "a candle close");
        AssertNear(levels, Replay("bitget-sample.jsonl.gz", "Receive-BitgetTrade BTCUSDT, ETHUSDT -Session $r"), "Price", "a trade");
        AssertBooks(levels, "bitget-sample.jsonl.gz", "BTCUSDT", "Full", "books", 0);
        AssertBooks(levels, "bitget-sample.jsonl.gz", "SOLUSDT", "15", "books15", 15);
        AssertBooks(levels, "bitget-sample.jsonl.gz", "ETHUSDT", "5", "books5", 5);
        AssertBooks(levels, "bitget-sample.jsonl.gz", "XRPUSDT", "1", "books1", 1);
        AssertCommon(levels, "bitget-sample.jsonl.gz");
        Assert.Equal(0, _mock.TotalConnections);
    }

    [Fact]
    public void TheUnifiedSampleFeedsEveryPublicV3CmdletOffline()
    {
        const string v3 = "bitget-sample-v3.jsonl.gz";
        Assert.Equal("Unified", Assert.Single(Replay(v3, "$r.Api.ToString()")).BaseObject);

        var levels = AssertTickers(Replay(v3, "Receive-BitgetTicker -Session $r"),
            ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"], ["BTCUSDT", "ETHUSDT"]);
        Assert.NotEqual(levels["SOLUSDT"], levels["XRPUSDT"]);

        var candles = Replay(v3, "Receive-BitgetCandle BTCUSDT, ETHUSDT -Interval 1m -Session $r");
        Assert.All(candles, c => Assert.Equal("1m", Str(c, "Interval")));
        AssertNear(levels, candles, "Close", "a candle close");

        var trades = Replay(v3, "Receive-BitgetTrade BTCUSDT, ETHUSDT -Session $r");
        Assert.All(trades, t => Assert.True(Dec(t, "Size") > 0));
        Assert.Equal(trades.Count, trades.Select(t => Str(t, "Symbol") + "/" + Str(t, "TradeId")).Distinct().Count());
        AssertNear(levels, trades, "Price", "a trade");

        AssertBooks(levels, v3, "BTCUSDT", "Full", "books", 0);
        AssertBooks(levels, v3, "SOLUSDT", "50", "books50", 50);
        AssertBooks(levels, v3, "ETHUSDT", "5", "books5", 5);
        AssertBooks(levels, v3, "XRPUSDT", "1", "books1", 1);

        var liquidations = Replay(v3, "Receive-BitgetLiquidation -Session $r");
        Assert.All(liquidations, l =>
        {
            Assert.Equal("USDT-FUTURES", Str(l, "InstType"));
            Assert.Contains(Str(l, "Side"), new[] { "buy", "sell" });
            Assert.True(Dec(l, "Amount") > 0);
        });
        Assert.Equal(["BTCUSDT", "ETHUSDT", "SOLUSDT"], liquidations.Select(l => Str(l, "Symbol")).Distinct().Order(StringComparer.Ordinal));
        AssertNear(levels, liquidations, "Price", "a liquidation");
        AssertCommon(levels, v3);
        Assert.Equal(0, _mock.TotalConnections);
    }
}
