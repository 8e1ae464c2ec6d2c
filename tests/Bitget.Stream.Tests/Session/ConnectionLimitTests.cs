using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// A subscription that would need more connections than Bitget allows per IP is refused before anything happens: no
/// shard starts, no connection is attempted (each would spend the per-IP attempt budget), and what the owner held
/// before stays held (issue 18, item 7).
/// </summary>
public sealed class ConnectionLimitTests : SessionHarness
{
    private static List<BitgetTopic> Symbols(int count) =>
        Enumerable.Range(1, count).Select(i => BitgetTopic.Ticker("USDT-FUTURES", $"SYM{i}USDT")).ToList();

    // Long enough for a started shard to reach the mock (connections open within milliseconds on loopback).
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(800);

    [Fact]
    public async Task ARefusedSubscriptionOpensNoConnectionAndKeepsWhatWasHeld()
    {
        var limits = new ExchangeLimits(maxConnections: 3);
        var session = NewSession(o => { o.Limits = limits; o.MaxTopicsPerConnection = 1; });
        await session.ConnectAsync();
        session.Subscribe([Btc]);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 1, Patience));

        // Btc again and four more: five connections of one topic, four more than the session has; the process holds 1 of 3.
        var error = Assert.Throws<BitgetConnectionLimitException>(() => session.Subscribe([Btc, .. Symbols(4)]));
        await Task.Delay(Settle);

        Assert.Equal(1, _mock.TotalConnections);
        Assert.Equal(1, limits.Connections);
        Assert.Equal(1, session.ConnectionCount);
        Assert.True(session.IsRegistered(Btc), "a topic held before the refused request stays held");
        Assert.Equal(["USDT-FUTURES/ticker/BTCUSDT"], _mock.ActiveSubscriptions);
        Assert.Equal(1, session.SubscriptionCount);
        Assert.Equal(4, error.TopicCount);
        Assert.Equal(5, error.ConnectionsNeeded);
        Assert.Equal(1, error.ConnectionsHeld);
        Assert.Equal(3, error.MaxConnections);
        Assert.Contains("4 topics need 5 connections", error.Message);
        Assert.Contains("holds 1 of the 3 connections", error.Message);

        // What fits still goes through.
        session.Subscribe([Eth]);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 2 && m.ActiveConnections == 2, Patience));
        Assert.Equal(2, limits.Connections);
    }

    [Fact]
    public async Task AFeedOverTheLimitOpenedBeforeConnectingIsRefusedAtOnce()
    {
        var limits = new ExchangeLimits(maxConnections: 2);
        var session = NewSession(o => { o.Limits = limits; o.MaxTopicsPerConnection = 1; });
        Assert.Throws<BitgetConnectionLimitException>(() => session.Open<BitgetTicker>(Symbols(3)));
        Assert.Equal(0, session.SubscriptionCount);

        await session.ConnectAsync();
        await Task.Delay(Settle);
        Assert.Equal(1, _mock.TotalConnections);
        Assert.Equal(1, limits.Connections);
        Assert.Empty(_mock.ActiveSubscriptions);
    }

    [Fact]
    public async Task AConnectThatNoLongerFitsOpensNothing()
    {
        // Topics taken before connecting fitted then; another session took a slot since, so the start no longer fits.
        var limits = new ExchangeLimits(maxConnections: 2);
        var first = NewSession(o => { o.Limits = limits; o.MaxTopicsPerConnection = 1; });
        first.Subscribe([Btc, Eth]);
        var other = NewSession(o => o.Limits = limits);
        await other.ConnectAsync();
        Assert.Equal(1, limits.Connections);

        var error = await Assert.ThrowsAsync<BitgetConnectionLimitException>(() => first.ConnectAsync());
        await Task.Delay(Settle);
        Assert.Equal(1, _mock.TotalConnections);
        Assert.Equal(1, limits.Connections);
        Assert.Equal(2, error.ConnectionsNeeded);
        Assert.Equal(1, error.ConnectionsHeld);

        // Once the slot is free again, the same session connects.
        await other.DisposeAsync();
        Assert.True(await _mock.WaitUntilAsync(_ => limits.Connections == 0, Patience));
        await first.ConnectAsync();
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 2, Patience));
        Assert.Equal(2, limits.Connections);
    }
}
