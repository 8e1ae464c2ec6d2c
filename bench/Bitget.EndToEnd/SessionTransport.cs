using System.Net.WebSockets;

namespace Bitget.EndToEnd;

/// <summary>The connection factory the session gives Websocket.Client, for the transport-only rows.</summary>
internal static class SessionTransport
{
    public static Func<Uri, CancellationToken, Task<WebSocket>>? Factory() =>
        new Bitget.Stream.Transport.WebSocketTransport(new Bitget.Stream.Transport.WebSocketTransportSettings { ThreadName = "bench transport" }).ConnectAsync;
}
