using Bitget.Stream.Parsing;

namespace Bitget.Stream.Session;

/// <summary>
/// Runs on every new connection between "open" and "replay subscriptions" (the private channels log in here), and
/// sees the events the router does not handle itself (login answers).
/// </summary>
internal interface IConnectionHook
{
    /// <summary>
    /// Called once the socket is open, before any subscription is replayed. Throwing fails this connection (it is
    /// replaced like any other); <see cref="BitgetSessionFatalException"/> ends the session.
    /// </summary>
    Task OnOpenedAsync(BitgetConnection connection, CancellationToken cancellation);

    /// <summary>A login answer or another event, on the receive thread: quick, never throws.</summary>
    void OnEvent(BitgetConnection connection, in BitgetFrame frame);
}
