using System.Globalization;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Session;

/// <summary>Settings of a <see cref="BitgetStreamSession"/>. Defaults follow Bitget's published limits.</summary>
public sealed class BitgetSessionOptions
{
    /// <summary>Bitget's public v2 endpoint.</summary>
    public static readonly Uri PublicEndpoint = new("wss://ws.bitget.com/v2/ws/public");

    /// <summary>Bitget's demo-trading public v2 endpoint.</summary>
    public static readonly Uri DemoPublicEndpoint = new("wss://wspap.bitget.com/v2/ws/public");

    /// <summary>Where to connect.</summary>
    public Uri Endpoint { get; set; } = PublicEndpoint;

    /// <summary>
    /// The API the endpoint speaks (default Classic, v2). Set it with the endpoint: Bitget's v3 endpoints
    /// (<see cref="WireDialect.PublicEndpoint"/> of <see cref="WireDialect.Unified"/>) are <see cref="BitgetApi.Unified"/>.
    /// </summary>
    public BitgetApi Api { get; set; } = BitgetApi.Classic;

    /// <summary>How <see cref="Api"/> spells topics on the wire.</summary>
    public WireDialect Dialect => WireDialect.For(Api);

    /// <summary>A name for messages and diagnostics.</summary>
    public string Name { get; set; } = "Bitget";

    /// <summary>How often the text <c>ping</c> is sent (Bitget: every 30 s; it disconnects after 2 min without). Above 0, at most 2 min.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after a ping with no frame at all before the connection is presumed dead and replaced. Above 0, at most 5 min.</summary>
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one connection attempt may take. Above 0, at most 5 min.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive failed reconnects before the session gives up; 0 retries forever. Not negative.</summary>
    public int MaxReconnectAttempts { get; set; }

    /// <summary>Backoff between reconnect attempts; its Initial and Max are above 0 and at most 10 min.</summary>
    public ReconnectPolicy ReconnectPolicy { get; set; } = new();

    /// <summary>Client messages (pings, requests) per second and connection; Bitget disconnects above 10, so 1 to 10.</summary>
    public int MaxMessagesPerSecond { get; set; } = 8;

    /// <summary>Arguments per subscribe request (the byte limit of 4096 applies as well); 1 to 1000.</summary>
    public int MaxArgsPerRequest { get; set; } = Protocol.SubscriptionRequestBuilder.DefaultMaxArgsPerRequest;

    /// <summary>A connection that lived at least this long counts as healthy: the failure count restarts. 0 to 24 h.</summary>
    public TimeSpan HealthyConnectionTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Topics per connection. Bitget allows 1000 but recommends fewer than 50; above this the session opens more
    /// connections, each with its own pacing and subscribe budget. 1 to 1000.
    /// </summary>
    public int MaxTopicsPerConnection { get; set; } = 50;

    /// <summary>Subscribe requests one connection may send in any hour (Bitget: 240); the rest wait, pings do not. 1 to 240.</summary>
    public int MaxSubscribeRequestsPerHour { get; set; } = 240;

    /// <summary>A subscribe request with no acknowledgement (and no data) after this long is sent again, once. Above 0, at most 5 min.</summary>
    public TimeSpan SubscribeAckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A subscribed topic with no push for this long is resubscribed once; still silent after as long again, it is
    /// reported as stale (a symbol under the wrong instType is acknowledged but silent). <see cref="TimeSpan.Zero"/> turns
    /// per-topic staleness off; at most 24 h.
    /// </summary>
    public TimeSpan StaleTopicTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A connection older than this is replaced before the server's forced disconnect (Bitget cuts connections after
    /// 24 hours); <see cref="TimeSpan.Zero"/> never recycles; at most 24 h.
    /// </summary>
    public TimeSpan MaxConnectionAge { get; set; } = TimeSpan.FromHours(23.5);

