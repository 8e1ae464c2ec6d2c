using System.Text.Json;

namespace Bitget.MockExchange;

/// <summary>
/// What one API makes of a connection's requests: its error frames and its verdict on each subscribe/unsubscribe argument.
/// <see cref="MockConnection"/> does the rest (limits, acks, pushes, faults) the same way on both.
/// </summary>
internal abstract class WireDialect
{
    /// <summary>The dialect of a socket path: <c>/v3/ws/…</c> speaks v3, anything else v2.</summary>
    public static WireDialect For(string path) =>
        path.StartsWith("/v3/", StringComparison.Ordinal) ? new V3Dialect(V3Protocol.NewConnId()) : V2Dialect.Instance;

    /// <summary>The API.</summary>
    public abstract ProtocolVersion Version { get; }

    /// <summary>An error event that names no argument (v2 adds <paramref name="op"/> when given; v3 its connId).</summary>
    public abstract byte[] Error(int code, string message, string? op = null);

    /// <summary>The error event of <see cref="MockBitgetExchange.BroadcastErrorAsync"/> (v3 has no arg, so it names none).</summary>
    public abstract byte[] BroadcastError(int code, string message, string? instType, string? channel, string? instId);

    /// <summary>Whether a request with this many arguments closes the socket instead of being answered.</summary>
    public abstract bool ClosesOn(int argCount, MockExchangeOptions options);

    /// <summary>The verdict on one element of a subscribe/unsubscribe <c>args</c> array.</summary>
    /// <param name="element">The element as sent.</param>
    /// <param name="op"><c>subscribe</c> or <c>unsubscribe</c>.</param>
    /// <param name="tooBig">The request's args are over <see cref="MockExchangeOptions.MaxArgsBytes"/>: refuse it.</param>
    /// <param name="loggedIn">Whether the connection has logged in (private topics need it).</param>
    /// <param name="options">The exchange's switches.</param>
    public abstract ArgVerdict Resolve(JsonElement element, string op, bool tooBig, bool loggedIn, MockExchangeOptions options);

    /// <summary>What becomes of one argument: refused (an error frame), a public topic, or a private one.</summary>
    internal sealed class ArgVerdict
    {
        private ArgVerdict()
        {
        }

        /// <summary>The answer to a refused argument.</summary>
        public byte[]? Error { get; private init; }

        /// <summary>The public topic to subscribe or unsubscribe.</summary>
        public TopicArg? Topic { get; private init; }

        /// <summary>The private topic's key (<see cref="MockBitgetExchange.ActiveSubscriptions"/>).</summary>
        public string? PrivateKey { get; private init; }

        /// <summary>The ack of a public or private topic.</summary>
        public byte[] Ack { get; private init; } = [];

        /// <summary>A private topic's snapshot after a subscribe, when the exchange pushes one (made at that moment).</summary>
        public Func<DateTimeOffset, byte[]?>? Snapshot { get; private init; }

        public static ArgVerdict Refused(byte[] error) => new() { Error = error };

        public static ArgVerdict Public(TopicArg topic, byte[] ack) => new() { Topic = topic, Ack = ack };

        public static ArgVerdict Private(string key, byte[] ack, Func<DateTimeOffset, byte[]?>? snapshot) =>
            new() { PrivateKey = key, Ack = ack, Snapshot = snapshot };
    }
}
