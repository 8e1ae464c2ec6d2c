using Bitget.Stream.Protocol;

namespace Bitget.Stream.Session;

/// <summary>The session could not open its first connection.</summary>
public sealed class BitgetConnectException : Exception
{
    /// <summary>Creates the exception; the cause's message may quote the server, and is shown escaped (<see cref="ServerText"/>).</summary>
    public BitgetConnectException(Uri endpoint, Exception inner)
        : base($"Could not connect to {endpoint}: {ServerText.Escape(inner.GetBaseException().Message, 1000)}", inner) => Endpoint = endpoint;

    /// <summary>The endpoint that could not be reached.</summary>
    public Uri Endpoint { get; }
}
