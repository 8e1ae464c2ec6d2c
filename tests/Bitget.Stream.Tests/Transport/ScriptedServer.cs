using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Bitget.Stream.Tests.Transport;

/// <summary>
/// A loopback TCP server that plays a script against each connection it accepts: a misbehaving WebSocket server, a
/// proxy, a TLS server. It reads the client's request head itself, so that scripts can answer it byte for byte.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<Task> _sessions = [];

    public ScriptedServer(Func<Socket, CancellationToken, Task> script, IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(address, 0));
        _listener.Listen(16);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptAsync(_stop.Token);
                    client.NoDelay = true;
                    lock (_sessions)
                        _sessions.Add(Task.Run(async () =>
                        {
                            using (client)
                            {
                                try
                                {
                                    await script(client, _stop.Token);
                                }
                                catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException
                                                               or System.Net.WebSockets.WebSocketException)
                                {
                                }
                            }
                        }));
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        });
    }

    public int Port { get; }

    public Uri WsEndpoint(string host = "127.0.0.1") => new($"ws://{host}:{Port}/v2/ws/public");

    /// <summary>Reads an HTTP request head (up to the blank line) from <paramref name="stream"/>, one byte at a time.</summary>
    public static async Task<string> ReadHeadAsync(System.IO.Stream stream, CancellationToken ct)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!(bytes.Count >= 4 && bytes[^1] == '\n' && bytes[^2] == '\r' && bytes[^3] == '\n' && bytes[^4] == '\r'))
        {
            if (await stream.ReadAsync(one, ct) == 0)
                throw new IOException("client closed");
            bytes.Add(one[0]);
        }
        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    /// <summary>The Sec-WebSocket-Key of a request head.</summary>
    public static string KeyOf(string head) =>
        head.Split("\r\n").Single(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))["Sec-WebSocket-Key:".Length..].Trim();

    /// <summary>The accept value a correct server answers <paramref name="key"/> with.</summary>
    public static string AcceptFor(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));

    /// <summary>A correct 101 answer to <paramref name="head"/>.</summary>
    public static string SwitchingProtocols(string head) =>
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        $"Sec-WebSocket-Accept: {AcceptFor(KeyOf(head))}\r\n\r\n";

    /// <summary>An unmasked server text frame (payload under 126 bytes).</summary>
    public static byte[] TextFrame(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        if (payload.Length > 125)
            throw new ArgumentException("short frames only", nameof(text));
        return [0x81, (byte)payload.Length, .. payload];
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Dispose();
        await _accepting;
        Task[] sessions;
        lock (_sessions)
            sessions = [.. _sessions];
        await Task.WhenAll(sessions).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
