using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Bitget.MockExchange;

namespace Bitget.Stream.Tests.MockExchange;

/// <summary>
/// The mock serves HTTP and the WebSocket upgrade itself, on a loopback <see cref="TcpListener"/>, so that it runs inside
/// pwsh, which carries no ASP.NET Core: checked on the assembly's references and on the wire (RFC 6455 handshake, keep-alive
/// REST, a request that is not an upgrade).
/// </summary>
public sealed class MockExchangeHostingTests
{
    [Fact]
    public void The_mock_references_no_ASP_NET_Core_assembly()
    {
        var references = typeof(MockBitgetExchange).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_upgrade_answers_101_with_the_RFC_6455_accept_key()
    {
        await using var mock = await MockBitgetExchange.StartAsync();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, mock.Port);
        var stream = client.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET /v2/ws/public HTTP/1.1\r\nHost: 127.0.0.1:{mock.Port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        var head = await ReadHeadAsync(stream);
        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        Assert.StartsWith("HTTP/1.1 101 ", head);
        Assert.Contains("\r\nSec-WebSocket-Accept: " + expected + "\r\n", head);
        Assert.True(await mock.WaitUntilAsync(m => m.ActiveConnections == 1, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Two_REST_requests_share_one_keep_alive_connection_and_a_plain_GET_of_a_socket_path_is_400()
    {
        await using var mock = await MockBitgetExchange.StartAsync();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, mock.Port);
        var stream = client.GetStream();
        foreach (var _ in new[] { 1, 2 })
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /control/stats HTTP/1.1\r\nHost: 127.0.0.1:{mock.Port}\r\n\r\n"));
            var head = await ReadHeadAsync(stream);
            Assert.StartsWith("HTTP/1.1 200 ", head);
            var length = int.Parse(head.Split("\r\n").Single(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))[15..].Trim());
            var body = new byte[length];
            await stream.ReadExactlyAsync(body);
            Assert.Contains("\"activeConnections\"", Encoding.UTF8.GetString(body));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /v2/ws/public HTTP/1.1\r\nHost: 127.0.0.1:{mock.Port}\r\n\r\n"));
        Assert.StartsWith("HTTP/1.1 400 ", await ReadHeadAsync(stream));
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            Assert.Equal(1, await stream.ReadAsync(one, timeout.Token));
            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString(head.ToArray());
    }
}