    /// <summary>Requests (subscribe, unsubscribe) a connection may hold waiting to be sent; more are sent again by the session's sweep.</summary>
    public int SendQueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// A connection left with no subscription for this long is closed (Bitget cuts it after 30 s anyway); the next
    /// subscription opens it again.
    /// </summary>
    public TimeSpan IdleConnectionTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The per-IP limits (connection attempts, connections) this session counts against; null (the default) takes
    /// <see cref="ExchangeLimits.For"/> its endpoint's server, shared by every session of the process that talks to it,
    /// so that all of them together stay within Bitget's limits.
    /// </summary>
    public ExchangeLimits? Limits { get; set; }

    /// <summary>Store every received frame with its receipt time in this file (JSON lines; gzip when it ends in .gz).</summary>
    public string? RecordPath { get; set; }

    /// <summary>
    /// Play this recording (<see cref="RecordPath"/>) through the session instead of connecting: no socket is opened,
    /// and the frames start with the first feed the session opens.
    /// </summary>
    public string? ReplayPath { get; set; }

    /// <summary>The pace of <see cref="ReplayPath"/>: 0 as fast as possible (default), 1 as recorded, N times faster.</summary>
    public double ReplaySpeed { get; set; }

    // Upper bounds. Beyond them a value is a mistake (a unit mix-up, a "never" spelt as a huge number), and timers
    // past about 49 days cannot even be armed: caught here as the option's error, not later as a failed session.
    private static readonly TimeSpan s_maxPingInterval = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_maxShortTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_maxReconnectDelay = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_maxConnectionLife = TimeSpan.FromHours(24);
    private const int MaxExchangeMessagesPerSecond = 10;
    private const int MaxExchangeSubscribesPerHour = 240;
    private const int MaxExchangeTopicsPerConnection = 1000;
    /// <summary>
    /// An http:// proxy to reach the endpoint through (HTTP CONNECT; credentials as http://user:password@host:port).
    /// Null uses the environment's proxy settings (HTTPS_PROXY for wss, HTTP_PROXY for ws, ALL_PROXY, NO_PROXY), if any.
    /// </summary>
    public Uri? Proxy { get; set; }

    /// <summary>Replaces the system's validation of the server certificate: for tests against a self-signed one only.</summary>
    internal System.Net.Security.RemoteCertificateValidationCallback? CertificateValidation { get; set; }

    /// <summary>
    /// Makes each connection's transport (connect, read on its own thread, send, close): Websocket.Client over the
    /// module's receive thread unless a test or a benchmark plugs in another.
    /// </summary>
    internal Func<Transport.FrameTransportSettings, Transport.IFrameReceiver, Transport.IFrameTransport> TransportFactory { get; set; } =
        Transport.WebsocketClientTransport.Create;

