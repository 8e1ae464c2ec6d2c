using System.Net.WebSockets;
using System.Text;

namespace Bitget.EndToEnd;

/// <summary>
/// (d) The floor: a bare ClientWebSocket reading the same flood of frames, no parsing, no queue. What the socket and the
/// mock can deliver on this machine; every layer above is compared with it. (bd) the same at the fixed rate of (b).
/// </summary>
internal static class BareSocketScenario
{
    /// <param name="options">Window and topics.</param>
    /// <param name="rate">0 = flood (row d); else the mock's fixed rate (row bd: the socket's share of (b)).</param>
    public static async Task<BenchResult> RunAsync(BenchOptions options, int rate = 0)
    {
        await using var mock = rate > 0
            ? await MockProcess.StartAsync("--rate", rate.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : await MockProcess.StartAsync("--flood");
        using var ws = new ClientWebSocket();
        using var stop = new CancellationTokenSource();
        await ws.ConnectAsync(mock.Endpoint, stop.Token);
        foreach (var request in BenchTopics.SubscribeRequests(options.Symbols))
            await ws.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, stop.Token);

        var frames = new Counter();
        var reader = Task.Run(async () =>
        {
            // 4 KiB like Websocket.Client's receive chunk; a ticker frame is about 600 bytes.
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    var r = await ws.ReceiveAsync(buffer.AsMemory(), stop.Token);
                    if (r.MessageType == WebSocketMessageType.Close)
                        return;
                    if (r.EndOfMessage)
                        frames.Increment();
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                // Aborted after the window.
            }
        });

        var window = await MeasuredWindow.RunAsync(() => frames.Value, options, mock);
        stop.Cancel();
        ws.Abort();
        await reader;
        if (rate > 0)
        {
            return new BenchResult("bd", $"(d) at a fixed {rate:N0} frames/s", window.Rate, "frames/s",
                window.Meter.CostPer(window.Items), "the socket's share of (b): .NET sockets, thread-pool wake-ups, no parsing");
        }
        return new BenchResult("d", "bare ClientWebSocket read (flood), no parsing", window.Rate, "frames/s",
            window.Meter.CostPer(window.Items), "the socket + mock ceiling on this box");
    }
}
