using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;
using Bitget.Stream.Transport;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// A whole session on the Unified (v3) API, over a scripted transport that answers the way the v3 server does: acks
/// with <c>connId</c>, pushes without a symbol or time in <c>data</c>, refusals without <c>arg</c> (the argument is JSON
/// inside <c>msg</c>), and the socket closed when a subscribe carries more arguments than it takes.
/// </summary>
public sealed class UnifiedSessionTests
{
    private static BitgetStreamSession Session(ConcurrentBag<V3Transport> transports, string name) => new(new BitgetSessionOptions
    {
        Endpoint = new Uri("wss://ws.bitget.test/v3/ws/public"),
        Api = BitgetApi.Unified,
        Name = name,
        TransportFactory = (settings, receiver) =>
        {
            var transport = new V3Transport(settings, receiver);
            transports.Add(transport);
            return transport;
        },
    });

    [Fact]
    public async Task TopicsAreSubscribedTheV3WayAndARefusalFailsOnlyItsTopic()
    {
        var transports = new ConcurrentBag<V3Transport>();
        await using var session = Session(transports, "v3");
        var symbols = Enumerable.Range(0, 24).Select(i => $"S{i}USDT").Append("NOPEUSDT").ToList();
        var topics = symbols.Select(s => BitgetTopic.Ticker("USDT-FUTURES", s)).ToList();
        using var feed = session.Open<BitgetTicker>(topics);
        await session.ConnectAsync();

        var seen = new HashSet<string>();
        var errors = new List<BitgetNotice>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((seen.Count < 24 || errors.Count == 0) && DateTime.UtcNow < deadline)
        {
            var result = feed.Take(TimeSpan.FromMilliseconds(200), CancellationToken.None, out var ticker, out var notice);
            if (result == BitgetFeedResult.Item)
            {
                Assert.Equal("USDT-FUTURES", ticker!.InstType);
                Assert.Equal(80810.6m, ticker.LastPrice);
                Assert.True(ticker.Timestamp >= DateTimeOffset.FromUnixTimeMilliseconds(1789940561885));
                seen.Add(ticker.Symbol);
            }
            else if (result == BitgetFeedResult.Notice && notice!.Kind == BitgetNoticeKind.Error)
                errors.Add(notice);
        }
        Assert.Equal(24, seen.Count);
        Assert.DoesNotContain("NOPEUSDT", seen);
        var error = Assert.Single(errors);
        Assert.Equal("USDT-FUTURES/ticker/NOPEUSDT", error.Target);
        Assert.Contains("30001", error.Message);

        var transport = Assert.Single(transports);
        var subscribes = transport.Sent.Where(t => t.Contains("\"op\":\"subscribe\"")).ToList();
        Assert.All(subscribes, t => Assert.True(JsonDocument.Parse(t).RootElement.GetProperty("args").GetArrayLength() <= 10, t));
        Assert.All(subscribes, t => Assert.Contains("\"instType\":\"usdt-futures\",\"topic\":\"ticker\",\"symbol\":", t));
        var states = session.Subscriptions.ToDictionary(s => s.Symbol, s => s.State);
        Assert.Equal(BitgetSubscriptionState.Failed, states["NOPEUSDT"]);
        Assert.All(symbols.Where(s => s != "NOPEUSDT"), s => Assert.Equal(BitgetSubscriptionState.Subscribed, states[s]));
    }

