using Bitget.Stream.Models;
using Bitget.Stream.Session;
using Bitget.Stream.Tests.Session;

namespace Bitget.Stream.Tests.Private;

/// <summary>
/// Each private channel end to end against the mock: login, subscribe, the fixture's snapshot parsed into its typed
/// object (exact decimals, UTC times), and pushes on demand delivered every time, even when they repeat.
/// </summary>
public sealed class PrivateChannelTests : SessionHarness
{
    private BitgetStreamSession LoggedInSession()
    {
        var session = NewSession(o => o.Endpoint = _mock.PrivateEndpoint);
        session.EnableLogin(PrivateLoginTests.Credentials());
        return session;
    }

    private static T Take<T>(BitgetFeed<T> feed) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var result = feed.Take(deadline - DateTime.UtcNow, CancellationToken.None, out var item, out var notice);
            if (result == BitgetFeedResult.Item)
                return item!;
            if (result == BitgetFeedResult.Completed)
                throw new InvalidOperationException("feed completed");
        }
        throw new TimeoutException($"no {typeof(T).Name}");
    }

    [Fact]
    public async Task FuturesOrdersAndAlgoOrders()
    {
        var session = LoggedInSession();
        await session.ConnectAsync();
        using var orders = session.Open<BitgetOrder>([new("USDT-FUTURES", "orders", "default"), new("USDT-FUTURES", "orders-algo", "default")]);
        var first = Take(orders);
        var second = Take(orders);
        var order = first.IsAlgo ? second : first;
        var algo = first.IsAlgo ? first : second;
        Assert.Equal("ETHUSDT", order.Symbol);
        Assert.Equal("13333333333333333333", order.OrderId);
        Assert.Equal(3000m, order.Price);
        Assert.Equal(0.4m, order.Size);
        Assert.Equal(12m, order.Leverage);
        Assert.Equal("live", order.Status);
        Assert.Equal("snapshot", order.Action);
        Assert.Equal(0m, order.Fee);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760461517274), order.CreatedAt);
        Assert.Equal(TimeSpan.Zero, order.CreatedAt!.Value.Offset);
        Assert.True(algo.IsAlgo);
        Assert.Equal(27000.000000000m, algo.TriggerPrice);
        Assert.Equal("27000.000000000", algo.TriggerPrice!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("pl", algo.PlanType);
    }

    [Fact]
    public async Task SpotOrdersOfOneSymbol()
    {
        var session = LoggedInSession();
        await session.ConnectAsync();
        using var orders = session.Open<BitgetOrder>([new("SPOT", "orders", "BTCUSDT")]);
        var order = Take(orders);
        Assert.Equal("SPOT", order.InstType);
        Assert.Equal("BTCUSDT", order.Symbol);
        Assert.Equal(26256.0m, order.FillPrice);
        Assert.Equal(-0.00000018m, order.FillFee);
        Assert.Equal("partially_filled", order.Status);
    }

    [Fact]
    public async Task PositionsAndPositionHistory()
    {
        var session = LoggedInSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetPosition>([new("USDT-FUTURES", "positions", "default")]);
        var position = Take(feed);
        Assert.Equal("ETHUSDT", position.Symbol);
        Assert.Equal(20m, position.Leverage); // a JSON number in the sample
        Assert.Equal(5788.108475905242m, position.LiquidationPrice);
        Assert.False(position.IsHistory);
        using var history = session.Open<BitgetPosition>([new("USDT-FUTURES", "positions-history", "default")]);
        var closed = Take(history);
        Assert.True(closed.IsHistory);
        Assert.Equal(26221.0m, closed.ClosePriceAvg);
        Assert.Equal(-62.21000000m, closed.AchievedProfits);
    }

    [Fact]
    public async Task SpotCoinsAndFuturesMarginCoins()
    {
        var session = LoggedInSession();
        await session.ConnectAsync();
        using var spot = session.Open<BitgetAccount>([new("SPOT", "account", "default")]);
        var coin = Take(spot);
        Assert.Equal("USDT", coin.Coin);
        Assert.Equal(100000m, coin.Available);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1697092295506), coin.UpdatedAt);
        using var futures = session.Open<BitgetAccount>([new("USDT-FUTURES", "account", "default")]);
        var margin = Take(futures);
        Assert.Equal("USDT", margin.Coin);
        Assert.Equal(11.985457617660m, margin.UsdtEquity);
        Assert.Equal("union", margin.AssetsMode);
    }

    [Fact]
    public async Task SpotAndFuturesFills()
    {
        var session = LoggedInSession();
        await session.ConnectAsync();
        using var fills = session.Open<BitgetFill>([new("SPOT", "fill", "default")]);
        var spot = Take(fills);
        Assert.Equal("BTCUSDT", spot.Symbol);
        Assert.Equal(42740.41m, spot.Price);
        Assert.Equal(0.0006m, spot.Size);
        Assert.Equal(0.01538655m, spot.Fee);
        using var futuresFills = session.Open<BitgetFill>([new("USDT-FUTURES", "fill", "default")]);
        var futures = Take(futuresFills);
        Assert.Equal(51000.5m, futures.Price);
        Assert.Equal(0.01m, futures.Size);
        Assert.Equal(510.005m, futures.Amount);
        Assert.Equal("open", futures.TradeSide);
    }

    [Fact]
    public async Task EveryPushIsDeliveredEvenWhenItRepeatsTheLastOne()
    {
        var session = LoggedInSession();
        await session.ConnectAsync();
        var topic = new BitgetTopic("USDT-FUTURES", "fill", "default");
        using var fills = session.Open<BitgetFill>([topic]);
        var snapshot = Take(fills);
        // The same fill three more times: a public channel would skip these as duplicates.
        for (var i = 0; i < 3; i++)
            Assert.Equal(1, await _mock.PushPrivateAsync("USDT-FUTURES", "fill"));
        for (var i = 0; i < 3; i++)
        {
            var again = Take(fills);
            Assert.Equal(snapshot.TradeId, again.TradeId);
            Assert.Equal("update", again.Action);
        }
        Assert.Equal(0, session.DuplicateMessages);
        Assert.Equal(0, session.OutOfOrderMessages);
    }

    [Fact]
    public async Task PrivatePushesAfterARelogin()
    {
        var session = LoggedInSession();
        await session.ConnectAsync();
        using var orders = session.Open<BitgetOrder>([new("USDT-FUTURES", "orders", "default")]);
        Take(orders);
        _mock.DropAllConnections();
        Assert.True(await _mock.WaitUntilAsync(m => session.ReconnectCount == 1 && m.LoggedInConnections == 1, Patience));
        var afterReconnect = Take(orders); // the snapshot that follows the resubscribe
        Assert.Equal("snapshot", afterReconnect.Action);
        Assert.Equal(1, await _mock.PushPrivateAsync("USDT-FUTURES", "orders")); // subscribed again: its snapshot came
        Assert.Equal("update", Take(orders).Action);
    }

    [Fact]
    public async Task ASilentPrivateTopicIsNeverResubscribedOrCalledStale()
    {
        var session = NewSession(o =>
        {
            o.Endpoint = _mock.PrivateEndpoint;
            o.StaleTopicTimeout = TimeSpan.FromMilliseconds(300);
        });
        session.EnableLogin(PrivateLoginTests.Credentials());
        var silentPublic = BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT");
        _mock.Options.SilentTopics.Add(silentPublic.ToString());
        var orders = new BitgetTopic("USDT-FUTURES", "orders", "default");
        session.Subscribe([orders, silentPublic]);
        await session.ConnectAsync();
        // The public topic, as silent, goes through resubscribe to stale: by then the private one had as long.
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.Any(s => s.Channel == "ticker" && s.State == BitgetSubscriptionState.Stale), Patience));
        var info = session.Subscriptions.Single(s => s.Channel == "orders");
        Assert.Equal(BitgetSubscriptionState.Subscribed, info.State);
        Assert.Equal(0, info.Resubscribes);
    }
}
