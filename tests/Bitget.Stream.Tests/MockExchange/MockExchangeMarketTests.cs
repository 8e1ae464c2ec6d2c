using System.Globalization;
using System.Text.Json;
using Bitget.MockExchange;

namespace Bitget.Stream.Tests.MockExchange;

/// <summary>
/// The mock's market is what the bundled sample and every offline demo show, so it must look like a market: each symbol at
/// its own plausible price level with its own moves, one price per symbol on every channel (ticker, candles, trades, books,
/// liquidations) on both APIs, candles opening on Bitget's boundaries, and symbols only under the instType that lists them.
/// </summary>
public sealed class MockExchangeMarketTests : IAsyncLifetime
{
    /// <summary>How far a candle close, trade, book mid or liquidation may be from the ticker's last price (a fraction).</summary>
    private const decimal Tolerance = 0.01m;

    private MockBitgetExchange _mock = null!;

    public async Task InitializeAsync() =>
        _mock = await MockBitgetExchange.StartAsync(new MockExchangeOptions
        {
            TickerInterval = TimeSpan.FromMilliseconds(20),
            BookInterval = TimeSpan.FromMilliseconds(20),
            CandleInterval = TimeSpan.FromMilliseconds(20),
            TradeInterval = TimeSpan.FromMilliseconds(20),
            LiquidationInterval = TimeSpan.FromMilliseconds(20),
        });

    public async Task DisposeAsync() => await _mock.DisposeAsync();