    [Fact]
    public async Task AServiceUpgradeNoticeReplacesTheConnectionWithoutAnErrorForTheUser()
    {
        var transports = new ConcurrentBag<V3Transport>();
        await using var session = Session(transports, "v3-upgrade");
        var btc = BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT");
        using var feed = session.Open<BitgetTicker>([btc]);
        await session.ConnectAsync();
        Assert.Equal(BitgetFeedResult.Item, TakeItem(feed, out _));

        var first = Assert.Single(transports);
        first.Deliver("""{"event":"error","code":30033,"msg":"Service upgrade in progress. Connection reset imminent. Please reconnect.","connId":"x"}""");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (transports.Count < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.Equal(2, transports.Count);
        var notices = new List<BitgetNotice>();
        var tickerAfter = false;
        deadline = DateTime.UtcNow.AddSeconds(15);
        while (!tickerAfter && DateTime.UtcNow < deadline)
        {
            var result = feed.Take(TimeSpan.FromMilliseconds(200), CancellationToken.None, out _, out var notice);
            if (result == BitgetFeedResult.Notice)
                notices.Add(notice!);
            tickerAfter = result == BitgetFeedResult.Item;
        }
        Assert.True(tickerAfter, "the topic streams again on the replacement connection");
        Assert.DoesNotContain(notices, n => n.Kind is BitgetNoticeKind.Error or BitgetNoticeKind.Warning);
    }

    private static BitgetFeedResult TakeItem(BitgetFeed<BitgetTicker> feed, out BitgetTicker? ticker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        ticker = null;
        while (DateTime.UtcNow < deadline)
        {
            var result = feed.Take(TimeSpan.FromMilliseconds(200), CancellationToken.None, out ticker, out _);
            if (result == BitgetFeedResult.Item)
                return result;
        }
        return BitgetFeedResult.TimedOut;
    }

    /// <summary>Answers like the v3 public server, on a thread of its own, with no socket.</summary>
    private sealed class V3Transport(FrameTransportSettings settings, IFrameReceiver receiver) : IFrameTransport
    {
        private static long s_pushes;
        private readonly BlockingCollection<string> _outgoing = [];

        public ConcurrentQueue<string> Sent { get; } = new();

        public Thread? ReceiveThread { get; private set; }

        public Task ConnectAsync(CancellationToken cancellation)
        {
            ReceiveThread = new Thread(Run) { IsBackground = true, Name = settings.ThreadName };
            ReceiveThread.Start();
            return Task.CompletedTask;
        }

        public bool Send(string text)
        {
            Sent.Enqueue(text);
            return _outgoing.TryAdd(text);
        }

        /// <summary>Sends a frame from the server, on the transport's thread.</summary>
        public void Deliver(string frame) => _outgoing.TryAdd("\u0001" + frame);

        public void Abort() => _outgoing.CompleteAdding();

        public ValueTask CloseAsync(bool graceful)
        {
            _outgoing.CompleteAdding();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => CloseAsync(false);

        private void Run()
        {
            foreach (var text in _outgoing.GetConsumingEnumerable())
            {
                if (text == "ping")
                    OnFrame("pong");
                else if (text[0] == '\u0001')
                    OnFrame(text[1..]);
                else
                    Answer(text);
                receiver.OnReceiveDrained();
            }
            receiver.OnClosed("closed");
        }

        private void Answer(string text)
        {
            using var request = JsonDocument.Parse(text);
            if (request.RootElement.GetProperty("op").GetString() != "subscribe")
                return;
            var args = request.RootElement.GetProperty("args");
            if (args.GetArrayLength() > 10)
            {
                receiver.OnClosed("the v3 server closes a socket on a subscribe of more than 10 arguments (1006)");
                return;
            }
            foreach (var arg in args.EnumerateArray())
            {
                var symbol = arg.GetProperty("symbol").GetString();
                if (symbol == "NOPEUSDT")
                {
                    var refused = JsonSerializer.Serialize(new SortedDictionary<string, string>
                    {
                        ["instType"] = arg.GetProperty("instType").GetString()!, ["symbol"] = symbol, ["topic"] = arg.GetProperty("topic").GetString()!,
                    });
                    OnFrame($$"""{"event":"error","code":30001,"msg":{{JsonSerializer.Serialize(refused + " doesn't exist")}},"connId":"0ac6"}""");
                    continue;
                }
                OnFrame($$"""{"event":"subscribe","arg":{{arg.GetRawText()}},"connId":"0649f8ff"}""");
                OnFrame($$"""{"action":"snapshot","arg":{{arg.GetRawText()}},"data":[{"highPrice24h":"81470","lowPrice24h":"80092.4","openPrice24h":"81003.7","lastPrice":"80810.6","turnover24h":"1682569476.10781","volume24h":"20843.3982","bid1Price":"80810.6","ask1Price":"80810.7","bid1Size":"0.3743","ask1Size":"1.4785","price24hPcnt":"-0.00238"}],"ts":{{1789940561885 + Interlocked.Increment(ref s_pushes)}}}""");
            }
        }

        private void OnFrame(string frame) => receiver.OnFrame(Encoding.UTF8.GetBytes(frame));
    }
}
