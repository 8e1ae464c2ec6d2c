using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bitget.MockExchange;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

public sealed class SessionTests : SessionHarness
{
    private static void AssertMatchesMock(BitgetTicker t)
    {
        // The mock's values are a function of (instType, symbol, n): find the n (baseVolume grows with every push; prices swing
        // and come back) and compare every field exactly.
        for (long n = 0; n < 100_000; n++)
        {
            var fields = MockBitgetExchange.TickerFields(t.InstType, t.Symbol, n);
            if (decimal.Parse(fields["baseVolume"], CultureInfo.InvariantCulture) != t.BaseVolume)
                continue;
            Assert.Equal(fields["lastPr"], t.LastPrice!.Value.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(fields["bidPr"], t.BidPrice!.Value.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(fields["askPr"], t.AskPrice!.Value.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(fields["baseVolume"], t.BaseVolume!.Value.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(t.AskPrice - t.BidPrice, t.Spread);
            if (t.InstType == BitgetInstTypes.Spot)
                Assert.Null(t.FundingRate);
            else
                Assert.Equal(fields["fundingRate"], t.FundingRate!.Value.ToString(CultureInfo.InvariantCulture));
            return;
        }
        Assert.Fail($"ticker {t} matches no value the mock sends");
    }

    [Fact]
    public async Task SubscribesAndReceivesExactFuturesAndSpotTickers()
    {
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT"), BitgetTopic.Ticker("SPOT", "ETHUSDT")]);
        var seen = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var t = TakeTicker(feed);
            AssertMatchesMock(t);
            Assert.Equal(TimeSpan.Zero, t.Timestamp.Offset);
            Assert.True(t.ReceivedAt > DateTimeOffset.UtcNow.AddMinutes(-1));
            seen.Add($"{t.InstType}/{t.Symbol}");
        }
        Assert.Equal(["SPOT/ETHUSDT", "USDT-FUTURES/BTCUSDT"], seen.Order());
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 2, Patience));
        Assert.All(session.Subscriptions, s => Assert.Equal(BitgetSubscriptionState.Subscribed, s.State));
        Assert.Equal(BitgetSessionState.Connected, session.State);
        Assert.Equal(0, session.BadFrames);
    }

    // A row of the fault matrix (docs/reliability.md): on both APIs.
    [Theory]
    [BothApis]
    public async Task AForcedDropIsSurvivedAndEverySubscriptionReplayed(BitgetApi api)
    {
        Api = api;
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT"), BitgetTopic.Ticker("USDT-FUTURES", "ETHUSDT")]);
        TakeTicker(feed);

        var dropAt = DateTimeOffset.UtcNow;
        _mock.DropAllConnections();
        var after = new HashSet<string>();
        while (after.Count < 2)
        {
            var t = TakeTicker(feed);
            if (t.ReceivedAt > dropAt.AddMilliseconds(50) && session.ReconnectCount >= 1)
                after.Add(t.Symbol);
        }
        Assert.Equal(1, session.ReconnectCount);
        Assert.Equal(2, _mock.TotalConnections);
        Assert.Equal(2, _mock.ActiveSubscriptions.Count);
    }

    // A row of the fault matrix (docs/reliability.md): on both APIs.
    [Theory]
    [BothApis]
    public async Task ASilentServerIsReplacedWithinPingIntervalPlusPongTimeout(BitgetApi api)
    {
        Api = api;
        var session = NewSession(o =>
        {
            o.PingInterval = TimeSpan.FromMilliseconds(1000);
            o.PongTimeout = TimeSpan.FromMilliseconds(1500);
        });
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT")]);
        TakeTicker(feed);

        var clock = Stopwatch.StartNew();
        _mock.Options.AnswerPings = false;
        _mock.Options.SendData = false;
        Assert.True(await _mock.WaitUntilAsync(m => session.ReconnectCount >= 1 || m.TotalConnections >= 2, Patience));
        var detected = clock.Elapsed;
        _mock.Options.AnswerPings = true;
        _mock.Options.SendData = true;
        TakeTicker(feed);
        // PingInterval + PongTimeout = 2.5 s, plus the watchdog's tick: a bound loose enough for a loaded machine, tight
        // enough to tell the watchdog from the harness's patience of 10 s.
        Assert.True(detected < TimeSpan.FromSeconds(6), $"took {detected}");
        Assert.True(_mock.PingsReceived >= 1);
    }

    [Fact]
    public async Task ServerErrorsFailOnlyTheirTopicAndCarryCodeAndHint()
    {
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([BitgetTopic.Ticker("USDT-FUTURES", "NOPEUSDT"), BitgetTopic.Ticker("mc", "BTCUSDT"), BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT")]);

        var notFound = TakeNotice(feed, n => n.Exception is BitgetServerException { Code: 30001 });
        Assert.Equal("USDT-FUTURES/ticker/NOPEUSDT", notFound.Target);
        var param = TakeNotice(feed, n => n.Exception is BitgetServerException { Code: 30016 });
        Assert.Contains("USDT-FUTURES", ((BitgetServerException)param.Exception!).Hint);
        Assert.Equal("mc/ticker/BTCUSDT", param.Target);

        Assert.Equal("BTCUSDT", TakeTicker(feed).Symbol);
        var states = session.Subscriptions.ToDictionary(s => $"{s.InstType}/{s.Symbol}", s => s.State);
        Assert.Equal(BitgetSubscriptionState.Failed, states["USDT-FUTURES/NOPEUSDT"]);
        Assert.Equal(BitgetSubscriptionState.Failed, states["mc/BTCUSDT"]);
        Assert.Equal(BitgetSubscriptionState.Subscribed, states["USDT-FUTURES/BTCUSDT"]);
    }

    [Fact]
    public async Task BadFramesAreCountedReportedAndDoNotStopGoodOnes()
    {
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT")]);
        TakeTicker(feed);
        await _mock.BroadcastRawAsync("{\"action\":\"snapshot\",\"arg\":{\"instType\":\"USDT-FUTURES\",\"channel\":\"ticker\",\"instId\":\"BTCUSDT\"},\"data\":{\"lastPr\":\"1\",\"ts\":\"1\"}}");
        await _mock.BroadcastRawAsync("{not json");
        var warning = TakeNotice(feed, n => n.Kind == BitgetNoticeKind.Warning && n.Message.Contains("bad frame"));
        Assert.Contains("ticker data is not an array", warning.Message);
        Assert.True(await _mock.WaitUntilAsync(_ => session.BadFrames == 2, Patience));
        TakeTicker(feed);
        Assert.Equal(BitgetSessionState.Connected, session.State);
        Assert.Equal(0, session.ReconnectCount);
    }

    // A row of the fault matrix (docs/reliability.md): on both APIs.
    [Theory]
    [BothApis]
    public async Task ManyTopicsArePacedUnderTheServersMessageLimit(BitgetApi api)
    {
        Api = api;
        _mock.Options.MaxMessagesPerSecond = 10;
        // One connection carrying them all, so that its pacing alone is measured (Bitget allows 1000 a connection).
        var session = NewSession(o => o.MaxTopicsPerConnection = 1000);
        await session.ConnectAsync();
        var topics = Enumerable.Range(1, 600).Select(i => BitgetTopic.Ticker("USDT-FUTURES", $"SYM{i}USDT")).ToList();
        session.Subscribe(topics);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 600, TimeSpan.FromSeconds(20)));
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.All(s => s.State == BitgetSubscriptionState.Subscribed), Patience));
        Assert.Equal(0, session.ReconnectCount);
        Assert.Equal(1, _mock.TotalConnections);
        var requests = _mock.ReceivedTextFrames.Where(f => f.Contains("\"subscribe\"")).ToList();
        // 30 arguments a request on v2, 10 on v3 (its server closed the socket at 25).
        Assert.Equal(api == BitgetApi.Unified ? 60 : 20, requests.Count);
    }

    // A row of the fault matrix (docs/reliability.md): on both APIs.
    [Theory]
    [BothApis]
    public async Task ASlowConsumerHasABoundedQueueAndEveryDropIsCounted(BitgetApi api)
    {
        Api = api;
        _mock.Options.TickerInterval = TimeSpan.FromMilliseconds(1);
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT"), BitgetTopic.Ticker("USDT-FUTURES", "ETHUSDT")], capacity: 16);
        Assert.True(await _mock.WaitUntilAsync(_ => feed.Dropped > 100, Patience));
        Assert.True(feed.Count <= 16);
        // The counters move while data flows: stop it and let the last frames land before comparing them.
        _mock.Options.SendData = false;
        long posted;
        do
        {
            posted = feed.Posted;
            await Task.Delay(200);
        }
        while (feed.Posted != posted);
        Assert.Equal(feed.Dropped, session.DroppedMessages);
        Assert.Equal(feed.Posted, feed.Dropped + feed.Count);
        Assert.Equal(16, feed.Count);
        _mock.Options.SendData = true;
        TakeTicker(feed);
    }

    [Fact]
    public async Task DisposeClosesTheSocketAndEndsFeeds()
    {
        var session = NewSession();
        await session.ConnectAsync();
        var feed = session.Open<BitgetTicker>([BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT")]);
        TakeTicker(feed);
        await session.DisposeAsync();
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience));
        Assert.Equal(BitgetSessionState.Closed, session.State);
        while (feed.Take(TimeSpan.FromSeconds(1), CancellationToken.None, out _, out _) is BitgetFeedResult.Item or BitgetFeedResult.Notice)
        {
        }
        Assert.True(feed.IsCompleted);
    }

    [Fact]
    public async Task AnUnreachableEndpointFailsTheFirstConnectClearly()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var session = NewSession(o => o.Endpoint = new Uri($"ws://127.0.0.1:{port}/v2/ws/public"));
        var ex = await Assert.ThrowsAsync<BitgetConnectException>(() => session.ConnectAsync());
        Assert.Contains($"127.0.0.1:{port}", ex.Message);
        Assert.Equal(BitgetSessionState.Failed, session.State);
    }

    // A row of the fault matrix (docs/reliability.md): on both APIs.
    [Theory]
    [BothApis]
    public async Task GivesUpAfterMaxReconnectAttemptsAndSaysSo(BitgetApi api)
    {
        Api = api;
        var session = NewSession(o => o.MaxReconnectAttempts = 3);
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT")]);
        TakeTicker(feed);
        _mock.Options.RejectConnections = true;
        _mock.DropAllConnections();
        var end = TakeNotice(feed, n => n.Kind == BitgetNoticeKind.SessionEnded);
        Assert.NotNull(end.Exception);
        Assert.Contains("gave up after 3", end.Message);
        Assert.Equal(BitgetSessionState.Failed, session.State);
        Assert.True(session.Completion.IsCompleted);
    }

    // A row of the fault matrix (docs/reliability.md): on both APIs.
    [Theory]
    [BothApis]
    public async Task ServiceUpgradeNoticeReconnectsAtOnce(BitgetApi api)
    {
        Api = api;
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT")]);
        TakeTicker(feed);
        await _mock.BroadcastErrorAsync(30033, "service upgrade");
        var notice = TakeNotice(feed, n => n.Exception is BitgetServerException { Code: 30033 });
        Assert.Contains("reconnects", ((BitgetServerException)notice.Exception!).Hint);
        Assert.True(await _mock.WaitUntilAsync(_ => session.ReconnectCount == 1 && session.State == BitgetSessionState.Connected, Patience));
        TakeTicker(feed);
    }
}
