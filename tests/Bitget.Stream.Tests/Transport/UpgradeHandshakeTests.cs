using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Bitget.Stream.Transport;

namespace Bitget.Stream.Tests.Transport;

/// <summary>
/// The transport's own connect: DNS failover, the HTTP upgrade against servers that answer wrongly or oddly, bytes that
/// arrive with the 101, the connect timeout and cancellation.
/// </summary>
public sealed class UpgradeHandshakeTests
{
    private static async Task<WebSocket> ConnectAsync(Uri endpoint, FrameTransportSettings? settings = null, CancellationToken cancellation = default) =>
        await TransportTestSettings.Connector(settings).ConnectAsync(endpoint, cancellation).WaitAsync(TimeSpan.FromSeconds(30));

    private static async Task<string> ReceiveTextAsync(WebSocket ws)
    {
        var buffer = new byte[1024];
        var result = await ws.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(result.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    [Fact]
    public async Task ACorrectServerIsAcceptedAndItsRequestIsWellFormed()
    {
        string? request = null;
        await using var server = new ScriptedServer(async (socket, ct) =>
        {
            using var stream = new NetworkStream(socket);
            request = await ScriptedServer.ReadHeadAsync(stream, ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(ScriptedServer.SwitchingProtocols(request)), ct);
            await stream.WriteAsync(ScriptedServer.TextFrame("hello"), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var ws = await ConnectAsync(server.WsEndpoint());
        Assert.Equal("hello", await ReceiveTextAsync(ws));
        Assert.StartsWith("GET /v2/ws/public HTTP/1.1\r\n", request);
        Assert.Contains($"\r\nHost: 127.0.0.1:{server.Port}\r\n", request);
        Assert.Contains("\r\nUpgrade: websocket\r\n", request);
        Assert.Contains("\r\nSec-WebSocket-Version: 13\r\n", request);
        Assert.Equal(16, Convert.FromBase64String(ScriptedServer.KeyOf(request!)).Length);
    }

    [Fact]
    public async Task AWrongAcceptKeyIsRefused()
    {
        await using var server = new ScriptedServer(async (socket, ct) =>
        {
            using var stream = new NetworkStream(socket);
            var head = await ScriptedServer.ReadHeadAsync(stream, ct);
            var wrong = ScriptedServer.AcceptFor("dGhlIHNhbXBsZSBub25jZQ==");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {wrong}\r\n\r\n"), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(server.WsEndpoint()));
        Assert.Contains("Sec-WebSocket-Accept", ex.Message);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "200 OK")]
    [InlineData("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", "403 Forbidden")]
    [InlineData("HTTP/1.1 429 Too Many Requests\r\n\r\n", "429 Too Many Requests")]
    public async Task AStatusOtherThan101IsRefusedWithTheStatusInTheMessage(string answer, string status)
    {
        await using var server = new ScriptedServer(async (socket, ct) =>
        {
            using var stream = new NetworkStream(socket);
            await ScriptedServer.ReadHeadAsync(stream, ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(server.WsEndpoint()));
        Assert.Contains(status, ex.Message);
    }

    [Fact]
    public async Task AnswersWithoutTheUpgradeHeadersOrWithUnofferedExtensionsAreRefused()
    {
        foreach (var (tweak, expected) in new (Func<string, string>, string)[]
                 {
                     (a => a.Replace("Upgrade: websocket\r\n", "", StringComparison.Ordinal), "Upgrade"),
                     (a => a.Replace("Connection: Upgrade\r\n", "Connection: keep-alive\r\n", StringComparison.Ordinal), "Connection"),
                     (a => a.Replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n", StringComparison.Ordinal), "extensions"),
                 })
        {
            await using var server = new ScriptedServer(async (socket, ct) =>
            {
                using var stream = new NetworkStream(socket);
                var head = await ScriptedServer.ReadHeadAsync(stream, ct);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(tweak(ScriptedServer.SwitchingProtocols(head))), ct);
                await Task.Delay(Timeout.Infinite, ct);
            });
            var ex = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(server.WsEndpoint()));
            Assert.Contains(expected, ex.Message);
        }
    }

    [Fact]
    public async Task HeadersSplitAcrossReadsAndDataBytesArrivingWithThe101AreBothHandled()
    {
        // The answer goes out in pieces cut mid-line (each its own TCP segment, NoDelay), the last piece carrying the
        // blank line together with two whole frames and half of a third; the rest of that frame comes later.
        await using var server = new ScriptedServer(async (socket, ct) =>
        {
            using var stream = new NetworkStream(socket);
            var head = await ScriptedServer.ReadHeadAsync(stream, ct);
            var answer = Encoding.ASCII.GetBytes(ScriptedServer.SwitchingProtocols(head));
            var third = ScriptedServer.TextFrame("third");
            byte[] tail = [.. answer[^2..], .. ScriptedServer.TextFrame("first"), .. ScriptedServer.TextFrame("second"), .. third[..3]];
            foreach (var piece in new[] { answer[..5], answer[5..20], answer[20..^2], tail })
            {
                await stream.WriteAsync(piece, ct);
                await Task.Delay(20, ct); // gaps, so the pieces arrive apart (the client must cope either way)
            }
            await stream.WriteAsync(third[3..], ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var ws = await ConnectAsync(server.WsEndpoint());
        Assert.Equal("first", await ReceiveTextAsync(ws));
        Assert.Equal("second", await ReceiveTextAsync(ws));
        Assert.Equal("third", await ReceiveTextAsync(ws));
    }

    [Fact]
    public void TheResponseHeadIsReadWithoutConsumingWhatFollowsIt()
    {
        // Deterministic split: a stream that hands out one byte per read.
        var bytes = Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nX-Two: a\r\nx-two: b\r\n\r\nDATA");
        using var stream = new OneByteStream(bytes);
        var head = HttpResponseHead.Read(stream, "the server");
        Assert.Equal(101, head.Status);
        Assert.Equal("Switching Protocols", head.Reason);
        Assert.Equal("websocket", head["upgrade"]);
        Assert.Equal("a, b", head["X-Two"]);
        var rest = new byte[16];
        var n = stream.Read(rest);
        n += stream.Read(rest.AsSpan(n));
        n += stream.Read(rest.AsSpan(n));
        n += stream.Read(rest.AsSpan(n));
        Assert.Equal("DATA", Encoding.ASCII.GetString(rest, 0, n));
    }

    [Fact]
    public void AMalformedOrEndlessOrTruncatedHeadIsAnError()
    {
        Assert.Contains("HTTP/1.x", Assert.Throws<IOException>(() => HttpResponseHead.Read(new MemoryStream("SSH-2.0-OpenSSH\r\n\r\n"u8.ToArray()), "the server")).Message);
        Assert.Contains("closed the connection", Assert.Throws<IOException>(() => HttpResponseHead.Read(new MemoryStream("HTTP/1.1 101 Swi"u8.ToArray()), "the server")).Message);
        var endless = Encoding.ASCII.GetBytes("HTTP/1.1 101 OK\r\n" + string.Concat(Enumerable.Repeat("X-Pad: 0123456789\r\n", 2000)));
        Assert.Contains("KiB", Assert.Throws<IOException>(() => HttpResponseHead.Read(new MemoryStream(endless), "the server")).Message);
    }

    [Fact]
    public async Task AServerThatNeverAnswersTheUpgradeRunsIntoTheConnectTimeout()
    {
        await using var server = new ScriptedServer(async (socket, ct) =>
        {
            using var stream = new NetworkStream(socket);
            await ScriptedServer.ReadHeadAsync(stream, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => ConnectAsync(server.WsEndpoint(), TransportTestSettings.Create(TimeSpan.FromMilliseconds(500))));
        Assert.Contains($"{server.WsEndpoint()} accepted the connection but did not answer the WebSocket upgrade within 0.5 s.", ex.Message);
    }

    [Fact]
    public async Task AServerThatNeverAnswersTheTlsHandshakeIsNamedAsSuch()
    {
        await using var server = new ScriptedServer(async (socket, ct) => await Task.Delay(Timeout.Infinite, ct));
        var endpoint = new Uri($"wss://127.0.0.1:{server.Port}/v2/ws/public");
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => ConnectAsync(endpoint, TransportTestSettings.Create(TimeSpan.FromMilliseconds(500))));
        Assert.Equal($"{endpoint} accepted the connection but did not complete the TLS handshake within 0.5 s.", ex.Message);
    }

    [Fact]
    public async Task ATcpConnectThatHangsRunsIntoTheConnectTimeout()
    {
        // A listener that never accepts, its backlog full: further SYNs are dropped, so connect() hangs.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            // Fill the backlog: connects that complete (the kernel's queue) until one hangs.
            while (fillers.Count < 8)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                var connect = filler.ConnectAsync(endpoint);
                if (await Task.WhenAny(connect, Task.Delay(500)) != connect)
                    break;
            }
            var ex = await Assert.ThrowsAsync<TimeoutException>(() =>
                ConnectAsync(new Uri($"ws://127.0.0.1:{endpoint.Port}/"), TransportTestSettings.Create(TimeSpan.FromMilliseconds(700))));
            Assert.Contains("took longer", ex.Message);
        }
        finally
        {
            foreach (var filler in fillers)
                filler.Dispose();
        }
    }

    [Fact]
    public async Task CancellationEndsAConnectInProgress()
    {
        await using var server = new ScriptedServer(async (socket, ct) =>
        {
            using var stream = new NetworkStream(socket);
            await ScriptedServer.ReadHeadAsync(stream, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ConnectAsync(server.WsEndpoint(), cancellation: cts.Token));
    }

    [Fact]
    public async Task AnAddressThatRefusesIsSkippedForTheNextOne()
    {
        // The name resolves to 127.0.0.2 first, where nothing listens (refused), then to 127.0.0.1.
        await using var server = new ScriptedServer(async (socket, ct) =>
        {
            using var stream = new NetworkStream(socket);
            var head = await ScriptedServer.ReadHeadAsync(stream, ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(ScriptedServer.SwitchingProtocols(head)), ct);
            await stream.WriteAsync(ScriptedServer.TextFrame("via the second address"), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var asked = new List<string>();
        var settings = TransportTestSettings.Create() with
        {
            Resolve = (host, _) =>
            {
                asked.Add(host);
                return [IPAddress.Parse("127.0.0.2"), IPAddress.Loopback];
            },
        };
        using var ws = await ConnectAsync(new Uri($"ws://exchange.test:{server.Port}/v2/ws/public"), settings);
        Assert.Equal("via the second address", await ReceiveTextAsync(ws));
        Assert.Equal(["exchange.test"], asked);

        // No address answers: the error names each.
        var none = TransportTestSettings.Create() with { Resolve = (_, _) => [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")] };
        var ex = await Assert.ThrowsAsync<IOException>(() => ConnectAsync(new Uri($"ws://exchange.test:{server.Port}/"), none));
        Assert.Contains("127.0.0.2", ex.Message);
        Assert.Contains("127.0.0.3", ex.Message);
    }

    [Fact]
    public async Task AnIPv6ServerIsReached()
    {
        Assert.True(Socket.OSSupportsIPv6, "this machine has no IPv6 loopback");
        await using var server = new ScriptedServer(async (socket, ct) =>
        {
            using var stream = new NetworkStream(socket);
            var head = await ScriptedServer.ReadHeadAsync(stream, ct);
            Assert.Contains($"\r\nHost: [::1]:{((IPEndPoint)socket.LocalEndPoint!).Port}\r\n", head);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(ScriptedServer.SwitchingProtocols(head)), ct);
            await stream.WriteAsync(ScriptedServer.TextFrame("v6"), ct);
            await Task.Delay(Timeout.Infinite, ct);
        }, IPAddress.IPv6Loopback);
        using var ws = await ConnectAsync(new Uri($"ws://[::1]:{server.Port}/v2/ws/public"));
        Assert.Equal("v6", await ReceiveTextAsync(ws));
    }

    private sealed class OneByteStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer.Length == 0 ? buffer : buffer[..1]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