    private static decimal Dec(JsonElement e) => decimal.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("USDT-FUTURES", "BTCUSDT", 10_000, 500_000)]
    [InlineData("USDT-FUTURES", "ETHUSDT", 500, 20_000)]
    [InlineData("USDT-FUTURES", "SOLUSDT", 10, 1_000)]
    [InlineData("USDT-FUTURES", "XRPUSDT", 0.3, 5)]
    [InlineData("SPOT", "DOGEUSDT", 0.01, 1)]
    [InlineData("COIN-FUTURES", "BTCUSD", 10_000, 500_000)]
    [InlineData("USDC-FUTURES", "ETHPERP", 500, 20_000)]
    public async Task OnV2EverySymbolHasOnePlausiblePriceOnEveryChannel(string instType, string symbol, double min, double max)
    {
        using var ws = await RawWire.OpenAsync(_mock.PublicEndpoint);
        string[] channels = ["ticker", "candle1m", "trade", "books", "books5"];
        await ws.SubscribeAsync(channels.Select(c => (object)new { instType, channel = c, instId = symbol }).ToArray());
        var prices = await CollectAsync(ws, channels, (channel, push) =>
        {
            var data = push.GetProperty("data");
            return channel switch
            {
                "ticker" => [Dec(data[0].GetProperty("lastPr"))],
                "candle1m" => data.EnumerateArray().Select(r => Dec(r[4])).ToArray(),
                "trade" => data.EnumerateArray().Select(r => Dec(r.GetProperty("price"))).ToArray(),
                _ => [(Dec(data[0].GetProperty("bids")[0][0]) + Dec(data[0].GetProperty("asks")[0][0])) / 2],
            };
        });
        AssertOnePriceLevel(symbol, prices, (decimal)min, (decimal)max);
    }

    [Theory]
    [InlineData("usdt-futures", "BTCUSDT", 10_000, 500_000)]
    [InlineData("usdt-futures", "ETHUSDT", 500, 20_000)]
    [InlineData("usdt-futures", "SOLUSDT", 10, 1_000)]
    [InlineData("spot", "XRPUSDT", 0.3, 5)]
    [InlineData("coin-futures", "BTCUSD_CM", 10_000, 500_000)]
    [InlineData("usdc-futures", "BTCPERP", 10_000, 500_000)]
    public async Task OnV3EverySymbolHasOnePlausiblePriceOnEveryChannelLiquidationsIncluded(string instType, string symbol, double min, double max)
    {
        using var ws = await RawWire.OpenAsync(_mock.V3PublicEndpoint);
        var args = new List<object>
        {
            MockExchangeV3PublicTests.Arg(instType, "ticker", symbol),
            MockExchangeV3PublicTests.Arg(instType, "kline", symbol, "1m"),
            MockExchangeV3PublicTests.Arg(instType, "publicTrade", symbol),
            MockExchangeV3PublicTests.Arg(instType, "books", symbol),
            MockExchangeV3PublicTests.Arg(instType, "books5", symbol),
        };
        var liquidations = instType != "spot" && MockBitgetExchange.V3LiquidationSymbols(instType).Contains(symbol);
        if (liquidations)
            args.Add(MockExchangeV3PublicTests.Arg(instType, "liquidation"));
        await ws.SubscribeAsync([.. args]);
        string[] topics = liquidations
            ? ["ticker", "kline", "publicTrade", "books", "books5", "liquidation"]
            : ["ticker", "kline", "publicTrade", "books", "books5"];
        var prices = await CollectAsync(ws, topics, (topic, push) =>
        {
            var data = push.GetProperty("data");
            return topic switch
            {
                "ticker" => [Dec(data[0].GetProperty("lastPrice"))],
                "kline" => data.EnumerateArray().Select(r => Dec(r.GetProperty("close"))).ToArray(),
                "publicTrade" => data.EnumerateArray().Select(r => Dec(r.GetProperty("p"))).ToArray(),
                "liquidation" => data.EnumerateArray().Where(r => r.GetProperty("symbol").GetString() == symbol)
                    .Select(r => Dec(r.GetProperty("price"))).ToArray(),
                _ => [(Dec(data[0].GetProperty("b")[0][0]) + Dec(data[0].GetProperty("a")[0][0])) / 2],
            };
        });
        AssertOnePriceLevel(symbol, prices, (decimal)min, (decimal)max);
    }

    /// <summary>Reads pushes until every channel gave at least one price (for liquidations: one of this symbol).</summary>
    private static async Task<Dictionary<string, List<decimal>>> CollectAsync(
        RawWire ws, string[] channels, Func<string, JsonElement, decimal[]> pricesOf)
    {
        var prices = channels.ToDictionary(c => c, _ => new List<decimal>());
        for (var frames = 0; prices.Values.Any(p => p.Count == 0); frames++)
        {
            Assert.True(frames < 2000, "no price yet from " + string.Join(", ", prices.Where(p => p.Value.Count == 0).Select(p => p.Key)));
            var push = await ws.ReceiveAsync();
            if (!push.TryGetProperty("action", out _))
                continue;
            var arg = push.GetProperty("arg");
            var channel = (arg.TryGetProperty("topic", out var t) ? t : arg.GetProperty("channel")).GetString()!;
            // A full book's updates carry only what changed: its mid is the snapshot's.
            if (channel != "books" || push.GetProperty("action").GetString() == "snapshot")
                prices[channel].AddRange(pricesOf(channel, push));
        }

        return prices;
    }

    private static void AssertOnePriceLevel(string symbol, Dictionary<string, List<decimal>> prices, decimal min, decimal max)
    {
        var last = prices["ticker"][0];
        Assert.InRange(last, min, max);
        foreach (var (channel, values) in prices)
        {
            foreach (var price in values)
            {
                Assert.True(Math.Abs(price - last) <= last * Tolerance,
                    $"{symbol} {channel} at {price} is more than {Tolerance:P0} from its ticker's last price {last}");
            }
        }
    }

    [Fact]
    public void EachSymbolMovesOnItsOwnWithinAFewPercentADay()
    {
        string[] symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT", "SYM1USDT", "SYM2USDT"];
        var series = new Dictionary<string, decimal[]>();
        foreach (var symbol in symbols)
        {
            var lasts = new decimal[20_000];
            for (var n = 0; n < lasts.Length; n++)
            {
                var f = MockBitgetExchange.TickerFields("USDT-FUTURES", symbol, n);
                decimal F(string name) => decimal.Parse(f[name], CultureInfo.InvariantCulture);
                lasts[n] = F("lastPr");
                Assert.True(Math.Abs(F("change24h")) <= 0.05m, $"{symbol} push {n}: change24h {f["change24h"]}");
                Assert.Equal(Math.Round((lasts[n] - F("open24h")) / F("open24h"), 5, MidpointRounding.ToZero), F("change24h"));
                Assert.InRange(lasts[n], F("low24h"), F("high24h"));
                Assert.True(F("bidPr") < lasts[n] && lasts[n] < F("askPr"), $"{symbol} push {n}: {f["bidPr"]} {f["lastPr"]} {f["askPr"]}");
            }

            Assert.True(lasts.Distinct().Count() > 50, $"{symbol}'s price hardly moves");
            Assert.True(lasts.Max() - lasts.Min() <= lasts[0] * 0.02m, $"{symbol} swings from {lasts.Min()} to {lasts.Max()}");
            series[symbol] = lasts;
        }

        // No two symbols share a price, nor the same moves (as a fraction of their price).
        foreach (var a in symbols)
        {
            foreach (var b in symbols.Where(b => string.CompareOrdinal(a, b) < 0))
            {
                Assert.NotEqual(series[a][0], series[b][0]);
                var movesA = series[a].Take(500).Select(p => p / series[a][0]);
                var movesB = series[b].Take(500).Select(p => p / series[b][0]);
                Assert.False(movesA.SequenceEqual(movesB), $"{a} and {b} move alike");
            }
        }
    }

    [Theory]
    [InlineData("candle1W")]
    [InlineData("candle1Wutc")]
    [InlineData("candle1M")]
    [InlineData("candle1Mutc")]
    [InlineData("candle1D")]
    [InlineData("candle1Dutc")]
    public async Task LongCandlesOpenOnBitgetsBoundaries(string channel)
    {
        _mock.Options.CandleHistory = 5;
        using var ws = await RawWire.OpenAsync(_mock.PublicEndpoint);
        await ws.SubscribeAsync(new { instType = "USDT-FUTURES", channel, instId = "BTCUSDT" });
        var rows = (await ws.ReceivePushAsync(channel)).GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(6, rows.Length);
        var opens = rows.Select(r => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(r[0].GetString()!, CultureInfo.InvariantCulture))).ToArray();
        foreach (var open in opens)
        {
            Assert.Equal(TimeSpan.Zero, open.TimeOfDay);
            if (channel.StartsWith("candle1W", StringComparison.Ordinal))
                Assert.Equal(DayOfWeek.Monday, open.DayOfWeek);
            if (channel.StartsWith("candle1M", StringComparison.Ordinal))
                Assert.Equal(1, open.Day);
        }

        Func<DateTimeOffset, DateTimeOffset> next = channel[7] switch
        {
            'W' => o => o.AddDays(7),
            'M' => o => o.AddMonths(1),
            _ => o => o.AddDays(1),
        };
        Assert.All(opens.Zip(opens.Skip(1)), pair => Assert.Equal(next(pair.First), pair.Second));
        var now = DateTimeOffset.UtcNow;
        Assert.InRange(now, opens[^1], next(opens[^1]));
    }

    [Theory]
    [InlineData("USDT-FUTURES", "BTCUSD")]
    [InlineData("COIN-FUTURES", "BTCUSDT")]
    [InlineData("USDC-FUTURES", "ETHUSDT")]
    [InlineData("SPOT", "BTCPERP")]
    [InlineData("usdt-futures", "BTCUSD")]
    [InlineData("spot", "ETHPERP")]
    public async Task ASymbolUnderAnInstTypeThatDoesNotListItIsAcknowledgedThenSilent(string instType, string symbol)
    {
        var v3 = instType == instType.ToLowerInvariant();
        using var ws = await RawWire.OpenAsync(v3 ? _mock.V3PublicEndpoint : _mock.PublicEndpoint);
        object Arg(string type, string channel, string instId) => v3
            ? MockExchangeV3PublicTests.Arg(type, channel == "trade" ? "publicTrade" : channel, instId)
            : new { instType = type, channel, instId };
        var listed = v3 ? "usdt-futures" : "USDT-FUTURES";
        await ws.SubscribeAsync(Arg(instType, "ticker", symbol), Arg(instType, "trade", symbol), Arg(listed, "ticker", "BTCUSDT"));

        // The listed topic pushes every 20 ms; in the time of 25 of its pushes the other two would have pushed too.
        for (var pushes = 0; pushes < 25;)
        {
            var push = await ws.ReceiveAsync();
            if (!push.TryGetProperty("action", out _))
                continue;
            var arg = push.GetProperty("arg");
            Assert.Equal(listed, arg.GetProperty("instType").GetString());
            Assert.Equal("BTCUSDT", (arg.TryGetProperty("symbol", out var s) ? s : arg.GetProperty("instId")).GetString());
            pushes++;
        }
    }
}
