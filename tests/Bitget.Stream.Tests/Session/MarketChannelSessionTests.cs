using Bitget.Stream.Protocol;
using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>Candles, trades and raw messages end to end against the mock exchange, across reconnects.</summary>
public class MarketChannelSessionTests : SessionHarness
{
    private static readonly BitgetTopic Candles = new("USDT-FUTURES", "candle1m", "BTCUSDT");
    private static readonly BitgetTopic Trades = new("SPOT", "trade", "BTCUSDT");

    // Items until the condition holds on what was taken, within the patience.
    private static List<T> TakeUntil<T>(BitgetFeed<T> feed, List<T> items, Func<List<T>, bool> done) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!done(items))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"only {items.Count} item(s)");
            if (feed.Take(left, CancellationToken.None, out var item, out _) == BitgetFeedResult.Item)
                items.Add(item!);
        }
        return items;
    }

    [Fact]
    public async Task NoCandleIsDeliveredClosedTwiceOrMissedAcrossReconnects()
    {
        _mock.Options.CandlePeriod = TimeSpan.FromMilliseconds(300);
        _mock.Options.CandleInterval = TimeSpan.FromMilliseconds(30);
        _mock.Options.CandleHistory = 10;
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetCandle>([Candles]);
        var items = new List<BitgetCandle>();
        TakeUntil(feed, items, l => l.Count(c => c.IsClosed && !c.IsHistory) >= 3);
        for (var drop = 1; drop <= 2; drop++)
        {
            _mock.DropAllConnections();
            Assert.True(await _mock.WaitUntilAsync(_ => session.ReconnectCount >= drop, Patience));
            var closedBefore = items.Count(c => c.IsClosed);
            TakeUntil(feed, items, l => l.Count(c => c.IsClosed) >= closedBefore + 3);
        }

        var closed = items.Where(c => c.IsClosed).Select(c => c.OpenTime.ToUnixTimeMilliseconds()).ToList();
        Assert.Equal(10, items.Count(c => c.IsHistory));
        Assert.All(closed.Zip(closed.Skip(1)), pair => Assert.Equal(300, pair.Second - pair.First));
        Assert.All(items, c => Assert.Equal("1m", c.Interval));
        Assert.True(session.DuplicateMessages > 0, "the reconnect snapshots overlap what was delivered");
    }

    [Fact]
    public async Task TradeSnapshotsAfterReconnectsAreDeDuplicatedAndNoneIsMissed()
    {
        _mock.Options.TradeInterval = TimeSpan.FromMilliseconds(20);
        _mock.Options.TradeSnapshotSize = 150;
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTrade>([Trades]);
        var items = TakeUntil(feed, [], l => l.Count >= 50);
        for (var drop = 1; drop <= 2; drop++)
        {
            _mock.DropAllConnections();
            Assert.True(await _mock.WaitUntilAsync(_ => session.ReconnectCount >= drop, Patience));
            var before = items.Count;
            TakeUntil(feed, items, l => l.Count >= before + 30);
        }

        var ids = items.Select(t => long.Parse(t.TradeId, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(ids.Zip(ids.Skip(1)), pair => Assert.Equal(pair.First + 1, pair.Second));
        Assert.True(session.DuplicateMessages > 0, "the reconnect snapshots overlap what was delivered");
    }

    [Fact]
    public async Task ARepeatedTradeSnapshotDeliversNothingTwice()
    {
        _mock.Options.TradeInterval = TimeSpan.FromMilliseconds(20);
        _mock.Options.RepeatTradeSnapshots = true;
        var session = NewSession();
        await session.ConnectAsync();
        using var feed = session.Open<BitgetTrade>([Trades]);
        var items = TakeUntil(feed, [], l => l.Count >= 60);
        Assert.Equal(items.Count, items.Select(t => t.TradeId).Distinct().Count());
        Assert.True(session.DuplicateMessages >= 20);
    }

    [Fact]
    public async Task RawMessagesCarryAnyChannelIncludingOnesNotModelled()
    {
        _mock.Options.SendData = false;
        var session = NewSession();
        await session.ConnectAsync();
        var auction = new BitgetTopic("SPOT", "auction", "BTCUSDT");
        using var raw = session.Open<BitgetRawMessage>([auction]);
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.SingleOrDefault()?.State == BitgetSubscriptionState.Subscribed, Patience));
        const string text = """{"action":"snapshot","arg":{"instType":"SPOT","channel":"auction","instId":"BTCUSDT"},"data":[{"stage":"1","price":"1.5"}],"ts":1700000000123}""";
        await _mock.BroadcastRawAsync(text);
        var message = TakeUntil(raw, [], l => l.Count >= 1)[0];
        Assert.Equal("auction", message.Channel);
        Assert.Equal("SPOT", message.InstType);
        Assert.Equal("BTCUSDT", message.InstId);
        Assert.Equal("snapshot", message.Action);
        Assert.Equal(text, message.Json);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123), message.Timestamp);
        Assert.Equal(0, session.BadFrames);

        // A channel nobody holds raw is still a bad frame.
        await _mock.BroadcastRawAsync(text.Replace("auction", "funding", StringComparison.Ordinal));
        Assert.True(await _mock.WaitUntilAsync(_ => session.BadFrames == 1, Patience));
    }

    [Fact]
    public async Task MarginIndexPriceIsReceivedAsRawMessagesFromTheWholeMarket()
    {
        _mock.Options.SendData = false;
        var session = NewSession();
        await session.ConnectAsync();
        var warnings = new List<string>();
        var topic = TopicNormalizer.Normalize(BitgetChannelNames.IndexPrice, ["default"], "MARGIN", warnings).Single();
        using var raw = session.Open<BitgetRawMessage>([topic]);
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.SingleOrDefault()?.State == BitgetSubscriptionState.Subscribed, Patience));
        var sample = Fixtures.Text("margin-index-price.json");
        await _mock.BroadcastRawAsync(sample);
        var message = TakeUntil(raw, [], l => l.Count >= 1)[0];
        Assert.Equal(("MARGIN", "index-price", "default"), (message.InstType, message.Channel, message.InstId));
        Assert.Contains("\"indexPrice\":\"25702.4\"", message.Json.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(0, session.BadFrames);
    }

    [Fact]
    public async Task RawAndTypedFeedsOfOneTopicBothReceive()
    {
        _mock.Options.TradeInterval = TimeSpan.FromMilliseconds(20);
        var session = NewSession();
        await session.ConnectAsync();
        using var raw = session.Open<BitgetRawMessage>([Trades]);
        using var typed = session.Open<BitgetTrade>([Trades]);
        var messages = TakeUntil(raw, [], l => l.Count >= 3);
        TakeUntil(typed, [], l => l.Count >= 3);
        Assert.All(messages, m => Assert.Contains("\"tradeId\"", m.Json, StringComparison.Ordinal));
        Assert.Equal("snapshot", messages[0].Action);
    }
}