    /// <summary>Checks the options and returns a copy the session owns.</summary>
    /// <exception cref="BitgetArgumentException">An option is missing or out of range; the message names it, its value and the range.</exception>
    internal BitgetSessionOptions Validate()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != "ws" && Endpoint.Scheme != "wss"))
            throw new BitgetArgumentException(nameof(Endpoint), Endpoint?.ToString() ?? "",
                $"{nameof(Endpoint)} '{Endpoint}' is not a ws:// or wss:// address.");
        if (Proxy is not null)
            Transport.ProxySelector.Validate(Proxy, nameof(Proxy));
        if (Name is null)
            throw new BitgetArgumentException(nameof(Name), "", $"{nameof(Name)} cannot be null.");
        if (ReconnectPolicy is null)
            throw new BitgetArgumentException(nameof(ReconnectPolicy), "", $"{nameof(ReconnectPolicy)} cannot be null.");

        RequireTime(nameof(PingInterval), PingInterval, s_maxPingInterval, zeroMeans: null,
            "Bitget closes a connection that sends no ping for 2 minutes");
        RequireTime(nameof(PongTimeout), PongTimeout, s_maxShortTimeout, zeroMeans: null);
        RequireTime(nameof(ConnectTimeout), ConnectTimeout, s_maxShortTimeout, zeroMeans: null);
        RequireTime(nameof(SubscribeAckTimeout), SubscribeAckTimeout, s_maxShortTimeout, zeroMeans: null);
        RequireTime(nameof(StaleTopicTimeout), StaleTopicTimeout, s_maxConnectionLife, zeroMeans: "no staleness check");
        RequireTime(nameof(MaxConnectionAge), MaxConnectionAge, s_maxConnectionLife, zeroMeans: "never recycle",
            "Bitget cuts every connection after 24 hours");
        RequireTime(nameof(HealthyConnectionTime), HealthyConnectionTime, s_maxConnectionLife, zeroMeans: "every connection counts as healthy");
        RequireTime($"{nameof(ReconnectPolicy)}.{nameof(Session.ReconnectPolicy.Initial)}", ReconnectPolicy.Initial, s_maxReconnectDelay, zeroMeans: null);
        RequireTime($"{nameof(ReconnectPolicy)}.{nameof(Session.ReconnectPolicy.Max)}", ReconnectPolicy.Max, s_maxReconnectDelay, zeroMeans: null);

        RequireCount(nameof(MaxReconnectAttempts), MaxReconnectAttempts, 0, int.MaxValue, "0 retries forever");
        RequireCount(nameof(MaxMessagesPerSecond), MaxMessagesPerSecond, 1, MaxExchangeMessagesPerSecond,
            "Bitget disconnects a client that sends more than 10 messages a second");
        RequireCount(nameof(MaxArgsPerRequest), MaxArgsPerRequest, 1, MaxExchangeTopicsPerConnection, null);
        RequireCount(nameof(MaxTopicsPerConnection), MaxTopicsPerConnection, 1, MaxExchangeTopicsPerConnection,
            "Bitget allows 1000 topics a connection");
        RequireCount(nameof(MaxSubscribeRequestsPerHour), MaxSubscribeRequestsPerHour, 1, MaxExchangeSubscribesPerHour,
            "Bitget allows 240 subscribe requests a connection and hour");
        RequireCount(nameof(SendQueueCapacity), SendQueueCapacity, 1, 1_000_000, null);
        if (double.IsNaN(ReplaySpeed) || double.IsInfinity(ReplaySpeed) || ReplaySpeed < 0)
            throw new BitgetArgumentException(nameof(ReplaySpeed), ReplaySpeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{nameof(ReplaySpeed)} must be 0 (as fast as possible), 1 (as recorded) or a factor above 0.");
        if (ReplayPath is not null && !File.Exists(ReplayPath))
            throw new BitgetArgumentException(nameof(ReplayPath), ReplayPath, $"There is no recording at '{ReplayPath}'.");
        if (ReplayPath is not null && RecordPath is not null)
            throw new BitgetArgumentException(nameof(RecordPath), RecordPath, "A replay is not recorded again: give RecordPath or ReplayPath, not both.");
        RequireTime(nameof(IdleConnectionTimeout), IdleConnectionTimeout, TimeSpan.FromMinutes(10), zeroMeans: null,
            "Bitget cuts a connection with no subscription after 30 s");
        var copy = (BitgetSessionOptions)MemberwiseClone();
        copy.Limits ??= ExchangeLimits.For(Endpoint);
        return copy;
    }

    // A time above zero (or exactly zero where zero has a meaning) and at most max.
    private static void RequireTime(string name, TimeSpan value, TimeSpan max, string? zeroMeans, string? why = null)
    {
        if ((value > TimeSpan.Zero || (zeroMeans is not null && value == TimeSpan.Zero)) && value <= max)
            return;
        var text = value.ToString("c", CultureInfo.InvariantCulture);
        var range = zeroMeans is null
            ? $"more than 0 and at most {max.ToString("c", CultureInfo.InvariantCulture)}"
            : $"0 ({zeroMeans}) or a time up to {max.ToString("c", CultureInfo.InvariantCulture)}";
        throw new BitgetArgumentException(name, text, $"{name} {text} is out of range: use {range}{(why is null ? "" : $"; {why}")}.");
    }

    private static void RequireCount(string name, int value, int min, int max, string? why)
    {
        if (value >= min && value <= max)
            return;
        var text = value.ToString(CultureInfo.InvariantCulture);
        throw new BitgetArgumentException(name, text,
            string.Create(CultureInfo.InvariantCulture, $"{name} {value} is out of range: use {min} to {max}{(why is null ? "" : $"; {why}")}."));
    }
}
