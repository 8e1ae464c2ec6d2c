using System.Security.Cryptography;
using System.Text;

namespace Bitget.MockExchange;

/// <summary>The server side of the RFC 6455 opening handshake (section 4.2.2).</summary>
internal static class WebSocketHandshake
{
    private const string Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary><c>Sec-WebSocket-Accept</c> = base64(SHA-1(key + the RFC's GUID)).</summary>
    /// <param name="key">The client's <c>Sec-WebSocket-Key</c>, as sent.</param>
    public static string AcceptKey(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key.Trim() + Guid)));

    /// <summary>The 101 answer that switches the connection to the WebSocket protocol.</summary>
    /// <param name="key">The client's <c>Sec-WebSocket-Key</c>.</param>
    public static byte[] SwitchingProtocols(string key) => Encoding.ASCII.GetBytes(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
        + AcceptKey(key) + "\r\n\r\n");
}
