using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Session;
using Bitget.Stream.Tests.Private;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// Issue 18 item 1 through a whole session against the mock: pushes that name their items other than their topic, or
/// with what is no Bitget symbol, are counted in BadFrames and reported, reach no consumer, and the good push after
/// them is delivered.
/// </summary>
public sealed class ForgedSymbolSessionTests : SessionHarness
{
    private static readonly string[] s_hostile = ["ETHUSDT", "=HYPERLINK(\"x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "BTC\nUSDT,\"x\""];

    private static string Ticker(string instId, long ts) =>
        $$"""{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"},"data":[{"instId":{{JsonSerializer.Serialize(instId)}},"lastPr":"{{ts % 1000}}.5","ts":"{{ts}}"}],"ts":{{ts}}}""";

    [Fact]
    public async Task ForgedTickersAreBadFramesAndTheGoodOneAfterThemIsDelivered()
    {
        _mock.Options.SendData = false;
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTicker>([Btc]);
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.SingleOrDefault()?.State == BitgetSubscriptionState.Subscribed, Patience));

        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var symbol in s_hostile)
            await _mock.BroadcastRawAsync(Ticker(symbol, ++ts));
        await _mock.BroadcastRawAsync(Ticker("BTCUSDT", ++ts));

        var notices = new List<BitgetNotice>();
        var ticker = TakeTicker(feed, notices);
        Assert.Equal("BTCUSDT", ticker.Symbol);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(ts), ticker.Timestamp);
        Assert.Equal(s_hostile.Length, session.BadFrames);
        var warning = Assert.Single(notices, n => n.Kind == BitgetNoticeKind.Warning && n.Message.Contains("bad frame"));
        Assert.Contains("ETHUSDT", warning.Message);
        Assert.Equal(0, feed.Count);
        Assert.Equal(BitgetSessionState.Connected, session.State);
    }

    [Fact]
    public async Task EveryForgedPrivateEventIsReportedNotJustCounted()
    {
        _mock.Options.SendData = false;
        var session = NewSession(o => o.Endpoint = _mock.PrivateEndpoint);
        session.EnableLogin(PrivateLoginTests.Credentials());
        await session.ConnectAsync();
        var topic = new BitgetTopic("USDT-FUTURES", "orders", "default");
        using var orders = session.Open<BitgetOrder>([topic]);
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.SingleOrDefault()?.State == BitgetSubscriptionState.Subscribed, Patience));

        static string Order(string instId, string orderId) =>
            $$"""{"action":"update","arg":{"instType":"USDT-FUTURES","channel":"orders","instId":"default"},"data":[{"instId":{{JsonSerializer.Serialize(instId)}},"orderId":"{{orderId}}","status":"live","side":"buy","price":"1","size":"1","cTime":"1","uTime":"1"}],"ts":1}""";
        await _mock.BroadcastRawAsync(Order("=HYPERLINK(\"x\")", "1"));
        await _mock.BroadcastRawAsync(Order("@SUM(1+1)", "2"));
        await _mock.BroadcastRawAsync(Order("BTCUSDT", "3"));

        var notices = new List<BitgetNotice>();
        BitgetOrder? order = null;
        var deadline = DateTime.UtcNow + Patience;
        while (order is null && DateTime.UtcNow < deadline)
        {
            var result = orders.Take(deadline - DateTime.UtcNow, CancellationToken.None, out var item, out var notice);
            if (result == BitgetFeedResult.Item)
                order = item;
            else if (result == BitgetFeedResult.Notice)
                notices.Add(notice!);
        }
        Assert.NotNull(order);
        Assert.Equal(("BTCUSDT", "3"), (order.Symbol, order.OrderId));
        Assert.Equal(2, session.BadFrames);
        // Both lost events are told, though they came within the 5 s in which public bad frames are only counted.
        var warnings = notices.Where(n => n.Kind == BitgetNoticeKind.Warning && n.Message.Contains("orders")).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Message.Contains("HYPERLINK"));
        Assert.Contains(warnings, w => w.Message.Contains("SUM"));
    }
}
