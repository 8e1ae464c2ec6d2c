using System.Diagnostics;
using System.Net.WebSockets;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// One test per row of the fault matrix in docs/reliability.md that SessionTests does not already cover: what the
/// session does when the exchange or the network misbehaves, with short timings so that each runs in seconds. Each
/// runs on both APIs (issue 17): against the mock's v2 socket with a Classic session and against its v3 socket with a
/// Unified one, which take the same faults.
/// </summary>
public sealed class FaultMatrixTests : SessionHarness
{
    private async Task<(BitgetStreamSession Session, BitgetFeed<BitgetTicker> Feed)> StreamingAsync(
        Action<BitgetSessionOptions>? configure = null, params BitgetTopic[] topics)
    {
        var session = NewSession(configure);
        await session.ConnectAsync();
        var feed = session.Open<BitgetTicker>(topics.Length == 0 ? [Btc] : topics);
        TakeTicker(feed);
        // Streaming from the API's own socket: the mock holds the topic in that API's spelling.
        Assert.Contains(MockKey(topics.Length == 0 ? Btc : topics[0]), _mock.ActiveSubscriptions);
        return (session, feed);
    }

    // A ticker push as the API sends it: v3 names its fields apart and keeps the symbol and time outside data.
    private string TickerFrame(string instId, long ts, string lastPr) => Api == BitgetApi.Unified
        ? $$"""{"action":"snapshot","arg":{"instType":"usdt-futures","topic":"ticker","symbol":"{{instId}}"},"data":[{"lastPrice":"{{lastPr}}","bid1Price":"1","ask1Price":"2","bid1Size":"1","ask1Size":"1"}],"ts":{{ts}}}"""
        : $$"""{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"ticker","instId":"{{instId}}"},"data":[{"instId":"{{instId}}","lastPr":"{{lastPr}}","bidPr":"1","askPr":"2","bidSz":"1","askSz":"1","ts":"{{ts}}"}],"ts":{{ts}}}""";

    // The start of a push's arg on the API, for a push of that channel and symbol.
    private string Arg(string channel, string instId) => Api == BitgetApi.Unified
        ? $$"""{"instType":"usdt-futures","topic":"{{channel}}","symbol":"{{instId}}"}"""
        : $$"""{"instType":"USDT-FUTURES","channel":"{{channel}}","instId":"{{instId}}"}""";

    [Theory]
    [BothApis]
    public async Task ACloseFrameWithCode1000IsSurvived(BitgetApi api)
    {
        Api = api;
        var (session, feed) = await StreamingAsync();
        await _mock.CloseAllConnectionsAsync(WebSocketCloseStatus.NormalClosure, "bye");
        var notice = TakeNotice(feed, n => n.Message.Contains("reconnecting", StringComparison.Ordinal));
        Assert.Contains("1000", notice.Message);
        Assert.True(await _mock.WaitUntilAsync(_ => session.ReconnectCount == 1 && session.State == BitgetSessionState.Connected, Patience));
        TakeTicker(feed);
    }

    [Theory]
    [BothApis]
    public async Task AMissingPongIsNoFaultWhileDataFlows(BitgetApi api)
    {
        Api = api;
        // Any frame proves the connection alive: replacing a busy connection for a lost pong would lose data for nothing.
        var (session, feed) = await StreamingAsync(o => { o.PingInterval = TimeSpan.FromMilliseconds(200); o.PongTimeout = TimeSpan.FromMilliseconds(300); });
        _mock.Options.AnswerPings = false;
        var pings = _mock.PingsReceived;
        await Task.Delay(2000);
        Assert.True(_mock.PingsReceived > pings + 3, "pings keep going out");
        Assert.Equal(0, session.ReconnectCount);
        Assert.Equal(BitgetSessionState.Connected, session.State);
        TakeTicker(feed);
    }

