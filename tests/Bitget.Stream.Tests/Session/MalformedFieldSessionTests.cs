using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// Issue 18 item 10 through a whole session against the mock: tickers with a malformed field are delivered with that
/// field empty, every malformed value is counted in BadFields (not BadFrames), and each field is reported once per
/// channel, not once per push.
/// </summary>
public sealed class MalformedFieldSessionTests : SessionHarness
{
    private static string Ticker(string symbol, long ts, string fields) =>
        $$"""{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"ticker","instId":"{{symbol}}"},"data":[{"instId":"{{symbol}}",{{fields}},"ts":"{{ts}}"}],"ts":{{ts}}}""";

    [Fact]
    public async Task TickersWithAMalformedFieldAreDeliveredCountedAndReportedOncePerField()
    {
        _mock.Options.SendData = false;
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([Btc, Eth]);
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.Count == 2
            && session.Subscriptions.All(s => s.State == BitgetSubscriptionState.Subscribed), Patience));

        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await _mock.BroadcastRawAsync(Ticker("BTCUSDT", ++ts, "\"lastPr\":\"oops\",\"bidPr\":\"1\""));
        await _mock.BroadcastRawAsync(Ticker("BTCUSDT", ++ts, "\"lastPr\":\"\\u001b[2J\",\"bidPr\":\"2\""));
        await _mock.BroadcastRawAsync(Ticker("ETHUSDT", ++ts, "\"lastPr\":[1],\"bidPr\":\"3\""));
        await _mock.BroadcastRawAsync(Ticker("BTCUSDT", ++ts, "\"lastPr\":\"4\",\"bidPr\":\"x\",\"askPr\":\"y\""));
        await _mock.BroadcastRawAsync(Ticker("BTCUSDT", ++ts, "\"lastPr\":\"5\",\"bidPr\":\"5\""));

        var notices = new List<BitgetNotice>();
        var tickers = Enumerable.Range(0, 5).Select(_ => TakeTicker(feed, notices)).ToList();
        Assert.Equal([null, null, null, 4m, 5m], tickers.Select(t => t.LastPrice));
        Assert.Equal([1m, 2m, 3m, null, 5m], tickers.Select(t => t.BidPrice));
        Assert.Equal(5, session.BadFields);
        Assert.Equal(0, session.BadFrames);

        notices.AddRange(DrainNotices(feed));
        var reports = notices.Where(n => n.Kind == BitgetNoticeKind.Warning && n.Message.Contains("BadFields")).ToList();
        // lastPr, bidPr and askPr once each on the ticker channel, whatever the symbol and however often.
        Assert.Equal(3, reports.Count);
        Assert.Single(reports, r => r.Message.Contains("whose lastPr was"));
        Assert.Single(reports, r => r.Message.Contains("whose bidPr was"));
        Assert.Single(reports, r => r.Message.Contains("whose askPr was"));
        Assert.All(reports, r => Assert.DoesNotContain('\u001b', r.Message));
    }

    [Fact]
    public async Task AnEventWithAMalformedTsIsStillAnEventAndTheFieldIsCounted()
    {
        _mock.Options.SendData = false;
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([Btc]);
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.SingleOrDefault()?.State == BitgetSubscriptionState.Subscribed, Patience));
        await _mock.BroadcastRawAsync("""{"event":"subscribe","arg":{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"},"ts":"x"}""");
        Assert.True(await _mock.WaitUntilAsync(_ => session.BadFields == 1, Patience));
        Assert.Equal(0, session.BadFrames);
        var report = TakeNotice(feed, n => n.Kind == BitgetNoticeKind.Warning && n.Message.Contains("BadFields"));
        Assert.Contains("an event 'subscribe'", report.Message);
        Assert.Contains("envelope ts", report.Message);
    }
}
