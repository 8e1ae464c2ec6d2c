namespace Bitget.Stream.Models;

/// <summary>How a consumer should surface a <see cref="BitgetNotice"/>.</summary>
public enum BitgetNoticeKind
{
    /// <summary>Diagnostic detail (connected, subscribed).</summary>
    Verbose,
    /// <summary>Something the user should know that needs no action (reconnecting, a mapped name, dropped data).</summary>
    Warning,
    /// <summary>A failure of one topic or request (a server error event).</summary>
    Error,
    /// <summary>The session ended; no more data will come.</summary>
    SessionEnded,
}