    [Theory]
    [BothApis]
    public async Task ConnectionsRefusedMidStreamAreRetriedUntilTheServerIsBack(BitgetApi api)
    {
        Api = api;
        var (session, feed) = await StreamingAsync();
        _mock.Options.RejectConnections = true;
        _mock.DropAllConnections();
        TakeNotice(feed, n => n.Message.Contains("Reconnect attempt 2", StringComparison.Ordinal));
        Assert.Equal(BitgetSessionState.Reconnecting, session.State);
        var back = Stopwatch.StartNew();
        _mock.Options.RejectConnections = false;
        TakeTicker(feed);
        // Backoff capped at 400 ms in this harness: data is back within about a second (the speed itself is measured by the soak).
        Assert.True(back.Elapsed < TimeSpan.FromSeconds(5), $"data resumed {back.Elapsed.TotalMilliseconds:0} ms after the server came back");
        Assert.Equal(BitgetSessionState.Connected, session.State);
    }

    [Theory]
    [BothApis]
    public async Task WhenOneConnectionGetsThroughTheOthersStopWaitingOutTheirBackoff(BitgetApi api)
    {
        Api = api;
        // Long delays (5-10 s after a failure), so that only the "server is back" signal can bring all three
        // connections back together.
        var session = NewSession(o =>
        {
            o.ReconnectPolicy = new ReconnectPolicy { Initial = TimeSpan.FromSeconds(10), Max = TimeSpan.FromSeconds(10) };
            o.HealthyConnectionTime = TimeSpan.Zero; // the drop itself is no failure: each retries at once, and fails
        });
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>(null);
        session.Subscribe(Enumerable.Range(1, 120).Select(i => BitgetTopic.Ticker("USDT-FUTURES", $"SYM{i}USDT")));
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 120 && session.ConnectionCount == 3, Patience));
        _mock.Options.RejectConnections = true;
        _mock.DropAllConnections();
        for (var failed = 0; failed < 3;)
        {
            if (TakeNotice(feed, n => n.Message.StartsWith("Reconnect attempt 1 ", StringComparison.Ordinal)) is not null)
                failed++;
        }
        _mock.Options.RejectConnections = false;
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections >= 1, TimeSpan.FromSeconds(15)));
        var first = Stopwatch.StartNew();
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 3, TimeSpan.FromSeconds(15)));
        // Their own backoff is 10 s: well before that, only the "server is back" signal can have brought them.
        Assert.True(first.Elapsed < TimeSpan.FromSeconds(5), $"the last connection came back {first.Elapsed.TotalMilliseconds:0} ms after the first");
    }

    [Theory]
    [BothApis]
    public async Task AFailedSessionStopsAllItsConnections(BitgetApi api)
    {
        Api = api;
        var session = NewSession(o => o.MaxReconnectAttempts = 2);
        await session.ConnectAsync();
        session.Subscribe(Enumerable.Range(1, 120).Select(i => BitgetTopic.Ticker("USDT-FUTURES", $"SYM{i}USDT")));
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 120 && session.ConnectionCount == 3, Patience));
        // One connection is lost and cannot come back; the other two are fine.
        _mock.Options.RejectConnections = true;
        _mock.DropConnections(1);
        await session.Completion.WaitAsync(Patience);
        Assert.Equal(BitgetSessionState.Failed, session.State);
        // The session gave up: the two healthy connections close with it rather than stream into a failed session.
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0 && session.ConnectionCount == 0, Patience),
            $"{_mock.ActiveConnections} sockets open, {session.ConnectionCount} connections running");
    }

    [Theory]
    [BothApis]
    public async Task ASlowAcceptTimesOutAndIsRetried(BitgetApi api)
    {
        Api = api;
        var (session, feed) = await StreamingAsync(o => o.ConnectTimeout = TimeSpan.FromMilliseconds(500));
        _mock.Options.AcceptDelay = TimeSpan.FromSeconds(3);
        _mock.DropAllConnections();
        var failed = TakeNotice(feed, n => n.Message.Contains("Reconnect attempt 1", StringComparison.Ordinal));
        Assert.Contains("retrying", failed.Message);
        _mock.Options.AcceptDelay = TimeSpan.Zero;
        TakeTicker(feed);
        Assert.True(await _mock.WaitUntilAsync(_ => session.State == BitgetSessionState.Connected, Patience));
    }

    [Theory]
    [BothApis]
    public async Task AServiceUpgradeNoticeIsAPlannedReplacementNotAWarning(BitgetApi api)
    {
        Api = api;
        var (session, feed) = await StreamingAsync();
        await _mock.BroadcastErrorAsync(30033, "service upgrade");
        Assert.True(await _mock.WaitUntilAsync(_ => session.ReconnectCount == 1 && session.State == BitgetSessionState.Connected, Patience));
        var notices = new List<BitgetNotice>();
        TakeTicker(feed, notices);
        notices.AddRange(DrainNotices(feed));
        Assert.DoesNotContain(notices, n => n.Kind == BitgetNoticeKind.Warning && n.Message.Contains("reconnecting", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.Kind == BitgetNoticeKind.Verbose && n.Message.Contains("30033", StringComparison.Ordinal));
    }

    [Theory]
    [BothApis]
    public async Task TooManyRequests30006IsRetriedAfterAPause(BitgetApi api)
    {
        Api = api;
        var session = NewSession(o => o.SubscribeAckTimeout = TimeSpan.FromMilliseconds(500));
        await session.ConnectAsync();
        _mock.Options.RejectSubscribeRequests = 1;
        using var feed = session.Open<BitgetTicker>([Btc]);
        var error = TakeNotice(feed, n => n.Exception is BitgetServerException { Code: 30006 });
        Assert.Equal(BitgetNoticeKind.Error, error.Kind);
        TakeTicker(feed);
        Assert.Equal(2, _mock.ReceivedTextFrames.Count(f => f.Contains("\"subscribe\"", StringComparison.Ordinal)));
        Assert.Equal(BitgetSubscriptionState.Subscribed, session.Subscriptions.Single().State);
        Assert.Equal(0, session.ReconnectCount);
    }

    [Theory]
    [BothApis]
    public async Task OverLimit30007ReplacesTheConnection(BitgetApi api)
    {
        Api = api;
        var (session, feed) = await StreamingAsync();
        await _mock.BroadcastErrorAsync(30007, "request over limit,connection close");
        Assert.True(await _mock.WaitUntilAsync(_ => session.ReconnectCount == 1 && session.State == BitgetSessionState.Connected, Patience));
        TakeTicker(feed);
    }

    [Theory]
    [BothApis]
    public async Task ASubscribeNeverAcknowledgedIsSentAgainThenReported(BitgetApi api)
    {
        Api = api;
        _mock.Options.AcknowledgeSubscriptions = false;
        _mock.Options.SendData = false;
        var session = NewSession(o => o.SubscribeAckTimeout = TimeSpan.FromMilliseconds(300));
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([Btc]);
        var warning = TakeNotice(feed, n => n.Message.StartsWith("No acknowledgement", StringComparison.Ordinal));
        Assert.Equal(BitgetNoticeKind.Warning, warning.Kind);
        Assert.Contains("BTCUSDT", warning.Message);
        Assert.Equal(2, _mock.ReceivedTextFrames.Count(f => f.Contains("\"subscribe\"", StringComparison.Ordinal)));
        Assert.Equal(BitgetSubscriptionState.Requested, session.Subscriptions.Single().State);

        // Data proves the subscription even without an ack.
        _mock.Options.SendData = true;
        TakeTicker(feed);
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.Single().State == BitgetSubscriptionState.Subscribed, Patience));
    }

    [Theory]
    [BothApis]
    public async Task AnAcknowledgedButSilentTopicIsResubscribedThenReportedStaleAndRecovers(BitgetApi api)
    {
        Api = api;
        _mock.Options.SilentTopics.Add(MockKey(Eth));
        var (session, feed) = await StreamingAsync(o => o.StaleTopicTimeout = TimeSpan.FromMilliseconds(600), Btc, Eth);

        var stale = TakeNotice(feed, n => n.Message.StartsWith("Still no data for", StringComparison.Ordinal));
        Assert.Equal(BitgetNoticeKind.Warning, stale.Kind);
        Assert.Contains("ETHUSDT", stale.Message);
        Assert.DoesNotContain("BTCUSDT", stale.Message);
        var frames = _mock.ReceivedTextFrames;
        Assert.Contains(frames, f => f.Contains("\"unsubscribe\"", StringComparison.Ordinal) && f.Contains("ETHUSDT", StringComparison.Ordinal));
        var eth = session.Subscriptions.Single(s => s.Symbol == "ETHUSDT");
        Assert.Equal(BitgetSubscriptionState.Stale, eth.State);
        Assert.Equal(1, eth.Resubscribes);
        Assert.Equal(1, session.StaleSubscriptionCount);
        Assert.Equal(BitgetSubscriptionState.Subscribed, session.Subscriptions.Single(s => s.Symbol == "BTCUSDT").State);

        _mock.Options.SilentTopics.Clear();
        TakeNotice(feed, n => n.Message.StartsWith("Data resumed for USDT-FUTURES/ticker/ETHUSDT", StringComparison.Ordinal));
        Assert.Equal(BitgetSubscriptionState.Subscribed, session.Subscriptions.Single(s => s.Symbol == "ETHUSDT").State);
        Assert.Equal(0, session.StaleSubscriptionCount);
    }

    [Theory]
    [BothApis]
    public async Task MalformedTruncatedBinaryHugeAndUnknownChannelFramesAreCountedAndSkipped(BitgetApi api)
    {
        Api = api;
        var (session, feed) = await StreamingAsync();
        var before = session.BadFrames;
        await _mock.BroadcastRawAsync("not json at all");
        await _mock.BroadcastRawAsync($$"""{"action":"snapshot","arg":{{Arg("ticker", "BTCUSDT")}},"data":[{"instId":"BTC""");
        await _mock.BroadcastBinaryAsync([0x1f, 0x8b, 0x08, 0x00, 0xff]);
        await _mock.BroadcastRawAsync("{\"event\":\"x\",\"pad\":\"" + new string('a', BitgetStreamSession.MaxFrameBytes) + "\"}");
        await _mock.BroadcastRawAsync($$"""{"action":"snapshot","arg":{{Arg("funding", "BTCUSDT")}},"data":[{"x":"1"}],"ts":1}""");
        Assert.True(await _mock.WaitUntilAsync(_ => session.BadFrames >= before + 5, Patience), $"bad frames: {session.BadFrames - before}");
        var warning = TakeNotice(feed, n => n.Message.StartsWith("Ignored", StringComparison.Ordinal));
        Assert.Equal(BitgetNoticeKind.Warning, warning.Kind);
        TakeTicker(feed);
        Assert.Equal(BitgetSessionState.Connected, session.State);
        Assert.Equal(0, session.ReconnectCount);
    }

    [Theory]
    [BothApis]
    public async Task DuplicateAndOutOfOrderPushesAreSkippedAndCounted(BitgetApi api)
    {
        Api = api;
        _mock.Options.SendData = false;
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([Btc]);
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.Single().State == BitgetSubscriptionState.Subscribed, Patience));
        await _mock.BroadcastRawAsync(TickerFrame("BTCUSDT", 1_700_000_002_000, "100.5"));
        await _mock.BroadcastRawAsync(TickerFrame("BTCUSDT", 1_700_000_001_000, "99.5"));   // older
        await _mock.BroadcastRawAsync(TickerFrame("BTCUSDT", 1_700_000_002_000, "100.5"));  // the same again
        await _mock.BroadcastRawAsync(TickerFrame("BTCUSDT", 1_700_000_002_000, "100.7"));  // same time, new content
        await _mock.BroadcastRawAsync(TickerFrame("BTCUSDT", 1_700_000_003_000, "101"));
        Assert.Equal(100.5m, TakeTicker(feed).LastPrice);
        Assert.Equal(100.7m, TakeTicker(feed).LastPrice);
        Assert.Equal(101m, TakeTicker(feed).LastPrice);
        // Counted apart: one late push, one repeat. Every push counts for the topic (a skipped one still proves it alive).
        Assert.Equal(1, session.OutOfOrderMessages);
        Assert.Equal(1, session.DuplicateMessages);
        Assert.Equal(5, session.Subscriptions.Single().Messages);
    }

    [Theory]
    [BothApis]
    public async Task TheDailyCutIsPreemptedByAPlannedReplacement(BitgetApi api)
    {
        Api = api;
        var (session, feed) = await StreamingAsync(o => o.MaxConnectionAge = TimeSpan.FromMilliseconds(700));
        Assert.True(await _mock.WaitUntilAsync(_ => session.ReconnectCount >= 2, Patience));
        var notices = new List<BitgetNotice>();
        TakeTicker(feed, notices);
        notices.AddRange(DrainNotices(feed));
        Assert.Contains(notices, n => n.Kind == BitgetNoticeKind.Verbose && n.Message.Contains("recycled", StringComparison.Ordinal));
        Assert.DoesNotContain(notices, n => n.Kind == BitgetNoticeKind.Warning);
    }

    [Theory]
    [BothApis]
    public async Task FiveHundredSymbolsAreSpreadOverConnectionsOfFiftyAndAllDeliver(BitgetApi api)
    {
        Api = api;
        _mock.Options.TickerInterval = TimeSpan.FromMilliseconds(200);
        _mock.Options.MaxMessagesPerSecond = 10;
        var session = NewSession();
        await session.ConnectAsync();
        var topics = Enumerable.Range(1, 500).Select(i => BitgetTopic.Ticker("USDT-FUTURES", $"SYM{i}USDT")).ToList();
        using var feed = session.Open<BitgetTicker>(null, capacity: 100_000);
        session.Subscribe(topics);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 500, TimeSpan.FromSeconds(20)), $"{_mock.ActiveSubscriptions.Count} subscribed");
        Assert.Equal(10, _mock.ActiveConnections);
        Assert.Equal(10, session.ConnectionCount);
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.All(s => s.Messages > 0), TimeSpan.FromSeconds(20)),
            $"{session.Subscriptions.Count(s => s.Messages == 0)} topics without data");
        Assert.All(session.Subscriptions.GroupBy(s => s.Connection), g => Assert.Equal(50, g.Count()));
        // Two requests a connection on v2 (30 + 20 args), five on v3 (10 args at most), and no connection was cut for
        // going over 10 messages a second.
        Assert.Equal(api == BitgetApi.Unified ? 50 : 20, _mock.ReceivedTextFrames.Count(f => f.Contains("\"subscribe\"", StringComparison.Ordinal)));
        Assert.Equal(0, session.ReconnectCount);

        // Unsubscribing a whole connection's worth closes it.
        session.Unsubscribe(topics.Skip(450));
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 9, Patience));
        Assert.Equal(BitgetSessionState.Connected, session.State);
    }

    [Theory]
    [BothApis]
    public async Task ASlowConsumerNeverStallsTheSocketOrThePings(BitgetApi api)
    {
        Api = api;
        _mock.Options.TickerInterval = TimeSpan.FromMilliseconds(1);
        var session = NewSession(o => { o.PingInterval = TimeSpan.FromMilliseconds(250); o.PongTimeout = TimeSpan.FromMilliseconds(500); });
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([Btc, Eth], capacity: 100);
        var pings = _mock.PingsReceived;
        await Task.Delay(2500); // nobody takes from the feed
        Assert.True(feed.Count <= 100);
        Assert.True(feed.Dropped > 1000, $"dropped {feed.Dropped}");
        Assert.True(_mock.PingsReceived >= pings + 6, "pings went out on time");
        Assert.Equal(0, session.ReconnectCount);
        _mock.Options.SendData = false; // the counters move while data flows
        await Task.Delay(300);
        Assert.Equal(feed.Dropped, session.DroppedMessages);
        _mock.Options.SendData = true;
        TakeTicker(feed);
    }

    [Theory]
    [BothApis]
    public async Task TheHourlySubscribeBudgetHoldsRequestsButNotPings(BitgetApi api)
    {
        Api = api;
        var session = NewSession(o => { o.MaxSubscribeRequestsPerHour = 1; o.PingInterval = TimeSpan.FromMilliseconds(200); });
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>(null);
        session.Subscribe([Btc]);
        TakeTicker(feed);
        session.Subscribe([Eth]);
        var warning = TakeNotice(feed, n => n.Message.Contains("subscribe requests within an hour", StringComparison.Ordinal));
        Assert.Equal(BitgetNoticeKind.Warning, warning.Kind);
        var pings = _mock.PingsReceived;
        await Task.Delay(800);
        Assert.True(_mock.PingsReceived > pings, "pings still go out");
        Assert.Single(_mock.ActiveSubscriptions);
        Assert.Equal(1, _mock.ReceivedTextFrames.Count(f => f.Contains("\"subscribe\"", StringComparison.Ordinal)));
    }
}
