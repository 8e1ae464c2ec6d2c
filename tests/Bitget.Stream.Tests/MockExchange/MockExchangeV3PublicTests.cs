using System.Globalization;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text.Json;
using Bitget.MockExchange;

namespace Bitget.Stream.Tests.MockExchange;

/// <summary>
/// The mock's v3 public socket (<c>/v3/ws/public</c>) against the v3 fixtures (tests/fixtures/bitget-uta): the shapes of
/// acks, errors and every topic's pushes (compared by key set, key order not being significant), the JSON types (envelope ts
/// a number, times inside data strings, seq/pseq bare numbers), the same market as v2, and the v2 faults on v3 sockets.
/// </summary>
public sealed class MockExchangeV3PublicTests : IAsyncLifetime
{
    private MockBitgetExchange _mock = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _mock = await MockBitgetExchange.StartAsync(new MockExchangeOptions
        {
            TickerInterval = TimeSpan.FromMilliseconds(20),
            BookInterval = TimeSpan.FromMilliseconds(20),
            CandleInterval = TimeSpan.FromMilliseconds(50),
            TradeInterval = TimeSpan.FromMilliseconds(20),
            LiquidationInterval = TimeSpan.FromMilliseconds(20),
        });
        _http = new HttpClient { BaseAddress = _mock.RestBaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _mock.DisposeAsync();
    }

    /// <summary>A v3 argument with the given keys (null ones left out).</summary>
    internal static Dictionary<string, string> Arg(string instType, string topic, string? symbol = null, string? interval = null)
    {
        var arg = new Dictionary<string, string> { ["instType"] = instType, ["topic"] = topic };
        if (symbol is not null)
            arg["symbol"] = symbol;
        if (interval is not null)
            arg["interval"] = interval;
        return arg;
    }

    private Task<RawWire> OpenAsync() => RawWire.OpenAsync(_mock.V3PublicEndpoint);

