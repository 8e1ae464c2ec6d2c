using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Session;
using Bitget.Stream.Transport;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// The session uses its connections' transport only through <see cref="IFrameTransport"/>: another implementation,
/// here one with no socket at all, plugs in through the options and the whole session works over it.
/// </summary>
public sealed class TransportSeamTests
{
    [Fact]
    public async Task ASessionRunsOverATransportWithNoSocket()
    {
        var transports = new ConcurrentBag<ScriptedTransport>();
        await using var session = new BitgetStreamSession(new BitgetSessionOptions
        {
            Endpoint = new Uri("wss://ws.bitget.test/v2/ws/public"),
            Name = "seam",
            TransportFactory = (settings, receiver) =>
            {
                var transport = new ScriptedTransport(settings, receiver);
                transports.Add(transport);
                return transport;
            },
        });
        var btc = BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT");
        using var feed = session.Open<BitgetTicker>([btc]);
        await session.ConnectAsync();

        var ticker = Take(feed);
        Assert.Equal("BTCUSDT", ticker.Symbol);
        Assert.Equal(27000.5m, ticker.LastPrice);
        var transport = Assert.Single(transports);
        Assert.Equal("Bitget receive (seam)", transport.ReceiveThread!.Name);
        Assert.Contains(transport.Sent, text => text.Contains("\"op\":\"subscribe\"") && text.Contains("BTCUSDT"));

        // A connection the transport reports closed is replaced by a new transport, and the topic replayed on it.
        transport.Receiver.OnClosed("scripted drop");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (transports.Count < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.Equal(2, transports.Count);
        var replacement = transports.First(t => !ReferenceEquals(t, transport));
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (!replacement.Sent.Any(text => text.Contains("\"op\":\"subscribe\"")) && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.Contains(replacement.Sent, text => text.Contains("\"op\":\"subscribe\"") && text.Contains("BTCUSDT"));
        Assert.True(transport.Closed, "the dropped connection's transport was closed");
    }

    private static BitgetTicker Take(BitgetFeed<BitgetTicker> feed)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (feed.Take(TimeSpan.FromSeconds(1), CancellationToken.None, out var item, out _) == BitgetFeedResult.Item)
                return item!;
        }
        throw new TimeoutException("no ticker");
    }

    /// <summary>
    /// A transport with a thread of its own and no socket: it answers each subscribe with an ack and one ticker per
    /// argument, and pings with pongs, delivering every frame on its thread as a real transport does.
    /// </summary>
    private sealed class ScriptedTransport(FrameTransportSettings settings, IFrameReceiver receiver) : IFrameTransport
    {
        private readonly BlockingCollection<string> _outgoing = [];
        private Thread? _thread;

        public IFrameReceiver Receiver { get; } = receiver;

        public ConcurrentQueue<string> Sent { get; } = new();

        public bool Closed { get; private set; }

        public Thread? ReceiveThread => _thread;

        public Task ConnectAsync(CancellationToken cancellation)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = settings.ThreadName };
            _thread.Start();
            return Task.CompletedTask;
        }

        public bool Send(string text)
        {
            Sent.Enqueue(text);
            return _outgoing.TryAdd(text);
        }

        public void Abort() => _outgoing.CompleteAdding();

        public ValueTask CloseAsync(bool graceful)
        {
            Closed = true;
            _outgoing.CompleteAdding();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => CloseAsync(false);

        private void Run()
        {
            foreach (var text in _outgoing.GetConsumingEnumerable())
            {
                if (text == "ping")
                    Deliver("pong");
                else
                {
                    using var request = JsonDocument.Parse(text);
                    if (request.RootElement.GetProperty("op").GetString() != "subscribe")
                        continue;
                    foreach (var arg in request.RootElement.GetProperty("args").EnumerateArray())
                    {
                        Deliver($$"""{"event":"subscribe","arg":{{arg.GetRawText()}}}""");
                        var symbol = arg.GetProperty("instId").GetString();
                        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                        Deliver($$"""{"action":"snapshot","arg":{{arg.GetRawText()}},"data":[{"instId":"{{symbol}}","lastPr":"27000.5","bidPr":"27000","askPr":"27000.5","bidSz":"2.71","askSz":"8.76","open24h":"27000.5","high24h":"30668.5","low24h":"26999.0","change24h":"-0.00002","ts":"{{ts}}"}],"ts":{{ts}}}""");
                    }
                }
                Receiver.OnReceiveDrained();
            }
            Receiver.OnReceiveDrained();
        }

        private void Deliver(string frame) => Receiver.OnFrame(Encoding.UTF8.GetBytes(frame));
    }
}
