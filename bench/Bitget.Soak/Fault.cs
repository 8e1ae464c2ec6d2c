namespace Bitget.Soak;

/// <summary>The faults the soak injects, in turn.</summary>
internal enum Fault
{
    /// <summary>TCP reset of every connection (close code 1006 on the client).</summary>
    Reset,
    /// <summary>A close frame with code 1000.</summary>
    Close1000,
    /// <summary>Half-open: sockets stay up, no pong and no data, until the client replaces them.</summary>
    HalfOpen,
    /// <summary>The server is down (connections refused) for a while.</summary>
    Outage,
    /// <summary>The 30033 service-upgrade notice.</summary>
    ServiceUpgrade,
}
