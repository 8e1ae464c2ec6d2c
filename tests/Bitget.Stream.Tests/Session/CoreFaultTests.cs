using Bitget.MockExchange;
using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// The faults of the channel-generic core (issue 7, section 3), each against the mock exchange: lost data after a
/// restarted clock, duplicates hidden by a new envelope ts, sockets leaked by a cancelled connect, ghost
/// subscriptions, pending topics left behind by a full send queue, per-IP limits, idle connections, reconnect timing.
/// </summary>
public sealed class CoreFaultTests : SessionHarness
{
    // A real-shaped push: the data's own ts, and an envelope ts (send time) that differs from it.
    private static string Push(string instId, long dataTs, string lastPr, long envelopeTs) =>
        $$"""{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"ticker","instId":"{{instId}}"},"data":[{"instId":"{{instId}}","lastPr":"{{lastPr}}","bidPr":"1","askPr":"2","bidSz":"1","askSz":"1","ts":"{{dataTs}}"}],"ts":{{envelopeTs}}}""";

    private async Task<(BitgetStreamSession Session, BitgetFeed<BitgetTicker> Feed)> QuietSessionAsync(Action<BitgetSessionOptions>? configure = null)
    {
        _mock.Options.SendData = false;
        var session = NewSession(configure);
        await session.ConnectAsync();
        var feed = session.Open<BitgetTicker>([Btc]);
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.Single().State == BitgetSubscriptionState.Subscribed, Patience));
        return (session, feed);
    }

    [Fact]
    public async Task TimestampsThatRestartAfterAReconnectAreDelivered()
    {
        var (session, feed) = await QuietSessionAsync();
        const long t = 1_700_000_000_000;
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t, "100", t + 5));
        Assert.Equal(100m, TakeTicker(feed).LastPrice);

        // A new server process: its clock (and so every ts) starts a minute earlier than the last push seen.
        _mock.DropAllConnections();
        Assert.True(await _mock.WaitUntilAsync(m => session.ReconnectCount == 1 && m.ActiveSubscriptions.Count == 1
            && session.Subscriptions.Single().State == BitgetSubscriptionState.Subscribed, Patience));
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t - 60_000, "101", t - 59_990));
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t - 59_000, "102", t - 58_990));
        Assert.Equal(101m, TakeTicker(feed).LastPrice);
        Assert.Equal(102m, TakeTicker(feed).LastPrice);
        Assert.Equal(0, session.OutOfOrderMessages);
    }

    [Fact]
    public async Task ALargeStepBackWithinASubscriptionIsFollowedAsARestart()
    {
        var (session, feed) = await QuietSessionAsync();
        const long t = 1_700_000_000_000;
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t, "100", t + 3));
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t - 3_600_000, "90", t - 3_599_997)); // the clock stepped back an hour
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t - 3_599_000, "91", t - 3_598_997));
        var notices = new List<BitgetNotice>();
        Assert.Equal(100m, TakeTicker(feed, notices).LastPrice);
        Assert.Equal(90m, TakeTicker(feed, notices).LastPrice);
        Assert.Equal(91m, TakeTicker(feed, notices).LastPrice);
        Assert.Equal(1, session.TimestampRestarts);
        Assert.Contains(notices.Concat(DrainNotices(feed)), n => n.Kind == BitgetNoticeKind.Verbose && n.Message.Contains("stepped back by 3600 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SkippedPushesCountAsActivityAndPersistentSkippingWarns()
    {
        // A topic whose pushes are all late is alive (never resubscribed or reported stale for silence), but the
        // skipping itself is reported.
        var (session, feed) = await QuietSessionAsync(o => o.StaleTopicTimeout = TimeSpan.FromMilliseconds(600));
        const long t = 1_700_000_000_000;
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t, "100", t));
        Assert.Equal(100m, TakeTicker(feed).LastPrice);
        var until = DateTime.UtcNow + TimeSpan.FromMilliseconds(1500);
        for (var i = 1; DateTime.UtcNow < until; i++)
        {
            await _mock.BroadcastRawAsync(Push("BTCUSDT", t - 1000 + (i % 500), "99", t + i));
            await Task.Delay(20);
        }
        var warning = TakeNotice(feed, n => n.Kind == BitgetNoticeKind.Warning && n.Message.Contains("skipped", StringComparison.Ordinal));
        Assert.Contains("BTCUSDT", warning.Message);
        var info = session.Subscriptions.Single();
        Assert.Equal(0, info.Resubscribes);
        Assert.Equal(BitgetSubscriptionState.Subscribed, info.State);
        Assert.True(session.OutOfOrderMessages >= 20);
    }

    [Fact]
    public async Task ARepeatedPushWithANewEnvelopeTsIsADuplicate()
    {
        var (session, feed) = await QuietSessionAsync();
        const long t = 1_700_000_000_000;
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t, "100", t + 10));
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t, "100", t + 250));   // the same data re-sent later
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t + 1, "101", t + 260));
        Assert.Equal(100m, TakeTicker(feed).LastPrice);
        Assert.Equal(101m, TakeTicker(feed).LastPrice);
        Assert.Equal(1, session.DuplicateMessages);
        Assert.Equal(0, session.OutOfOrderMessages);
    }

    [Fact]
    public async Task TheSnapshotAfterAResubscribeIsNotDeliveredTwice()
    {
        // A resubscribe starts the time rule afresh, but a snapshot repeating the last ticker is still a duplicate.
        var (session, feed) = await QuietSessionAsync();
        const long t = 1_700_000_000_000;
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t, "100", t + 1));
        Assert.Equal(100m, TakeTicker(feed).LastPrice);
        session.Resync(Btc);
        Assert.True(await _mock.WaitUntilAsync(m => m.ReceivedTextFrames.Count(f => f.Contains("\"op\":\"subscribe\"", StringComparison.Ordinal)) >= 2, Patience));
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t, "100", t + 900));
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t - 10, "99", t + 910)); // older, but the first of the new subscription's own
        Assert.Equal(99m, TakeTicker(feed).LastPrice);
        Assert.Equal(1, session.DuplicateMessages);
    }

    [Fact]
    public async Task ResyncUnsubscribesThenSubscribesInThatOrder()
    {
        var (session, _) = await QuietSessionAsync();
        var before = _mock.ReceivedTextFrames.Count;
        session.Resync(Btc);
        Assert.True(await _mock.WaitUntilAsync(m => m.ReceivedTextFrames.Count >= before + 2
            && m.ReceivedTextFrames.Skip(before).Any(f => f.Contains("\"op\":\"subscribe\"", StringComparison.Ordinal)), Patience));
        var requests = _mock.ReceivedTextFrames.Skip(before).Where(f => f != "ping").ToList();
        Assert.Contains("\"op\":\"unsubscribe\"", requests[0]);
        Assert.Contains("\"op\":\"subscribe\"", requests[1]);
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.Single().State == BitgetSubscriptionState.Subscribed, Patience));
    }

    [Fact]
    public async Task DisposingASessionWhileItConnectsLeavesNoSocketOpen()
    {
        // Ctrl+C during Connect-BitgetStream: the wait is cancelled and the session disposed while the server is slow
        // to accept. The connect that was under way must not open a socket nobody owns.
        _mock.Options.AcceptDelay = TimeSpan.FromMilliseconds(400);
        var session = NewSession();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.ConnectAsync(cts.Token));
        await session.DisposeAsync();
        // Observe past the accept delay: the server would have accepted by then.
        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        Assert.Equal(0, _mock.ActiveConnections);
    }

    [Fact]
    public async Task AShardStoppedWhileItConnectsLeavesNoSocketOpen()
    {
        var session = NewSession(o => o.MaxTopicsPerConnection = 1);
        await session.ConnectAsync();
        session.Subscribe([Btc]);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 1, Patience));
        _mock.Options.AcceptDelay = TimeSpan.FromMilliseconds(400);
        session.Subscribe([Eth]);                       // a second shard starts connecting...
        Assert.True(await _mock.WaitUntilAsync(_ => session.ConnectionCount == 2, Patience));
        session.Unsubscribe([Eth]);                     // ...and is stopped before the server accepts it
        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        Assert.Equal(1, _mock.ActiveConnections);
        Assert.Equal(1, session.ConnectionCount);
    }

    [Fact]
    public async Task AnUnsubscribeNeverOvertakesAHeldBackSubscribe()
    {
        // 30006 makes the session hold requests back for a second. An unsubscribe queued behind a held subscribe
        // must leave after it, or the server ends up subscribed to a topic nobody wants (a ghost).
        var session = NewSession();
        await session.ConnectAsync();
        using var notices = session.Open<BitgetTicker>(null);
        _mock.Options.RejectSubscribeRequests = 1;
        session.Subscribe([Btc]);                       // answered with 30006: requests pause
        TakeNotice(notices, n => n.Kind == BitgetNoticeKind.Error && n.Message.Contains("30006", StringComparison.Ordinal));
        session.Subscribe([Eth]);
        session.Unsubscribe([Eth]);
        session.Subscribe([Sol]);                       // a sentinel: once it is subscribed, everything before it was handled
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Contains("USDT-FUTURES/ticker/SOLUSDT"), Patience));
        Assert.DoesNotContain("USDT-FUTURES/ticker/ETHUSDT", _mock.ActiveSubscriptions);
    }

    [Fact]
    public async Task PushesForTopicsNobodyOwnsAreDroppedAndUnsubscribed()
    {
        _mock.Options.SendData = false;
        var session = NewSession();
        await session.ConnectAsync();
        session.Subscribe([Btc]);
        using var all = session.Open<BitgetTicker>(null);
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.Single().State == BitgetSubscriptionState.Subscribed, Patience));
        const long t = 1_700_000_000_000;
        await _mock.BroadcastRawAsync(Push("ETHUSDT", t, "5", t));   // nobody asked for ETHUSDT
        await _mock.BroadcastRawAsync(Push("BTCUSDT", t, "100", t));
        Assert.Equal("BTCUSDT", TakeTicker(all).Symbol);
        Assert.Equal(1, session.UnownedMessages);
        Assert.True(await _mock.WaitUntilAsync(m => m.ReceivedTextFrames.Any(f => f.Contains("\"op\":\"unsubscribe\"", StringComparison.Ordinal) && f.Contains("ETHUSDT", StringComparison.Ordinal)), Patience));
    }

    [Fact]
    public async Task TopicsThatFindTheSendQueueFullAreSentLater()
    {
        // One request at a time fits the queue; the others must not wait for the next reconnect.
        var session = NewSession(o =>
        {
            o.SendQueueCapacity = 1;
            o.MaxArgsPerRequest = 1;
            o.MaxMessagesPerSecond = 10;
            o.SubscribeAckTimeout = TimeSpan.FromMilliseconds(400);
        });
        await session.ConnectAsync();
        var topics = new[] { "BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT" }.Select(s => BitgetTopic.Ticker("USDT-FUTURES", s)).ToList();
        session.Subscribe(topics);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 5
            && session.Subscriptions.All(s => s.State == BitgetSubscriptionState.Subscribed), Patience));
        Assert.Equal(0, session.ReconnectCount);
    }

    [Fact]
    public async Task ConnectionsAreCountedOverEverySessionOfTheProcess()
    {
        // By default every session to one server shares its limits; another server (Bitget's demo) counts apart.
        Assert.Same(NewSession().Options.Limits, NewSession().Options.Limits);
        Assert.Same(ExchangeLimits.For(BitgetSessionOptions.PublicEndpoint), new BitgetStreamSession().Options.Limits);
        Assert.NotSame(ExchangeLimits.For(BitgetSessionOptions.PublicEndpoint), ExchangeLimits.For(BitgetSessionOptions.DemoPublicEndpoint));
        var limits = new ExchangeLimits(maxConnections: 2);
        var first = NewSession(o => { o.Limits = limits; o.MaxTopicsPerConnection = 1; });
        await first.ConnectAsync();
        first.Subscribe([Btc]);
        first.Subscribe([Eth]);                          // a second connection: the limit is reached
        Assert.Equal(2, limits.Connections);
        var error = Assert.Throws<BitgetConnectionLimitException>(() => first.Subscribe([Sol]));
        Assert.Contains("holds 2 of the 2 connections Bitget allows per IP", error.Message);
        Assert.False(first.IsRegistered(Sol));

        var second = NewSession(o => o.Limits = limits);
        await Assert.ThrowsAsync<BitgetConnectionLimitException>(() => second.ConnectAsync());
        await first.DisposeAsync();
        Assert.True(await _mock.WaitUntilAsync(_ => limits.Connections == 0, Patience));
    }

    [Fact]
    public async Task AConnectionWithNoSubscriptionIsClosedNotLeftForTheServerToCut()
    {
        var session = NewSession(o => o.IdleConnectionTimeout = TimeSpan.FromMilliseconds(300));
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>(null);
        // The mock counts the connection a moment after the client sees it open: wait for it, then for its close.
        Assert.True(await _mock.WaitUntilAsync(m => m.TotalConnections == 1, Patience));
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0 && session.ConnectionCount == 0, Patience));
        Assert.Equal(BitgetSessionState.Connected, session.State);
        Assert.Equal(0, session.ReconnectCount);
        Assert.DoesNotContain(DrainNotices(feed), n => n.Kind == BitgetNoticeKind.Warning);

        session.Subscribe([Btc]);                        // the next subscription opens it again
        Assert.Equal("BTCUSDT", TakeTicker(feed).Symbol);
        Assert.Equal(1, _mock.ActiveConnections);
        Assert.Equal(0, session.ReconnectCount);         // opened again on demand: no replacement of a lost one
    }

    [Fact]
    public async Task AfterAHealthyConnectionTheFirstReconnectGoesAtOnce()
    {
        var session = NewSession(o =>
        {
            o.HealthyConnectionTime = TimeSpan.Zero;
            o.ReconnectPolicy = new ReconnectPolicy { Initial = TimeSpan.FromSeconds(30), Max = TimeSpan.FromSeconds(30) };
        });
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([Btc]);
        TakeTicker(feed);
        _mock.DropAllConnections();
        var notice = TakeNotice(feed, n => n.Message.Contains("reconnecting", StringComparison.Ordinal));
        Assert.EndsWith("reconnecting now.", notice.Message);
        Assert.True(await _mock.WaitUntilAsync(_ => session.ReconnectCount == 1 && session.State == BitgetSessionState.Connected, Patience));
        TakeTicker(feed);
    }
}
