using Bitget.Stream.Transport;

namespace Bitget.Stream.Tests.Transport;

internal static class TransportTestSettings
{
    /// <summary>Settings for a test transport: no environment proxy (a developer's HTTPS_PROXY must not change a test).</summary>
    public static FrameTransportSettings Create(TimeSpan? connectTimeout = null, Uri? endpoint = null) => new()
    {
        // The connector is given its address by the caller (Websocket.Client's connection factory); the transport uses this one.
        Endpoint = endpoint ?? new Uri("ws://127.0.0.1:1/"),
        Name = "test",
        ThreadName = "Bitget receive (test)",
        ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10),
        EnvironmentProxy = null,
    };

    /// <summary>A connector over <paramref name="settings"/> that nothing watches the bursts of.</summary>
    public static ReceiveThreadConnector Connector(FrameTransportSettings? settings = null) => new(settings ?? Create(), () => { });
}
