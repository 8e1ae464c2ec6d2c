using System.Net;
using System.Net.Security;

namespace Bitget.Stream.Transport;

/// <summary>How a <see cref="WebSocketTransport"/> connects and behaves.</summary>
internal sealed record WebSocketTransportSettings
{
    /// <summary>The receive thread's name.</summary>
    public required string ThreadName { get; init; }

    /// <summary>The longest DNS, TCP connect, proxy tunnel, TLS and upgrade may take together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest one send may block because the peer stopped reading; then the connection is aborted.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An http:// proxy to tunnel through; null uses the environment's (see <see cref="ProxySelector"/>).</summary>
    public Uri? Proxy { get; init; }

    /// <summary>The environment's proxy settings; null for none.</summary>
    public IWebProxy? EnvironmentProxy { get; init; } = System.Net.Http.HttpClient.DefaultProxy;

    /// <summary>See <see cref="ReceiveBurst.Window"/>.</summary>
    public TimeSpan BurstWindow { get; init; } = ReceiveBurst.DefaultWindow;

    /// <summary>Whether a consumer about to wait for data may read the socket itself (<see cref="ReadLender"/>).</summary>
    public bool LendReads { get; init; } = true;

    /// <summary>Replaces the system's certificate validation (tests with a self-signed certificate only).</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>The resolver.</summary>
    public SocketConnector.Resolver Resolve { get; init; } = SocketConnector.SystemResolver;
}
