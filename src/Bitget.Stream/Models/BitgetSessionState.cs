namespace Bitget.Stream.Models;

/// <summary>The state of a streaming session.</summary>
public enum BitgetSessionState
{
    /// <summary>Created, not started.</summary>
    New,
    /// <summary>Opening its first connection.</summary>
    Connecting,
    /// <summary>Connected: frames flow.</summary>
    Connected,
    /// <summary>The connection was lost; a new one is being opened.</summary>
    Reconnecting,
    /// <summary>Closed by its owner.</summary>
    Closed,
    /// <summary>Gave up: the first connection failed, or reconnecting failed -MaxReconnectAttempts times in a row.</summary>
    Failed,
    /// <summary>Plays a recording (Connect-BitgetStream -ReplayPath) instead of a connection; Closed once it has played.</summary>
    Replaying,
}
