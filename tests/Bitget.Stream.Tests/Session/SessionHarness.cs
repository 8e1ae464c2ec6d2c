using Bitget.MockExchange;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// A mock exchange per test class instance and sessions pointed at it with short timings, disposed after each test;
/// plus helpers that wait for tickers and notices with a bounded patience.
/// </summary>
public abstract class SessionHarness : IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    protected static readonly BitgetTopic Btc = BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT");
    protected static readonly BitgetTopic Eth = BitgetTopic.Ticker("USDT-FUTURES", "ETHUSDT");
    protected static readonly BitgetTopic Sol = BitgetTopic.Ticker("USDT-FUTURES", "SOLUSDT");
    protected MockBitgetExchange _mock = null!;
    private readonly List<BitgetStreamSession> _sessions = [];

    /// <summary>The API of the sessions <see cref="NewSession"/> makes, and so the mock socket they talk to; Classic unless a test says.</summary>
    protected BitgetApi Api { get; set; } = BitgetApi.Classic;

    /// <summary>The mock's public endpoint of <see cref="Api"/>.</summary>
    protected Uri PublicEndpoint => Api == BitgetApi.Unified ? _mock.V3PublicEndpoint : _mock.PublicEndpoint;

    /// <summary>
    /// The mock's key of a topic on <see cref="Api"/> (<c>USDT-FUTURES/ticker/BTCUSDT</c> on v2,
    /// <c>usdt-futures/ticker/BTCUSDT</c> on v3), as its <c>SilentTopics</c> and <c>ActiveSubscriptions</c> spell it.
    /// </summary>
    protected string MockKey(BitgetTopic topic) => Api == BitgetApi.Unified
        ? $"{topic.InstType.ToLowerInvariant()}/{topic.Channel}/{topic.InstId}"
        : $"{topic.InstType}/{topic.Channel}/{topic.InstId}";

    public virtual async Task InitializeAsync()
    {
        _mock = await MockBitgetExchange.StartAsync(new MockExchangeOptions { TickerInterval = TimeSpan.FromMilliseconds(20) });
    }

    public async Task DisposeAsync()
    {
        foreach (var session in _sessions)
            await session.DisposeAsync();
        await _mock.DisposeAsync();
    }

    protected BitgetStreamSession NewSession(Action<BitgetSessionOptions>? configure = null)
    {
        var options = new BitgetSessionOptions
        {
            Endpoint = PublicEndpoint,
            Api = Api,
            PingInterval = TimeSpan.FromSeconds(1),
            PongTimeout = TimeSpan.FromSeconds(1),
            ReconnectPolicy = new ReconnectPolicy { Initial = TimeSpan.FromMilliseconds(50), Max = TimeSpan.FromMilliseconds(400) },
        };
        configure?.Invoke(options);
        var session = new BitgetStreamSession(options);
        _sessions.Add(session);
        return session;
    }

    protected static BitgetTicker TakeTicker(BitgetFeed<BitgetTicker> feed, List<BitgetNotice>? notices = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            switch (feed.Take(deadline - DateTime.UtcNow, CancellationToken.None, out var ticker, out var notice))
            {
                case BitgetFeedResult.Item:
                    return ticker!;
                case BitgetFeedResult.Notice:
                    notices?.Add(notice!);
                    break;
                case BitgetFeedResult.Completed:
                    throw new InvalidOperationException("feed completed");
            }
        }
        throw new TimeoutException("no ticker");
    }

    // The notices the feed holds now.
    protected static List<BitgetNotice> DrainNotices<T>(BitgetFeed<T> feed) where T : class
    {
        var notices = new List<BitgetNotice>();
        while (feed.TryTakeNotice(out var notice))
            notices.Add(notice!);
        return notices;
    }

    protected static BitgetNotice TakeNotice(BitgetFeed<BitgetTicker> feed, Func<BitgetNotice, bool> match)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var result = feed.Take(deadline - DateTime.UtcNow, CancellationToken.None, out _, out var notice);
            if (result == BitgetFeedResult.Notice && match(notice!))
                return notice!;
            if (result == BitgetFeedResult.Completed)
                throw new InvalidOperationException("feed completed");
        }
        throw new TimeoutException("no such notice");
    }
}
