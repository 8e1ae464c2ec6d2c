using System.Diagnostics;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bitget.MockExchange;

namespace Bitget.Stream.Tests.MockExchange;

/// <summary>
/// The mock's benchmark push modes (pre-encoded frames written in batches straight to the socket): the frames must still
/// be exactly what a client expects, one WebSocket message each, after the ack, at the rate asked for.
/// </summary>
public sealed class MockExchangePushModeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static async Task<ClientWebSocket> OpenAsync(MockBitgetExchange mock)
    {
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(mock.PublicEndpoint, CancellationToken.None).WaitAsync(Patience);
        return ws;
    }

    private static Task SubscribeAsync(ClientWebSocket ws, params string[] instIds) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            op = "subscribe",
            args = instIds.Select(id => new { instType = "USDT-FUTURES", channel = "ticker", instId = id }),
        })), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Patience);

    /// <summary>One whole message, or null when the server closed or dropped the connection.</summary>
    private static async Task<JsonElement?> ReceiveJsonAsync(ClientWebSocket ws, byte[] buffer) =>
        await RawWire.ReceiveTextOrCloseAsync(ws, buffer) is { } text ? JsonDocument.Parse(text).RootElement.Clone() : null;

    private static void AssertTickerPush(JsonElement push, ISet<string> instIds)
    {
        Assert.Equal("snapshot", push.GetProperty("action").GetString());
        var instId = push.GetProperty("arg").GetProperty("instId").GetString()!;
        Assert.Contains(instId, instIds);
        var data = push.GetProperty("data")[0];
        Assert.Equal(instId, data.GetProperty("instId").GetString());
        Assert.True(data.TryGetProperty("lastPr", out _));
        Assert.True(push.GetProperty("ts").GetInt64() > 0);
    }

    [Fact]
    public async Task FloodPushesWholeTickerFramesOfEveryTopicAfterTheAcks()
    {
        await using var mock = await MockBitgetExchange.StartAsync(new MockExchangeOptions { FloodFrames = true });
        using var ws = await OpenAsync(mock);
        await SubscribeAsync(ws, "BTCUSDT", "ETHUSDT");
        var buffer = new byte[64 * 1024];
        for (var i = 0; i < 2; i++)
            Assert.Equal("subscribe", (await ReceiveJsonAsync(ws, buffer))!.Value.GetProperty("event").GetString());

        var topics = new HashSet<string> { "BTCUSDT", "ETHUSDT" };
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < 5000; i++)
        {
            var push = (await ReceiveJsonAsync(ws, buffer))!.Value;
            AssertTickerPush(push, topics);
            var id = push.GetProperty("arg").GetProperty("instId").GetString()!;
            seen[id] = seen.GetValueOrDefault(id) + 1;
        }
        // Round-robin over the connection's topics.
        Assert.Equal(2500, seen["BTCUSDT"]);
        Assert.Equal(2500, seen["ETHUSDT"]);
        // The mock counts a batch once its write completes, which can be just after the client has read it.
        Assert.True(await mock.WaitUntilAsync(m => m.PushesSent >= 5000, TimeSpan.FromSeconds(5)), $"pushes counted: {mock.PushesSent}");
    }

    [Fact]
    public async Task FramesPerSecondHoldsTheRate()
    {
        await using var mock = await MockBitgetExchange.StartAsync(new MockExchangeOptions { FramesPerSecond = 2000 });
        using var ws = await OpenAsync(mock);
        await SubscribeAsync(ws, "BTCUSDT", "ETHUSDT", "SOLUSDT");
        var buffer = new byte[64 * 1024];
        var topics = new HashSet<string> { "BTCUSDT", "ETHUSDT", "SOLUSDT" };
        for (var i = 0; i < 3; i++)
            Assert.Equal("subscribe", (await ReceiveJsonAsync(ws, buffer))!.Value.GetProperty("event").GetString());

        AssertTickerPush((await ReceiveJsonAsync(ws, buffer))!.Value, topics);
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            AssertTickerPush((await ReceiveJsonAsync(ws, buffer))!.Value, topics);
            count++;
        }
        var rate = count / clock.Elapsed.TotalSeconds;
        // Never ahead of the schedule; behind it only as far as a loaded test machine delays the reader.
        Assert.InRange(rate, 800, 2300);
    }

    [Fact]
    public async Task EvenHoldsTheRateAndDropAfterCountsItsFramesExactly()
    {
        await using var mock = await MockBitgetExchange.StartAsync(
            new MockExchangeOptions { FramesPerSecond = 2000, PushPattern = PushPattern.Even, DropAfterPushes = 1500 });
        using var ws = await OpenAsync(mock);
        await SubscribeAsync(ws, "BTCUSDT", "ETHUSDT");
        var buffer = new byte[64 * 1024];
        for (var i = 0; i < 2; i++)
            Assert.Equal("subscribe", (await ReceiveJsonAsync(ws, buffer))!.Value.GetProperty("event").GetString());
        var topics = new HashSet<string> { "BTCUSDT", "ETHUSDT" };
        var clock = Stopwatch.StartNew();
        var pushes = 0;
        while (await ReceiveJsonAsync(ws, buffer) is { } push)
        {
            AssertTickerPush(push, topics);
            pushes++;
        }
        Assert.Equal(1500, pushes);
        Assert.Equal(1500, mock.PushesSent);
        // 1500 frames at 2000/s take 0.75 s: never ahead of the schedule.
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(0.7), $"1500 frames in {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task DropAfterPushesCountsPreEncodedFramesExactly()
    {
        await using var mock = await MockBitgetExchange.StartAsync(new MockExchangeOptions { FloodFrames = true, DropAfterPushes = 777 });
        using var ws = await OpenAsync(mock);
        await SubscribeAsync(ws, "BTCUSDT");
        var buffer = new byte[64 * 1024];
        Assert.Equal("subscribe", (await ReceiveJsonAsync(ws, buffer))!.Value.GetProperty("event").GetString());
        var pushes = 0;
        while (await ReceiveJsonAsync(ws, buffer) is { } push)
        {
            AssertTickerPush(push, new HashSet<string> { "BTCUSDT" });
            pushes++;
        }
        Assert.Equal(777, pushes);
        Assert.Equal(777, mock.PushesSent);
    }

    [Fact]
    public async Task TheModesAreControlOptionsAndCanBeSwitchedOff()
    {
        await using var mock = await MockBitgetExchange.StartAsync(new MockExchangeOptions { TickerInterval = TimeSpan.FromSeconds(10) });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{mock.Port}") };
        var options = JsonDocument.Parse(await (await http.PostAsync("/control/options?flood=true&framesPerSecond=500", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.True(options.GetProperty("flood").GetBoolean());
        Assert.Equal(500, options.GetProperty("framesPerSecond").GetInt32());
        Assert.True(mock.Options.FloodFrames);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await http.PostAsync("/control/options?framesPerSecond=-1", null)).StatusCode);

        using var ws = await OpenAsync(mock);
        await SubscribeAsync(ws, "BTCUSDT");
        Assert.True(await mock.WaitUntilAsync(m => m.PushesSent > 1000, Patience));

        // Back to the generator: one push per TickerInterval (10 s), so the flow stops.
        (await http.PostAsync("/control/options?flood=false&framesPerSecond=0", null)).EnsureSuccessStatusCode();
        await Task.Delay(300);
        var pushes = mock.PushesSent;
        await Task.Delay(300);
        Assert.InRange(mock.PushesSent - pushes, 0, 1);
    }
}
