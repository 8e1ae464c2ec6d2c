using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bitget.MockExchange;

namespace Bitget.Stream.Tests.MockExchange;

/// <summary>
/// The arrival patterns of the fixed-rate benchmark mode, as a bare client sees them: bursts arrive together, even frames
/// one by one. Measured loosely (a factor of 4 or more from the nominal spacing), alone in their collection.
/// </summary>
[Collection(ArrivalTimingCollection.Name)]
public sealed class MockExchangeArrivalPatternTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static async Task<ClientWebSocket> OpenAsync(MockBitgetExchange mock)
    {
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(mock.PublicEndpoint, CancellationToken.None).WaitAsync(Patience);
        return ws;
    }

    private static async Task SubscribeAsync(ClientWebSocket ws, string instId)
    {
        var request = JsonSerializer.Serialize(new { op = "subscribe", args = new[] { new { instType = "USDT-FUTURES", channel = "ticker", instId } } });
        await ws.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal("subscribe", (await ReceiveJsonAsync(ws, new byte[4096])).GetProperty("event").GetString());
    }

    private static async Task<JsonElement> ReceiveJsonAsync(ClientWebSocket ws, byte[] buffer)
    {
        var length = 0;
        ValueWebSocketReceiveResult r;
        do
        {
            r = await ws.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).AsTask().WaitAsync(Patience);
            Assert.Equal(WebSocketMessageType.Text, r.MessageType);
            length += r.Count;
        }
        while (!r.EndOfMessage);
        return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
    }

    private static void AssertTickerPush(JsonElement push, ISet<string> instIds)
    {
        Assert.Equal("snapshot", push.GetProperty("action").GetString());
        Assert.Contains(push.GetProperty("arg").GetProperty("instId").GetString()!, instIds);
    }

    /// <summary>Gaps between the arrivals of <paramref name="count"/> pushes, in ms, sorted.</summary>
    private static async Task<double[]> ArrivalGapsAsync(ClientWebSocket ws, int count)
    {
        var buffer = new byte[64 * 1024];
        var topics = new HashSet<string> { "BTCUSDT" };
        AssertTickerPush(await ReceiveJsonAsync(ws, buffer), topics);
        var gaps = new double[count];
        var last = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            AssertTickerPush(await ReceiveJsonAsync(ws, buffer), topics);
            var now = Stopwatch.GetTimestamp();
            gaps[i] = (now - last) * 1000.0 / Stopwatch.Frequency;
            last = now;
        }
        Array.Sort(gaps);
        return gaps;
    }

    [Fact]
    public async Task BurstsArriveTogetherEveryBurstInterval()
    {
        // 100 frames/s in bursts every 200 ms: about 20 frames per write, back to back, then a long pause.
        await using var mock = await MockBitgetExchange.StartAsync(new MockExchangeOptions { FramesPerSecond = 100, BurstIntervalMs = 200 });
        using var ws = await OpenAsync(mock);
        await SubscribeAsync(ws, "BTCUSDT");
        var gaps = await ArrivalGapsAsync(ws, 100);
        Assert.True(gaps[50] < 2, $"median gap {gaps[50]:F2} ms: frames of a burst should arrive together");
        Assert.True(gaps.Count(g => g > 100) >= 3, $"pauses between bursts: {gaps.Count(g => g > 100)}");
    }

    [Fact]
    public async Task EvenSpacesFramesOneEveryPeriod()
    {
        // 100 frames/s evenly: one every 10 ms, never twenty together.
        await using var mock = await MockBitgetExchange.StartAsync(
            new MockExchangeOptions { FramesPerSecond = 100, PushPattern = PushPattern.Even, BurstIntervalMs = 200 });
        using var ws = await OpenAsync(mock);
        await SubscribeAsync(ws, "BTCUSDT");
        var gaps = await ArrivalGapsAsync(ws, 100);
        Assert.True(gaps[50] > 4, $"median gap {gaps[50]:F2} ms, expected about 10");
        Assert.True(gaps.Count(g => g > 100) < 3, $"long pauses: {gaps.Count(g => g > 100)}");
    }
}
