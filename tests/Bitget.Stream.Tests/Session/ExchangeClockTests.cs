using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// The ticker ordering rule against the mock's own generator with real-shaped timestamps (envelope ts = send time, new
/// on every push; data ts = the data's time) and the switches that break a client's assumptions: repeated pushes,
/// clock steps, old pushes replayed out of order.
/// </summary>
public sealed class ExchangeClockTests : SessionHarness
{
    private async Task<(BitgetStreamSession Session, BitgetFeed<BitgetTicker> Feed)> StreamingAsync()
    {
        var session = NewSession();
        await session.ConnectAsync();
        var feed = session.Open<BitgetTicker>([Btc]);
        TakeTicker(feed);
        return (session, feed);
    }

    [Fact]
    public async Task RepeatedPushesWithNewEnvelopeTimesAreDeliveredOnce()
    {
        _mock.Options.RepeatPushes = 2;
        var (session, feed) = await StreamingAsync();
        var seen = new HashSet<(DateTimeOffset, decimal?)>();
        for (var i = 0; i < 15; i++)
        {
            var ticker = TakeTicker(feed);
            Assert.True(seen.Add((ticker.Timestamp, ticker.LastPrice)), $"ticker {ticker.Timestamp:O} {ticker.LastPrice} delivered twice");
        }
        Assert.True(session.DuplicateMessages >= 20, $"{session.DuplicateMessages} duplicates counted");
        Assert.Equal(0, session.OutOfOrderMessages);
    }

    [Fact]
    public async Task AClockStepBackOfAnHourKeepsTheTickersComing()
    {
        var (session, feed) = await StreamingAsync();
        var before = TakeTicker(feed).Timestamp;
        _mock.Options.ClockOffset = TimeSpan.FromHours(-1);
        var notices = new List<BitgetNotice>();
        BitgetTicker after;
        do
            after = TakeTicker(feed, notices);
        while (after.Timestamp > before);
        Assert.True(before - after.Timestamp > TimeSpan.FromMinutes(59));
        for (var i = 0; i < 5; i++)
            Assert.True(TakeTicker(feed, notices).Timestamp > after.Timestamp - TimeSpan.FromSeconds(1));
        Assert.Equal(1, session.TimestampRestarts);
        Assert.Contains(notices, n => n.Kind == BitgetNoticeKind.Verbose && n.Message.Contains("stepped back", StringComparison.Ordinal));
        Assert.Equal(BitgetSubscriptionState.Subscribed, session.Subscriptions.Single().State);
    }

    [Fact]
    public async Task AServerWhoseClockRestartsBehindAfterAReconnectIsFollowed()
    {
        // A small step back (under the restart threshold) after a reconnect: without a new watermark per subscription,
        // every push for the next 3 s would be skipped as late.
        var (session, feed) = await StreamingAsync();
        // The server goes away and comes back with its clock 3 s behind.
        _mock.Options.RejectConnections = true;
        _mock.DropAllConnections();
        _mock.Options.ClockOffset = TimeSpan.FromSeconds(-3);
        _mock.Options.RejectConnections = false;
        Assert.True(await _mock.WaitUntilAsync(_ => session.ReconnectCount == 1, Patience));
        for (var i = 0; i < 20; i++)
            TakeTicker(feed);
        Assert.Equal(0, session.OutOfOrderMessages);
        Assert.Equal(0, session.TimestampRestarts);
    }

    [Fact]
    public async Task AnOldPushReplayedOutOfOrderIsSkippedAndCounted()
    {
        var (session, feed) = await StreamingAsync();
        for (var i = 0; i < 3; i++)
            TakeTicker(feed);
        Assert.Equal(1, await _mock.PushStaleAsync("USDT-FUTURES", "BTCUSDT"));
        Assert.True(await _mock.WaitUntilAsync(_ => session.OutOfOrderMessages == 1, Patience));
        var last = TakeTicker(feed).Timestamp;
        for (var i = 0; i < 5; i++)
        {
            var next = TakeTicker(feed).Timestamp;
            Assert.True(next >= last);
            last = next;
        }
    }
}
