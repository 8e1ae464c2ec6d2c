using System.Net.Sockets;
using System.Text;
using Bitget.Stream.Models;
using Bitget.Stream.Recording;
using Bitget.Stream.Session;
using Bitget.Stream.Tests.Transport;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// A failure is reported as what happened and where: a server that never answers the upgrade, a text frame that is not
/// UTF-8, a bad frame read from a recording (named by its file, not by the endpoint the session would have used).
/// </summary>
public sealed class FailureMessageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AServerThatAcceptsButNeverAnswersTheUpgradeIsReportedAsSuchWithItsAddress()
    {
        await using var server = new ScriptedServer(async (socket, ct) =>
        {
            using var stream = new NetworkStream(socket);
            await ScriptedServer.ReadHeadAsync(stream, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var endpoint = server.WsEndpoint();
        await using var session = new BitgetStreamSession(new BitgetSessionOptions
        {
            Endpoint = endpoint,
            ConnectTimeout = TimeSpan.FromMilliseconds(500),
        });
        var ex = await Assert.ThrowsAsync<BitgetConnectException>(() => session.ConnectAsync().WaitAsync(Patience));
        Assert.True(ex.Message.Contains($"{endpoint} accepted the connection but did not answer the WebSocket upgrade within 0.5 s", StringComparison.Ordinal), ex.Message);
        Assert.DoesNotContain("canceled", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("did not answer the WebSocket upgrade", session.EndReason);
    }

    [Fact]
    public async Task ATextFrameThatIsNotUtf8IsTheNamedReasonOfTheReconnect()
    {
        var connections = 0;
        await using var server = new ScriptedServer(async (socket, ct) =>
        {
            using var stream = new NetworkStream(socket);
            var head = await ScriptedServer.ReadHeadAsync(stream, ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(ScriptedServer.SwitchingProtocols(head)), ct);
            // The first connection gets a text frame with a byte sequence UTF-8 does not allow (0xC3 0x28); later ones stay quiet.
            if (Interlocked.Increment(ref connections) == 1)
                await stream.WriteAsync(new byte[] { 0x81, 0x04, (byte)'a', 0xC3, 0x28, (byte)'b' }, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var endpoint = server.WsEndpoint();
        await using var session = new BitgetStreamSession(new BitgetSessionOptions
        {
            Endpoint = endpoint,
            ReconnectPolicy = new ReconnectPolicy { Initial = TimeSpan.FromMilliseconds(50), Max = TimeSpan.FromMilliseconds(200) },
        });
        using var feed = session.Open<BitgetTicker>(null);
        await session.ConnectAsync().WaitAsync(Patience);
        var lost = TakeNotice(feed, n => n.Message.StartsWith("Lost the connection", StringComparison.Ordinal));
        Assert.True(lost.Message.StartsWith($"Lost the connection to {endpoint}: the server sent a text frame that is not valid UTF-8", StringComparison.Ordinal), lost.Message);
        Assert.DoesNotContain("Aborted", lost.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("InnerException", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadFrameOfAReplayNamesTheRecordingAndTheFrameNotTheEndpoint()
    {
        var folder = Directory.CreateTempSubdirectory("bitget-source-").FullName;
        try
        {
            var path = Path.Combine(folder, "capture.jsonl");
            var ticker = """{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"},"data":[{"instId":"BTCUSDT","lastPr":"1","bidPr":"1","askPr":"2","bidSz":"1","askSz":"1","ts":"1764460800000"}],"ts":1764460800000}""";
            using (var capture = new FrameCapture(path))
            {
                var at = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
                capture.Write(at, Encoding.UTF8.GetBytes(ticker));
                capture.Write(at, Encoding.UTF8.GetBytes(ticker.Replace("\"ts\":\"1764460800000\"", "\"ts\":\"1764460800001\"")));
                capture.Write(at, "{not json"u8);
            }
            await using var session = new BitgetStreamSession(new BitgetSessionOptions { ReplayPath = path });
            await session.ConnectAsync();
            using var feed = session.Open<BitgetTicker>(null);
            var bad = TakeNotice(feed, n => n.Message.Contains("bad frame", StringComparison.Ordinal));
            Assert.True(bad.Message.StartsWith($"Ignored a bad frame from the recording {path} (frame 3): ", StringComparison.Ordinal), bad.Message);
            Assert.DoesNotContain("ws.bitget.com", bad.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static BitgetNotice TakeNotice(BitgetFeed<BitgetTicker> feed, Func<BitgetNotice, bool> match)
    {
        var deadline = DateTime.UtcNow + Patience;
        var seen = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            var result = feed.Take(deadline - DateTime.UtcNow, CancellationToken.None, out _, out var notice);
            if (result == BitgetFeedResult.Notice)
            {
                if (match(notice!))
                    return notice!;
                seen.Add(notice!.Message);
            }
            if (result == BitgetFeedResult.Completed)
                break;
        }
        throw new TimeoutException("no such notice; seen: " + string.Join(" | ", seen));
    }
}
