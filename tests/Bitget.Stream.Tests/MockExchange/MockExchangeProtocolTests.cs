using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bitget.MockExchange;

namespace Bitget.Stream.Tests.MockExchange;

/// <summary>
/// The mock exchange is what every network test trusts, so its wire behaviour is pinned here with a bare
/// ClientWebSocket (no code of ours in between): the frames Bitget documents, in the order it sends them.
/// </summary>
public sealed class MockExchangeProtocolTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private MockBitgetExchange _mock = null!;

    public async Task InitializeAsync() =>
        _mock = await MockBitgetExchange.StartAsync(new MockExchangeOptions { TickerInterval = TimeSpan.FromMilliseconds(20) });

    public async Task DisposeAsync() => await _mock.DisposeAsync();

    private async Task<ClientWebSocket> OpenAsync()
    {
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(_mock.PublicEndpoint, CancellationToken.None).WaitAsync(Patience);
        return ws;
    }

    private static Task SendAsync(ClientWebSocket ws, string text) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Patience);

    private static async Task<string> ReceiveAsync(ClientWebSocket ws)
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await ws.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Patience);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            text.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(text.ToArray());
    }

    /// <summary>The next event (ack, error), skipping data pushes of topics already acknowledged.</summary>
    private static async Task<JsonElement> ReceiveEventAsync(ClientWebSocket ws)
    {
        while (true)
        {
            var message = await ReceiveJsonAsync(ws);
            if (message.TryGetProperty("event", out _))
                return message;
        }
    }

    private static async Task<JsonElement> ReceiveJsonAsync(ClientWebSocket ws) =>
        JsonDocument.Parse(await ReceiveAsync(ws)).RootElement.Clone();

    private static string Subscribe(params (string InstType, string Channel, string InstId)[] args) =>
        JsonSerializer.Serialize(new { op = "subscribe", args = args.Select(a => new { instType = a.InstType, channel = a.Channel, instId = a.InstId }) });

    [Fact]
    public async Task PingGetsPong()
    {
        using var ws = await OpenAsync();
        await SendAsync(ws, "ping");
        Assert.Equal("pong", await ReceiveAsync(ws));
        Assert.Equal(1, _mock.PingsReceived);
    }

    [Fact]
    public async Task EverySubscribeArgumentIsAcknowledgedThenPushedInTheShapeOfItsInstType()
    {
        using var ws = await OpenAsync();
        await SendAsync(ws, Subscribe(("USDT-FUTURES", "ticker", "BTCUSDT"), ("SPOT", "ticker", "ETHUSDT")));
        var first = await ReceiveEventAsync(ws);
        var second = await ReceiveEventAsync(ws); // BTCUSDT's first push may come between the acks
        Assert.Equal("subscribe", first.GetProperty("event").GetString());
        Assert.Equal("BTCUSDT", first.GetProperty("arg").GetProperty("instId").GetString());
        Assert.Equal("subscribe", second.GetProperty("event").GetString());
        Assert.Equal("ETHUSDT", second.GetProperty("arg").GetProperty("instId").GetString());

        var seen = new HashSet<string>();
        while (seen.Count < 2)
        {
            var push = await ReceiveJsonAsync(ws);
            var instType = push.GetProperty("arg").GetProperty("instType").GetString()!;
            var data = push.GetProperty("data")[0];
            Assert.Equal("snapshot", push.GetProperty("action").GetString());
            // Futures and spot have different shapes, as on the real exchange.
            Assert.True(data.TryGetProperty("lastPr", out _));
            Assert.Equal(instType != "SPOT", data.TryGetProperty("fundingRate", out _));
            Assert.Equal(instType != "SPOT", data.TryGetProperty("markPrice", out _));
            seen.Add(instType);
        }
    }

    [Theory]
    [InlineData("umcbl", "ticker", "BTCUSDT", 30016)]
    [InlineData("USDT-FUTURES", "ticker", "BTCUSDT_UMCBL", 30016)]
    [InlineData("USDT-FUTURES", "tickers", "BTCUSDT", 30001)]
    [InlineData("USDT-FUTURES", "ticker", "NOPEUSDT", 30001)]
    public async Task ABadArgumentGetsTheExchangesErrorCode(string instType, string channel, string instId, int code)
    {
        using var ws = await OpenAsync();
        await SendAsync(ws, Subscribe((instType, channel, instId)));
        var error = await ReceiveJsonAsync(ws);
        Assert.Equal("error", error.GetProperty("event").GetString());
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Empty(_mock.ActiveSubscriptions);
    }

    [Fact]
    public async Task ArgsOverTheByteLimitAreRefusedWhole()
    {
        using var ws = await OpenAsync();
        var args = Enumerable.Range(1, 120).Select(i => ("USDT-FUTURES", "ticker", $"SYM{i}USDT")).ToArray();
        Assert.True(Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(args.Select(a => new { instType = a.Item1, channel = a.Item2, instId = a.Item3 }))) > 4096);
        await SendAsync(ws, Subscribe(args));
        var error = await ReceiveJsonAsync(ws);
        Assert.Equal(30016, error.GetProperty("code").GetInt32());
        Assert.Empty(_mock.ActiveSubscriptions);
    }

    [Fact]
    public async Task UnsubscribeIsAcknowledgedAndStopsThePushes()
    {
        using var ws = await OpenAsync();
        await SendAsync(ws, Subscribe(("USDT-FUTURES", "ticker", "BTCUSDT")));
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 1, Patience));
        await SendAsync(ws, """{"op":"unsubscribe","args":[{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"}]}""");
        JsonElement frame;
        do
        {
            frame = await ReceiveJsonAsync(ws);
        }
        while (!frame.TryGetProperty("event", out var e) || e.GetString() != "unsubscribe");
        Assert.Empty(_mock.ActiveSubscriptions);
        var pushes = _mock.PushesSent;
        await Task.Delay(200);
        Assert.Equal(pushes, _mock.PushesSent);
    }

    [Fact]
    public async Task HeldAcksComeAfterTheHoldWhilePingsAreStillAnswered()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_mock.Port}") };
        (await http.PostAsync("/control/options?holdAcksMs=1500", null)).EnsureSuccessStatusCode();
        Assert.Equal(1500, _mock.Options.HoldSubscribeAcksMs);
        using var ws = await OpenAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await SendAsync(ws, Subscribe(("USDT-FUTURES", "ticker", "BTCUSDT")));
        await SendAsync(ws, "ping");
        Assert.Equal("pong", await ReceiveAsync(ws));
        var ack = await ReceiveJsonAsync(ws);
        Assert.Equal("subscribe", ack.GetProperty("event").GetString());
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1400), $"ack after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal("snapshot", (await ReceiveJsonAsync(ws)).GetProperty("action").GetString());
    }

    [Fact]
    public async Task ControlEndpointsReportAndSwitchBehaviour()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_mock.Port}") };
        using var ws = await OpenAsync();
        await SendAsync(ws, Subscribe(("USDT-FUTURES", "ticker", "BTCUSDT")));
        Assert.True(await _mock.WaitUntilAsync(m => m.PushesSent > 0, Patience));

        var stats = JsonDocument.Parse(await http.GetStringAsync("/control/stats")).RootElement;
        Assert.Equal(1, stats.GetProperty("activeConnections").GetInt32());
        Assert.Equal("USDT-FUTURES/ticker/BTCUSDT", stats.GetProperty("subscriptions")[0].GetString());

        var bad = await http.PostAsync("/control/options?answerPings=maybe&sendData=false", null);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(_mock.Options.SendData, "a bad value changes nothing");

        (await http.PostAsync("/control/options?answerPings=false", null)).EnsureSuccessStatusCode();
        Assert.False(_mock.Options.AnswerPings);

        (await http.PostAsync("/control/error?code=30033&msg=upgrade", null)).EnsureSuccessStatusCode();
        JsonElement frame;
        do
        {
            frame = await ReceiveJsonAsync(ws);
        }
        while (!frame.TryGetProperty("event", out var e) || e.GetString() != "error");
        Assert.Equal(30033, frame.GetProperty("code").GetInt32());

        (await http.PostAsync("/control/drop", null)).EnsureSuccessStatusCode();
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/control/nope")).StatusCode);
    }
}
