namespace Bitget.Stream.Session;

/// <summary>
/// A subscription would need a connection beyond the number Bitget allows per IP address (100), counted over every
/// session of the process. Opening more risks a ban, so the session refuses instead.
/// </summary>
public sealed class BitgetConnectionLimitException(int maxConnections)
    : InvalidOperationException($"Bitget allows {maxConnections} connections per IP address and this process already holds {maxConnections} " +
        "(over all of its sessions). Close a session (Disconnect-BitgetStream) or unregister topics before subscribing more.")
{
    /// <summary>The limit that was reached.</summary>
    public int MaxConnections { get; } = maxConnections;
}
