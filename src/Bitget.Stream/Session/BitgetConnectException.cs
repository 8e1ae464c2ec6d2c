namespace Bitget.Stream.Session;

/// <summary>The session could not open its first connection.</summary>
public sealed class BitgetConnectException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BitgetConnectException(Uri endpoint, Exception inner)
        : base($"Could not connect to {endpoint}: {inner.GetBaseException().Message}", inner) => Endpoint = endpoint;

    /// <summary>The endpoint that could not be reached.</summary>
    public Uri Endpoint { get; }
}
