using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Transport;

/// <summary>
/// The client side of the WebSocket opening handshake (RFC 6455 §4): sends the HTTP/1.1 upgrade request and checks
/// the answer: status 101, <c>Upgrade: websocket</c>, <c>Connection: Upgrade</c>, the <c>Sec-WebSocket-Accept</c> that
/// matches our key, and no extension or subprotocol we did not ask for. Synchronous, over any stream (a socket, or
/// TLS over one); bytes the server sent right after the headers stay in the stream for the WebSocket. What the
/// server answered is quoted in messages escaped (<see cref="ServerText"/>).
/// </summary>
internal static class WebSocketUpgradeHandshake
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Performs the handshake; throws <see cref="WebSocketException"/> when the server does not agree to it.</summary>
    public static void Perform(System.IO.Stream stream, Uri endpoint)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request =
            $"GET {endpoint.PathAndQuery} HTTP/1.1\r\n" +
            $"Host: {HostHeader(endpoint)}\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\n" +
            "Sec-WebSocket-Version: 13\r\n" +
            "\r\n";
        stream.Write(Encoding.ASCII.GetBytes(request));
        stream.Flush();

        var head = HttpResponseHead.Read(stream, "the server");
        if (head.Status != 101)
            throw new WebSocketException(WebSocketError.NotAWebSocket,
                $"The server answered the WebSocket upgrade with {head.Status} {ServerText.Escape(head.Reason)} instead of 101 Switching Protocols.");
        if (!string.Equals(head["Upgrade"], "websocket", StringComparison.OrdinalIgnoreCase))
            throw new WebSocketException(WebSocketError.HeaderError, $"The server's 101 answer has 'Upgrade: {ServerText.Escape(head["Upgrade"])}', not 'websocket'.");
        if (!head.HasToken("Connection", "Upgrade"))
            throw new WebSocketException(WebSocketError.HeaderError, $"The server's 101 answer has 'Connection: {ServerText.Escape(head["Connection"])}', not 'Upgrade'.");
        var expected = ExpectedAccept(key);
        if (!string.Equals(head["Sec-WebSocket-Accept"], expected, StringComparison.Ordinal))
            throw new WebSocketException(WebSocketError.HeaderError,
                $"The server's Sec-WebSocket-Accept '{ServerText.Escape(head["Sec-WebSocket-Accept"])}' does not match the key sent (expected '{expected}').");
        if (!string.IsNullOrEmpty(head["Sec-WebSocket-Extensions"]))
            throw new WebSocketException(WebSocketError.HeaderError, $"The server enabled extensions that were not offered: {ServerText.Escape(head["Sec-WebSocket-Extensions"])}.");
        if (!string.IsNullOrEmpty(head["Sec-WebSocket-Protocol"]))
            throw new WebSocketException(WebSocketError.UnsupportedProtocol, $"The server chose a subprotocol that was not offered: {ServerText.Escape(head["Sec-WebSocket-Protocol"])}.");
    }

    /// <summary>base64(SHA-1(key + the RFC's GUID)).</summary>
    public static string ExpectedAccept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));

    /// <summary>host[:port] as the Host header wants it (IPv6 literals in brackets, IDN names punycoded).</summary>
    public static string HostHeader(Uri uri)
    {
        var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost}]" : uri.IdnHost;
        return uri.IsDefaultPort ? host : $"{host}:{uri.Port}";
    }
}
