using Bitget.Stream.Transport;

namespace Bitget.Stream.Tests.Transport;

internal static class TransportTestSettings
{
    /// <summary>Settings for a test transport: no environment proxy (a developer's HTTPS_PROXY must not change a test).</summary>
    public static WebSocketTransportSettings Create(TimeSpan? connectTimeout = null) => new()
    {
        ThreadName = "Bitget receive (test)",
        ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10),
        EnvironmentProxy = null,
    };
}
