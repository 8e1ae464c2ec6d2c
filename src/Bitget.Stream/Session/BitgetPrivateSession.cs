using Bitget.Stream.Credentials;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Session;

/// <summary>Turns a <see cref="BitgetStreamSession"/> into a private one: it logs in on every (re)connect.</summary>
public static class BitgetPrivateSession
{
    /// <summary>Bitget's private endpoint.</summary>
    public static readonly Uri PrivateEndpoint = new("wss://ws.bitget.com/v2/ws/private");

    /// <summary>Bitget's demo-trading private endpoint (demo API keys).</summary>
    public static readonly Uri DemoPrivateEndpoint = new("wss://wspap.bitget.com/v2/ws/private");

    /// <summary>How long a connection waits for the answer to its login before it is replaced.</summary>
    public static readonly TimeSpan LoginAckTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Makes the session log in with <paramref name="credentials"/> on every new connection before its subscriptions are
    /// replayed. The session owns the credentials from here on and wipes them when it ends. Call before
    /// <see cref="BitgetStreamSession.ConnectAsync"/>.
    /// </summary>
    /// <exception cref="BitgetArgumentException">The endpoint is neither <c>wss://</c> nor <c>ws://</c> to a loopback
    /// address: the login would travel in clear text. Nothing was sent; the credentials are wiped.</exception>
    public static void EnableLogin(this BitgetStreamSession session, BitgetCredentials credentials) =>
        EnableLogin(session, credentials, TimeProvider.System, LoginAckTimeout);

    /// <summary>Whether the session logs in (<see cref="EnableLogin(BitgetStreamSession, BitgetCredentials)"/> was called).</summary>
    public static bool LogsIn(this BitgetStreamSession session) => session.ConnectionHook is LoginHook;

    internal static LoginHook EnableLogin(this BitgetStreamSession session, BitgetCredentials credentials, TimeProvider clock, TimeSpan ackTimeout)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(credentials);
        if (!LoginSigner.IsSafeForLogin(session.Endpoint))
        {
            credentials.Dispose();
            throw new BitgetArgumentException("Endpoint", session.Endpoint.ToString(),
                $"Refusing to log in to {session.Endpoint}: a login is sent only over wss://, or over ws:// to a loopback address (a local mock exchange).");
        }
        var hook = new LoginHook(credentials, session, clock, ackTimeout);
        session.ConnectionHook = hook;
        _ = session.Completion.ContinueWith(_ => credentials.Dispose(), TaskScheduler.Default);
        return hook;
    }
}