    private static long Long(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? long.Parse(e.GetString()!, CultureInfo.InvariantCulture)
        : e.GetInt64();

    [Theory]
    [InlineData("spot", "v3-ticker-spot.json")]
    [InlineData("usdt-futures", "v3-ticker-futures.json")]
    public async Task TheTickerIsAcknowledgedWithAConnIdAndPushedInTheCapturedShape(string instType, string fixture)
    {
        using var ws = await OpenAsync();
        var ack = (await ws.SubscribeAsync(Arg(instType, "ticker", "BTCUSDT")))[0];
        Assert.Equal(RawWire.Keys(RawWire.Fixture("v3-subscribe-ack-captured.json")), RawWire.Keys(ack));
        Assert.False(string.IsNullOrEmpty(ack.GetProperty("connId").GetString()));
        Assert.Equal(JsonSerializer.Serialize(Arg(instType, "ticker", "BTCUSDT")), ack.GetProperty("arg").GetRawText());

        var push = await ws.ReceivePushAsync("ticker");
        Assert.Single(RawWire.AssertShape(push, RawWire.Fixture(fixture), "snapshot"));
    }

    [Fact]
    public async Task TheV3TickerShowsTheSameMarketAsV2()
    {
        foreach (var (v3Type, v3Symbol, v2Type, v2Symbol) in new[]
        {
            ("usdt-futures", "BTCUSDT", "USDT-FUTURES", "BTCUSDT"),
            ("coin-futures", "BTCUSD_CM", "COIN-FUTURES", "BTCUSD"),
            ("spot", "ETHUSDT", "SPOT", "ETHUSDT"),
        })
        {
            var v3 = MockBitgetExchange.V3TickerFields(v3Type, v3Symbol, 7);
            var v2 = MockBitgetExchange.TickerFields(v2Type, v2Symbol, 7);
            foreach (var (v3Name, v2Name) in new[]
            {
                ("lastPrice", "lastPr"), ("bid1Price", "bidPr"), ("ask1Price", "askPr"), ("bid1Size", "bidSz"), ("ask1Size", "askSz"),
                ("openPrice24h", "open24h"), ("highPrice24h", "high24h"), ("lowPrice24h", "low24h"), ("price24hPcnt", "change24h"),
                ("volume24h", "baseVolume"), ("turnover24h", "quoteVolume"),
            })
            {
                Assert.Equal(v2[v2Name], v3[v3Name]);
            }

            if (v3Type != "spot")
            {
                Assert.Equal(v2["holdingAmount"], v3["openInterest"]);
                Assert.Equal(v2["markPrice"], v3["markPrice"]);
                Assert.Equal(v2["indexPrice"], v3["indexPrice"]);
                Assert.Equal(v2["fundingRate"], v3["fundingRate"]);
                Assert.Equal("", v3["deliveryStatus"]);
            }
        }

        using var ws = await OpenAsync();
        await ws.SubscribeAsync(Arg("usdt-futures", "ticker", "BTCUSDT"));
        var first = (await ws.ReceivePushAsync("ticker")).GetProperty("data")[0];
        foreach (var (name, value) in MockBitgetExchange.V3TickerFields("usdt-futures", "BTCUSDT", 0).Where(f => f.Key != "nextFundingTime"))
            Assert.Equal(value, first.GetProperty(name).GetString());

        // One override pins the market on both APIs, by either spelling.
        (await _http.PostAsync("/control/ticker?instType=USDT-FUTURES&instId=BTCUSDT&lastPr=12345.67", null)).EnsureSuccessStatusCode();
        while ((await ws.ReceivePushAsync("ticker")).GetProperty("data")[0].GetProperty("lastPrice").GetString() != "12345.67")
        {
        }

        (await _http.PostAsync("/control/ticker?instType=USDT-FUTURES&instId=BTCUSDT&bid1Price=1.5", null)).EnsureSuccessStatusCode();
        while ((await ws.ReceivePushAsync("ticker")).GetProperty("data")[0].GetProperty("bid1Price").GetString() != "1.5")
        {
        }
    }

    public static TheoryData<Dictionary<string, string>, string> Refusals => new()
    {
        { Arg("usdt-futures", "books15", "BTCUSDT"), RawWire.Fixture("v3-error-books15-captured.json").GetProperty("msg").GetString()! },
        { Arg("usdt-futures", "books", "NOPEUSDT"), RawWire.Fixture("v3-error.json").GetProperty("msg").GetString()! },
        { Arg("coin-futures", "ticker", "BTCUSD"), "{\"instType\":\"coin-futures\",\"symbol\":\"BTCUSD\",\"topic\":\"ticker\"} doesn't exist" },
        { Arg("usdt-futures", "ticker", "BTCUSD_CM"), "{\"instType\":\"usdt-futures\",\"symbol\":\"BTCUSD_CM\",\"topic\":\"ticker\"} doesn't exist" },
        { Arg("spot", "kline", "BTCUSDT", "1W"), "{\"instType\":\"spot\",\"interval\":\"1W\",\"symbol\":\"BTCUSDT\",\"topic\":\"kline\"} doesn't exist" },
        { Arg("spot", "kline", "BTCUSDT", "1Dutc"), "{\"instType\":\"spot\",\"interval\":\"1Dutc\",\"symbol\":\"BTCUSDT\",\"topic\":\"kline\"} doesn't exist" },
        { Arg("spot", "tickers", "BTCUSDT"), "{\"instType\":\"spot\",\"symbol\":\"BTCUSDT\",\"topic\":\"tickers\"} doesn't exist" },
        { Arg("spot", "liquidation"), "{\"instType\":\"spot\",\"topic\":\"liquidation\"} doesn't exist" },
        { Arg("usdt-futures", "liquidation", "BTCUSDT"), "{\"instType\":\"usdt-futures\",\"symbol\":\"BTCUSDT\",\"topic\":\"liquidation\"} doesn't exist" },
        { Arg("USDT-FUTURES", "ticker", "BTCUSDT"), "{\"instType\":\"USDT-FUTURES\",\"symbol\":\"BTCUSDT\",\"topic\":\"ticker\"} doesn't exist" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARefusedArgumentIsError30001WithTheArgumentInsideMsg(Dictionary<string, string> arg, string msg)
    {
        using var ws = await OpenAsync();
        await ws.SendOpAsync("subscribe", arg);
        var error = await ws.ReceiveAsync();
        Assert.Equal(RawWire.Keys(RawWire.Fixture("v3-error.json")), RawWire.Keys(error)); // no arg
        Assert.Equal("error", error.GetProperty("event").GetString());
        Assert.Equal(JsonValueKind.Number, error.GetProperty("code").ValueKind);
        Assert.Equal(30001, error.GetProperty("code").GetInt32());
        Assert.Equal(msg, error.GetProperty("msg").GetString());
        Assert.Empty(_mock.ActiveSubscriptions);
    }

    [Fact]
    public async Task OnlyTheRefusedArgumentFailsAndTheConnIdIsTheConnections()
    {
        using var ws = await OpenAsync();
        await ws.SendOpAsync("subscribe", Arg("usdt-futures", "ticker", "BTCUSDT"), Arg("usdt-futures", "ticker", "NOPEUSDT"));
        var ack = await ws.ReceiveEventAsync();
        var error = await ws.ReceiveEventAsync(); // BTCUSDT's first push may come between the two
        Assert.Equal("subscribe", ack.GetProperty("event").GetString());
        Assert.Equal("error", error.GetProperty("event").GetString());
        Assert.Equal(ack.GetProperty("connId").GetString(), error.GetProperty("connId").GetString());
        Assert.Equal(["usdt-futures/ticker/BTCUSDT"], _mock.ActiveSubscriptions);

        using var other = await OpenAsync();
        var otherAck = (await other.SubscribeAsync(Arg("spot", "ticker", "BTCUSDT")))[0];
        Assert.NotEqual(ack.GetProperty("connId").GetString(), otherAck.GetProperty("connId").GetString());
    }

    [Fact]
    public async Task AFrameOfUpToTheArgLimitIsAnsweredAndOneAboveItClosesTheSocketWithoutAnError()
    {
        Assert.Equal(20, new MockExchangeOptions().V3MaxArgsPerRequest);
        static object[] Tickers(int n) => Enumerable.Range(1, n).Select(i => (object)Arg("usdt-futures", "ticker", $"SYM{i}USDT")).ToArray();
        using (var ws = await OpenAsync())
        {
            Assert.Equal(20, (await ws.SubscribeAsync(Tickers(20))).Length);
        }

        using (var ws = await OpenAsync())
        {
            await ws.SendOpAsync("subscribe", Tickers(21));
            Assert.Null(await ws.ReceiveTextOrCloseAsync());
        }

        _mock.Options.V3MaxArgsPerRequest = 10;
        using (var ws = await OpenAsync())
        {
            await ws.SendOpAsync("subscribe", Tickers(11));
            Assert.Null(await ws.ReceiveTextOrCloseAsync());
        }

        // v2 has no such limit.
        using var v2 = await RawWire.OpenAsync(_mock.PublicEndpoint);
        await v2.SendOpAsync("subscribe", Enumerable.Range(1, 25).Select(i => (object)new { instType = "USDT-FUTURES", channel = "ticker", instId = $"SYM{i}USDT" }).ToArray());
        Assert.Equal(25, (await v2.ReceiveEventsAsync("subscribe", 25)).Length);
    }

    [Fact]
    public async Task KlineRowsAreObjectsSnapshotFirstThenUpdatesAndANewerStartClosesACandle()
    {
        _mock.Options.CandlePeriod = TimeSpan.FromMilliseconds(300);
        _mock.Options.CandleHistory = 3;
        using var ws = await OpenAsync();
        var ack = (await ws.SubscribeAsync(Arg("spot", "kline", "BTCUSDT", "1m")))[0];
        Assert.Equal("1m", ack.GetProperty("arg").GetProperty("interval").GetString());

        var fixture = RawWire.Fixture("v3-kline.json");
        var snapshot = await ws.ReceivePushAsync("kline");
        var rows = RawWire.AssertShape(snapshot, fixture, "snapshot");
        Assert.Equal("1m", snapshot.GetProperty("arg").GetProperty("interval").GetString());
        Assert.Equal(4, rows.Length);

        var starts = rows.Select(r => Long(r.GetProperty("start"))).ToArray();
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.Equal(300, pair.Second - pair.First));

        // Updates carry the live candle; a newer start is the next candle (the one before is closed).
        var liveStart = starts[^1];
        while (true)
        {
            var update = await ws.ReceivePushAsync("kline");
            Assert.Equal("update", update.GetProperty("action").GetString());
            var start = Long(Assert.Single(update.GetProperty("data").EnumerateArray()).GetProperty("start"));
            Assert.True(start >= liveStart);
            if (start > liveStart)
                break;
        }

        // The closed candles are v2's, spelt as objects.
        using var v2 = await RawWire.OpenAsync(_mock.PublicEndpoint);
        await v2.SendOpAsync("subscribe", new { instType = "SPOT", channel = "candle1m", instId = "BTCUSDT" });
        var v2Rows = (await v2.ReceivePushAsync("candle1m")).GetProperty("data").EnumerateArray().SkipLast(1).ToArray();
        using var again = await OpenAsync();
        await again.SubscribeAsync(Arg("spot", "kline", "BTCUSDT", "1m"));
        var v3Rows = (await again.ReceivePushAsync("kline")).GetProperty("data").EnumerateArray().SkipLast(1)
            .ToDictionary(r => r.GetProperty("start").GetString()!);
        var compared = 0;
        foreach (var row in v2Rows.Where(r => v3Rows.ContainsKey(r[0].GetString()!)))
        {
            var v3 = v3Rows[row[0].GetString()!];
            Assert.Equal(row[1].GetString(), v3.GetProperty("open").GetString());
            Assert.Equal(row[2].GetString(), v3.GetProperty("high").GetString());
            Assert.Equal(row[3].GetString(), v3.GetProperty("low").GetString());
            Assert.Equal(row[4].GetString(), v3.GetProperty("close").GetString());
            Assert.Equal(row[5].GetString(), v3.GetProperty("volume").GetString());
            Assert.Equal(row[6].GetString(), v3.GetProperty("turnover").GetString());
            compared++;
        }

        Assert.True(compared > 0, "no closed candle in both snapshots");
    }

    [Fact]
    public async Task TheFullBookChainsSeqAndPseqHasNoChecksumAndStaysSorted()
    {
        using var ws = await OpenAsync();
        await ws.SubscribeAsync(Arg("usdt-futures", "books", "BTCUSDT"));
        var fixture = RawWire.Fixture("v3-books-update.json");
        var snapshot = await ws.ReceivePushAsync("books");
        Assert.Equal(RawWire.Keys(fixture), RawWire.Keys(snapshot));
        Assert.Equal("snapshot", snapshot.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Number, snapshot.GetProperty("ts").ValueKind);
        var data = snapshot.GetProperty("data")[0];
        Assert.Equal(["a", "b", "pseq", "seq", "ts"], RawWire.Keys(data));
        Assert.Equal(JsonValueKind.Number, data.GetProperty("seq").ValueKind);
        Assert.Equal(JsonValueKind.String, data.GetProperty("ts").ValueKind);
        Assert.Equal(0, data.GetProperty("pseq").GetInt64());
        var asks = Levels(data.GetProperty("a"));
        var bids = Levels(data.GetProperty("b"));
        var seq = data.GetProperty("seq").GetInt64();
        for (var i = 0; i < 30; i++)
        {
            var update = await ws.ReceivePushAsync("books");
            Assert.Equal("update", update.GetProperty("action").GetString());
            var u = update.GetProperty("data")[0];
            Assert.Equal(RawWire.Keys(fixture.GetProperty("data")[0]), RawWire.Keys(u));
            Assert.Equal("1000", u.GetProperty("maxdepth").GetString());
            Assert.Equal(seq, u.GetProperty("pseq").GetInt64());
            Assert.True(u.GetProperty("seq").GetInt64() > seq);
            seq = u.GetProperty("seq").GetInt64();
            Merge(asks, u.GetProperty("a"));
            Merge(bids, u.GetProperty("b"));
        }

        Assert.True(asks.Count > 0 && bids.Count > 0);
        Assert.True(bids.Keys.Max() < asks.Keys.Min(), "the book crossed");
    }

    private static SortedDictionary<decimal, string> Levels(JsonElement side)
    {
        var levels = new SortedDictionary<decimal, string>();
        Merge(levels, side);
        return levels;
    }

    private static void Merge(SortedDictionary<decimal, string> levels, JsonElement side)
    {
        foreach (var level in side.EnumerateArray())
        {
            var price = decimal.Parse(level[0].GetString()!, CultureInfo.InvariantCulture);
            if (level[1].GetString() == "0")
                levels.Remove(price);
            else
                levels[price] = level[1].GetString()!;
        }
    }

    [Fact]
    public async Task CoinMarginedSymbolsEndInCmAndTheirBookSequencesPass2Pow53AsBareNumbers()
    {
        using var ws = await OpenAsync();
        await ws.SubscribeAsync(Arg("coin-futures", "books", "BTCUSD_CM"));
        var data = (await ws.ReceivePushAsync("books")).GetProperty("data")[0];
        var raw = data.GetProperty("seq").GetRawText();
        Assert.Matches("^[0-9]+$", raw);
        var seq = long.Parse(raw, CultureInfo.InvariantCulture);
        Assert.True(seq > (1L << 53), $"seq {seq} is not past 2^53");
        var update = (await ws.ReceivePushAsync("books")).GetProperty("data")[0];
        Assert.Equal(seq, long.Parse(update.GetProperty("pseq").GetRawText(), CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("books1", 1)]
    [InlineData("books5", 5)]
    [InlineData("books50", 50)]
    public async Task FixedDepthBooksAreSnapshotsWithPseqZero(string topic, int depth)
    {
        using var ws = await OpenAsync();
        await ws.SubscribeAsync(Arg("usdt-futures", topic, "BTCUSDT"));
        var fixture = RawWire.Fixture("v3-books5.json");
        long previous = 0;
        for (var i = 0; i < 3; i++)
        {
            var push = await ws.ReceivePushAsync(topic);
            Assert.Equal(RawWire.Keys(fixture), RawWire.Keys(push));
            Assert.Equal("snapshot", push.GetProperty("action").GetString());
            var data = push.GetProperty("data")[0];
            Assert.Equal(RawWire.Keys(fixture.GetProperty("data")[0]), RawWire.Keys(data));
            Assert.Equal(0, data.GetProperty("pseq").GetInt64());
            Assert.Equal(depth, data.GetProperty("a").GetArrayLength());
            Assert.Equal(depth, data.GetProperty("b").GetArrayLength());
            Assert.True(data.GetProperty("seq").GetInt64() > previous);
            previous = data.GetProperty("seq").GetInt64();
        }
    }

    [Theory]
    [InlineData("books50")]
    [InlineData("rpi-books50")]
    public async Task ADeepSnapshotBookKeepsItsFullDepthPushAfterPush(string topic)
    {
        // The book behind a snapshot topic changes with every push (levels deleted and inserted): it must never thin out
        // below the topic's depth, as a liquid market's 50 levels never do.
        using var ws = await OpenAsync();
        await ws.SubscribeAsync(Arg("usdt-futures", topic, "SOLUSDT"));
        for (var i = 0; i < 100; i++)
        {
            var data = (await ws.ReceivePushAsync(topic)).GetProperty("data")[0];
            Assert.True(data.GetProperty("a").GetArrayLength() == 50 && data.GetProperty("b").GetArrayLength() == 50,
                $"push {i}: {data.GetProperty("b").GetArrayLength()} bids, {data.GetProperty("a").GetArrayLength()} asks");
        }
    }

    [Fact]
    public async Task RpiBooksCarryThreeElementLevels()
    {
        using var ws = await OpenAsync();
        await ws.SubscribeAsync(Arg("usdt-futures", "rpi-books5", "BTCUSDT"));
        var data = (await ws.ReceivePushAsync("rpi-books5")).GetProperty("data")[0];
        Assert.Equal(5, data.GetProperty("a").GetArrayLength());
        Assert.All(data.GetProperty("a").EnumerateArray().Concat(data.GetProperty("b").EnumerateArray()), level =>
        {
            Assert.Equal(3, level.GetArrayLength());
            Assert.All(level.EnumerateArray(), v => Assert.Equal(JsonValueKind.String, v.ValueKind));
        });
    }

    public static TheoryData<string> Apis => new() { "v2", "v3" };

    private async Task<(RawWire Ws, string Topic)> SubscribeBooksAsync(string api)
    {
        if (api == "v3")
        {
            var v3 = await OpenAsync();
            await v3.SubscribeAsync(Arg("usdt-futures", "books", "BTCUSDT"));
            return (v3, "books");
        }

        var v2 = await RawWire.OpenAsync(_mock.PublicEndpoint);
        await v2.SendOpAsync("subscribe", new { instType = "USDT-FUTURES", channel = "books", instId = "BTCUSDT" });
        await v2.ReceiveEventsAsync("subscribe", 1);
        return (v2, "books");
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task TheMockTellsTheBookItsPushesBuilt(string api)
    {
        // What a client must hold, from the mock itself (C# and GET /control/book), checked here against the pushes merged
        // by hand: every level of it, deeper than the 25 a v2 checksum covers.
        var (ws, topic) = await SubscribeBooksAsync(api);
        var (a, b) = api == "v3" ? ("a", "b") : ("asks", "bids");
        using (ws)
        {
            var data = (await ws.ReceivePushAsync(topic)).GetProperty("data")[0];
            var asks = Levels(data.GetProperty(a));
            var bids = Levels(data.GetProperty(b));
            var seq = data.GetProperty("seq").GetInt64();
            for (var i = 0; i < 100; i++)
            {
                var u = (await ws.ReceivePushAsync(topic)).GetProperty("data")[0];
                Merge(asks, u.GetProperty(a));
                Merge(bids, u.GetProperty(b));
                seq = u.GetProperty("seq").GetInt64();
            }

            _mock.Options.SendData = false;
            var key = api == "v3" ? "usdt-futures/books/BTCUSDT" : "USDT-FUTURES/books/BTCUSDT";
            var book = Assert.Single(await _mock.OrderBooksAsync(key));
            while (seq != book.Sequence)
            {
                var u = (await ws.ReceivePushAsync(topic)).GetProperty("data")[0];
                Merge(asks, u.GetProperty(a));
                Merge(bids, u.GetProperty(b));
                seq = u.GetProperty("seq").GetInt64();
            }

            Assert.Equal(asks.Select(l => (l.Key, decimal.Parse(l.Value, CultureInfo.InvariantCulture))), book.Asks.Select(l => (l.Price, l.Size)));
            Assert.Equal(bids.Reverse().Select(l => (l.Key, decimal.Parse(l.Value, CultureInfo.InvariantCulture))), book.Bids.Select(l => (l.Price, l.Size)));
            Assert.True(book.Asks.Count > 25 && book.Bids.Count > 25, $"{book.Bids.Count} bids, {book.Asks.Count} asks");
            Assert.Empty(await _mock.OrderBooksAsync(key.Replace("BTCUSDT", "ETHUSDT", StringComparison.Ordinal)));

            using var control = JsonDocument.Parse(await _http.GetStringAsync($"/control/book?key={Uri.EscapeDataString(key)}"));
            var answer = Assert.Single(control.RootElement.GetProperty("books").EnumerateArray().ToList());
            Assert.Equal(key, answer.GetProperty("key").GetString());
            Assert.Equal(book.Sequence, answer.GetProperty("seq").GetInt64());
            Assert.Equal(book.Bids.Select(l => (l.Price, l.Size)), answer.GetProperty("bids").EnumerateArray()
                .Select(l => (decimal.Parse(l[0].GetString()!, CultureInfo.InvariantCulture), decimal.Parse(l[1].GetString()!, CultureInfo.InvariantCulture))));
        }
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task AnUpdateBeforeTheSnapshotIsInjectedOnRequest(string api)
    {
        _mock.Options.BookUpdatesBeforeSnapshot = 1;
        var (ws, topic) = await SubscribeBooksAsync(api);
        using (ws)
        {
            Assert.Equal("update", (await ws.ReceivePushAsync(topic)).GetProperty("action").GetString());
            Assert.Equal("snapshot", (await ws.ReceivePushAsync(topic)).GetProperty("action").GetString());
            Assert.Equal("update", (await ws.ReceivePushAsync(topic)).GetProperty("action").GetString());
        }

        Assert.Equal(0, _mock.Options.BookUpdatesBeforeSnapshot);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task AGapAndAnUpdateWithPseqZeroAreInjectedOnRequest(string api)
    {
        var (ws, topic) = await SubscribeBooksAsync(api);
        using (ws)
        {
            // Pushes already on their way when a switch flips are not faulty: read until the fault shows.
            var seq = (await ws.ReceivePushAsync(topic)).GetProperty("data")[0].GetProperty("seq").GetInt64();
            _mock.Options.BookSequenceGaps = 1;
            JsonElement u;
            while ((u = (await ws.ReceivePushAsync(topic)).GetProperty("data")[0]).GetProperty("pseq").GetInt64() == seq)
                seq = u.GetProperty("seq").GetInt64();
            Assert.True(u.GetProperty("pseq").GetInt64() > seq, "the gap's pseq is not a later seq");
            seq = u.GetProperty("seq").GetInt64();

            _mock.Options.BookZeroPseqUpdates = 1;
            while ((u = (await ws.ReceivePushAsync(topic)).GetProperty("data")[0]).GetProperty("pseq").GetInt64() != 0)
            {
                Assert.Equal(seq, u.GetProperty("pseq").GetInt64()); // one gap only
                seq = u.GetProperty("seq").GetInt64();
            }

            Assert.Equal("0", u.GetProperty("pseq").GetRawText());
            Assert.True(u.GetProperty("seq").GetInt64() > seq);
            var next = (await ws.ReceivePushAsync(topic)).GetProperty("data")[0];
            Assert.Equal(u.GetProperty("seq").GetInt64(), next.GetProperty("pseq").GetInt64());
        }
    }

    [Fact]
    public async Task PublicTradesComeNewestFirstWithIdsThatAgreeAcrossConnectionsAndApis()
    {
        // Snapshots of 10 trades 100 ms apart: the three connections' snapshots overlap.
        _mock.Options.TradeInterval = TimeSpan.FromMilliseconds(100);
        _mock.Options.TradeSnapshotSize = 10;
        using var ws = await OpenAsync();
        await ws.SubscribeAsync(Arg("usdt-futures", "publicTrade", "BTCUSDT"));
        var fixture = RawWire.Fixture("v3-publicTrade.json");
        var rows = RawWire.AssertShape(await ws.ReceivePushAsync("publicTrade"), fixture, "snapshot");
        Assert.Equal(10, rows.Length);

        var ids = rows.Select(r => Long(r.GetProperty("i"))).ToArray();
        Assert.Equal(ids.OrderDescending(), ids); // newest first
        var update = await ws.ReceivePushAsync("publicTrade");
        Assert.Equal("update", update.GetProperty("action").GetString());
        Assert.All(update.GetProperty("data").EnumerateArray(), r => Assert.True(Long(r.GetProperty("i")) > ids[0]));

        // Another connection, and v2, see the same trades under the same ids.
        using var again = await OpenAsync();
        await again.SubscribeAsync(Arg("usdt-futures", "publicTrade", "BTCUSDT"));
        var byId = rows.ToDictionary(r => r.GetProperty("i").GetString()!, r => r.GetRawText());
        var overlap = (await again.ReceivePushAsync("publicTrade")).GetProperty("data").EnumerateArray()
            .Where(r => byId.ContainsKey(r.GetProperty("i").GetString()!)).ToArray();
        Assert.NotEmpty(overlap);
        Assert.All(overlap, r => Assert.Equal(byId[r.GetProperty("i").GetString()!], r.GetRawText()));

        using var v2 = await RawWire.OpenAsync(_mock.PublicEndpoint);
        await v2.SendOpAsync("subscribe", new { instType = "USDT-FUTURES", channel = "trade", instId = "BTCUSDT" });
        var v2Rows = (await v2.ReceivePushAsync("trade")).GetProperty("data").EnumerateArray()
            .Where(r => byId.ContainsKey(r.GetProperty("tradeId").GetString()!)).ToArray();
        Assert.NotEmpty(v2Rows);
        foreach (var r in v2Rows)
        {
            var v3 = JsonDocument.Parse(byId[r.GetProperty("tradeId").GetString()!]).RootElement;
            Assert.Equal(r.GetProperty("price").GetString(), v3.GetProperty("p").GetString());
            Assert.Equal(r.GetProperty("size").GetString(), v3.GetProperty("v").GetString());
            Assert.Equal(r.GetProperty("side").GetString(), v3.GetProperty("S").GetString());
            Assert.Equal(r.GetProperty("ts").GetString(), v3.GetProperty("T").GetString());
        }
    }

    [Fact]
    public async Task CoinMarginedTradeSizesAreInTheQuoteCoin()
    {
        using var ws = await OpenAsync();
        await ws.SubscribeAsync(Arg("coin-futures", "publicTrade", "BTCUSD_CM"));
        var v3 = (await ws.ReceivePushAsync("publicTrade")).GetProperty("data").EnumerateArray().ToDictionary(r => r.GetProperty("i").GetString()!);
        using var v2 = await RawWire.OpenAsync(_mock.PublicEndpoint);
        await v2.SendOpAsync("subscribe", new { instType = "COIN-FUTURES", channel = "trade", instId = "BTCUSD" });
        var both = (await v2.ReceivePushAsync("trade")).GetProperty("data").EnumerateArray()
            .Where(r => v3.ContainsKey(r.GetProperty("tradeId").GetString()!)).ToArray();
        Assert.NotEmpty(both);
        foreach (var r in both)
        {
            var price = decimal.Parse(r.GetProperty("price").GetString()!, CultureInfo.InvariantCulture);
            var size = decimal.Parse(r.GetProperty("size").GetString()!, CultureInfo.InvariantCulture);
            var v = decimal.Parse(v3[r.GetProperty("tradeId").GetString()!].GetProperty("v").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(price * size, v);
        }
    }

    [Fact]
    public async Task LiquidationsHaveNoSymbolInTheArgAndComeForSeveralSymbols()
    {
        using var ws = await OpenAsync();
        var ack = (await ws.SubscribeAsync(Arg("usdt-futures", "liquidation")))[0];
        Assert.Equal(["instType", "topic"], RawWire.Keys(ack.GetProperty("arg")));
        Assert.Equal(["usdt-futures/liquidation"], _mock.ActiveSubscriptions);

        var fixture = RawWire.Fixture("v3-liquidation.json");
        var symbols = new HashSet<string>();
        while (symbols.Count < 2)
        {
            foreach (var row in RawWire.AssertShape(await ws.ReceivePushAsync("liquidation"), fixture, "update"))
            {
                Assert.Contains(row.GetProperty("side").GetString(), new[] { "buy", "sell" });
                symbols.Add(row.GetProperty("symbol").GetString()!);
            }
        }

        Assert.Subset(MockBitgetExchange.V3LiquidationSymbols("usdt-futures").ToHashSet(), symbols);
    }

    [Fact]
    public async Task UnsubscribeIsAcknowledgedWithTheConnIdAndStopsThePushes()
    {
        using var ws = await OpenAsync();
        var ack = (await ws.SubscribeAsync(Arg("usdt-futures", "ticker", "BTCUSDT")))[0];
        await ws.ReceivePushAsync("ticker");
        await ws.SendOpAsync("unsubscribe", Arg("usdt-futures", "ticker", "BTCUSDT"));
        JsonElement frame;
        do
        {
            frame = await ws.ReceiveAsync();
        }
        while (frame.TryGetProperty("action", out _));

        Assert.Equal("unsubscribe", frame.GetProperty("event").GetString());
        Assert.Equal(ack.GetProperty("connId").GetString(), frame.GetProperty("connId").GetString());
        Assert.Empty(_mock.ActiveSubscriptions);
        await ws.SendAsync("ping");
        Assert.Equal("pong", await ws.ReceiveTextAsync()); // nothing pushed after the ack
    }

    [Fact]
    public async Task PingPongAndNoPongWorkOnV3()
    {
        using var ws = await OpenAsync();
        await ws.SendAsync("ping");
        Assert.Equal("pong", await ws.ReceiveTextAsync());
        _mock.Options.AnswerPings = false;
        await ws.SendAsync("ping");
        await ws.SendOpAsync("subscribe", Arg("spot", "ticker", "BTCUSDT"));
        Assert.Equal("subscribe", (await ws.ReceiveAsync()).GetProperty("event").GetString());
        Assert.Equal(2, _mock.PingsReceived);
    }

    [Fact]
    public async Task DropAfterPushesRepeatsAndSilentTopicsWorkOnV3()
    {
        _mock.Options.RepeatPushes = 1;
        _mock.Options.SilentTopics.Add("usdt-futures/ticker/ETHUSDT");
        _mock.Options.DropAfterPushes = 6;
        using var ws = await OpenAsync();
        await ws.SubscribeAsync(Arg("usdt-futures", "ticker", "BTCUSDT"), Arg("usdt-futures", "ticker", "ETHUSDT"));
        var pushes = new List<JsonElement>();
        while (await ws.ReceiveTextOrCloseAsync() is { } text)
            pushes.Add(JsonDocument.Parse(text).RootElement.Clone());

        Assert.Equal(6, pushes.Count);
        Assert.All(pushes, p => Assert.Equal("BTCUSDT", p.GetProperty("arg").GetProperty("symbol").GetString()));
        for (var i = 0; i < 6; i += 2)
        {
            // A repeat: the same data, a later envelope ts.
            Assert.Equal(pushes[i].GetProperty("data").GetRawText(), pushes[i + 1].GetProperty("data").GetRawText());
            Assert.True(pushes[i + 1].GetProperty("ts").GetInt64() > pushes[i].GetProperty("ts").GetInt64());
        }
    }

    [Fact]
    public async Task RawFramesErrorsAndBadRequestsReachV3SocketsInV3Shape()
    {
        using var ws = await OpenAsync();
        await ws.SendAsync("{not json");
        var illegal = await ws.ReceiveAsync();
        Assert.Equal(["code", "connId", "event", "msg"], RawWire.Keys(illegal));
        Assert.Equal(30002, illegal.GetProperty("code").GetInt32());
        var connId = illegal.GetProperty("connId").GetString();
        Assert.False(string.IsNullOrEmpty(connId));

        await _mock.BroadcastRawAsync("{\"event\":\"error\",\"code\":30001,\"msg\":\"\u001b[2J hostile\"}");
        Assert.Equal("{\"event\":\"error\",\"code\":30001,\"msg\":\"\u001b[2J hostile\"}", await ws.ReceiveTextAsync());

        await _mock.BroadcastErrorAsync(30016, "Param error", "SPOT", "ticker", "BTCUSDT");
        var error = await ws.ReceiveAsync();
        Assert.Equal(["code", "connId", "event", "msg"], RawWire.Keys(error));
        Assert.Equal(connId, error.GetProperty("connId").GetString());
        Assert.Equal(30016, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task TooManyMessagesCloseAV3SocketWith30007()
    {
        _mock.Options.MaxMessagesPerSecond = 2;
        using var ws = await OpenAsync();
        for (var i = 0; i < 3; i++)
            await ws.SendAsync("ping");
        Assert.Equal("pong", await ws.ReceiveTextAsync());
        Assert.Equal("pong", await ws.ReceiveTextAsync());
        var error = await ws.ReceiveAsync();
        Assert.Equal(30007, error.GetProperty("code").GetInt32());
        Assert.True(error.TryGetProperty("connId", out _));
        Assert.Null(await ws.ReceiveTextOrCloseAsync());
    }

    [Theory]
    [InlineData("/v2/ws/public", false)]
    [InlineData("/v2/ws/private", false)]
    [InlineData("/v3/ws/public", true)]
    [InlineData("/v3/ws/private", true)]
    public async Task AServiceUpgradeSends30033ThenCloses(string path, bool v3)
    {
        using var ws = await RawWire.OpenAsync(new Uri(_mock.V3PublicEndpoint, path));
        await ws.SendAsync("ping");
        Assert.Equal("pong", await ws.ReceiveTextAsync());
        (await _http.PostAsync("/control/upgrade", null)).EnsureSuccessStatusCode();
        var notice = await ws.ReceiveAsync();
        Assert.Equal("error", notice.GetProperty("event").GetString());
        Assert.Equal(30033, notice.GetProperty("code").GetInt32());
        Assert.Equal("Service upgrade in progress. Connection reset imminent. Please reconnect.", notice.GetProperty("msg").GetString());
        Assert.Equal(v3, notice.TryGetProperty("connId", out _));
        Assert.False(notice.TryGetProperty("arg", out _));
        Assert.Null(await ws.ReceiveTextOrCloseAsync());
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, ws.CloseStatus);
    }
}
