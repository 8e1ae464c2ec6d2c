namespace Bitget.Stream.Models;

/// <summary>The life cycle of one subscription on the current connection.</summary>
public enum BitgetSubscriptionState
{
    /// <summary>Wanted, but not yet sent on the current connection (not connected, or waiting for the pacer).</summary>
    Pending,
    /// <summary>Sent; no acknowledgement yet.</summary>
    Requested,
    /// <summary>Acknowledged by the server.</summary>
    Subscribed,
    /// <summary>Rejected by the server; not replayed.</summary>
    Failed,
    /// <summary>Acknowledged, but no data even after a resubscribe (e.g. a symbol under the wrong instType); still watched.</summary>
    Stale,
}
