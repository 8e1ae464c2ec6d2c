using System.Net;
using System.Net.Security;

namespace Bitget.Stream.Transport;

/// <summary>How an <see cref="IFrameTransport"/> connects and behaves.</summary>
internal sealed record FrameTransportSettings
{
    /// <summary>The ws:// or wss:// address.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The connection's name (the session's), for diagnostics.</summary>
    public required string Name { get; init; }

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

    /// <summary>Replaces the system's certificate validation (tests with a self-signed certificate only).</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>The resolver.</summary>
    public SocketConnector.Resolver Resolve { get; init; } = SocketConnector.SystemResolver;
}
