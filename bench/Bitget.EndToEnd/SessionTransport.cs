using System.Net.WebSockets;

namespace Bitget.EndToEnd;

/// <summary>The connection factory the session's transport gives Websocket.Client, for the transport-only rows.</summary>
internal static class SessionTransport
{
    public static Func<Uri, CancellationToken, Task<WebSocket>>? Factory() =>
        new Bitget.Stream.Transport.ReceiveThreadConnector(new Bitget.Stream.Transport.FrameTransportSettings
        {
            Endpoint = new Uri("ws://127.0.0.1:1/"),
            Name = "bench",
            ThreadName = "bench transport",
        }, () => { }).ConnectAsync;
}
