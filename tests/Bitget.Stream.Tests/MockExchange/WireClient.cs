using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bitget.MockExchange;

namespace Bitget.Stream.Tests.MockExchange;

/// <summary>A bare ClientWebSocket on the mock (no code of ours in between), for tests that pin what the wire shows.</summary>
internal sealed class WireClient : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _ws = new();
    private readonly byte[] _buffer = new byte[256 * 1024];

    private WireClient()
    {
    }

    public static async Task<WireClient> OpenAsync(MockBitgetExchange mock)
    {
        var client = new WireClient();
        await client._ws.ConnectAsync(mock.PublicEndpoint, CancellationToken.None).WaitAsync(Patience);
        return client;
    }

    /// <summary>Subscribes to the tickers and reads the acks.</summary>
    public async Task SubscribeAsync(string instType, params string[] instIds)
    {
        var request = JsonSerializer.Serialize(new
        {
            op = "subscribe",
            args = instIds.Select(id => new { instType, channel = "ticker", instId = id }),
        });
        await _ws.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Patience);
        // The first acknowledged topic's push may come before the next ack: skip pushes while counting acks.
        for (var acks = 0; acks < instIds.Length;)
        {
            var message = await ReceiveAsync();
            if (!message.TryGetProperty("event", out var kind))
                continue;
            Assert.Equal("subscribe", kind.GetString());
            acks++;
        }
    }

    /// <summary>The next whole message, parsed.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var length = 0;
        ValueWebSocketReceiveResult r;
        do
        {
            r = await _ws.ReceiveAsync(_buffer.AsMemory(length), CancellationToken.None).AsTask().WaitAsync(Patience);
            Assert.Equal(WebSocketMessageType.Text, r.MessageType);
            length += r.Count;
        }
        while (!r.EndOfMessage);
        return JsonDocument.Parse(_buffer.AsMemory(0, length)).RootElement.Clone();
    }

    /// <summary>The next ticker push (skipping anything else).</summary>
    public async Task<Push> ReceivePushAsync()
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (frame.TryGetProperty("action", out _))
            {
                return new Push(frame);
            }
        }
    }

    public void Dispose() => _ws.Dispose();

    /// <summary>One ticker push: its envelope ts and its (single) data object.</summary>
    public sealed class Push(JsonElement root)
    {
        public JsonElement Root { get; } = root;

        public string InstId => Root.GetProperty("arg").GetProperty("instId").GetString()!;

        public long EnvelopeTs => Root.GetProperty("ts").GetInt64();

        public JsonElement Data => Root.GetProperty("data")[0];

        public long DataTs => long.Parse(Data.GetProperty("ts").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        public decimal LastPr => decimal.Parse(Data.GetProperty("lastPr").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The data object exactly as sent.</summary>
        public string DataText => Data.GetRawText();
    }
}
