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

    /// <summary>A name for messages and diagnostics.</summary>
    public string Name { get; set; } = "Bitget";

    /// <summary>How often the text <c>ping</c> is sent (Bitget: every 30 s; it disconnects after 2 min without).</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after a ping with no frame at all before the connection is presumed dead and replaced.</summary>
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive failed reconnects before the session gives up; 0 retries forever.</summary>
    public int MaxReconnectAttempts { get; set; }

    /// <summary>Backoff between reconnect attempts.</summary>
    public ReconnectPolicy ReconnectPolicy { get; set; } = new();

    /// <summary>Client messages (pings, requests) per second and connection; Bitget disconnects above 10.</summary>
    public int MaxMessagesPerSecond { get; set; } = 8;

    /// <summary>Arguments per subscribe request (the byte limit of 4096 applies as well).</summary>
    public int MaxArgsPerRequest { get; set; } = Protocol.SubscriptionRequestBuilder.DefaultMaxArgsPerRequest;

    /// <summary>A connection that lived at least this long counts as healthy: the failure count restarts.</summary>
    public TimeSpan HealthyConnectionTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Topics per connection. Bitget allows 1000 but recommends fewer than 50; above this the session opens more
    /// connections, each with its own pacing and subscribe budget.
    /// </summary>
    public int MaxTopicsPerConnection { get; set; } = 50;

    /// <summary>Subscribe requests one connection may send in any hour (Bitget: 240); the rest wait, pings do not.</summary>
    public int MaxSubscribeRequestsPerHour { get; set; } = 240;

    /// <summary>A subscribe request with no acknowledgement (and no data) after this long is sent again, once.</summary>
    public TimeSpan SubscribeAckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A subscribed topic with no push for this long is resubscribed once; still silent after as long again, it is
    /// reported as stale (a symbol under the wrong instType is acknowledged but silent). <see cref="TimeSpan.Zero"/> turns
    /// per-topic staleness off.
    /// </summary>
    public TimeSpan StaleTopicTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A connection older than this is replaced before the server's forced disconnect (Bitget cuts connections after
    /// 24 hours); <see cref="TimeSpan.Zero"/> never recycles.
    /// </summary>
    public TimeSpan MaxConnectionAge { get; set; } = TimeSpan.FromHours(23.5);

    /// <summary>
    /// An http:// proxy to reach the endpoint through (HTTP CONNECT; credentials as http://user:password@host:port).
    /// Null uses the environment's proxy settings (HTTPS_PROXY for wss, HTTP_PROXY for ws, ALL_PROXY, NO_PROXY), if any.
    /// </summary>
    public Uri? Proxy { get; set; }

    /// <summary>Replaces the system's validation of the server certificate: for tests against a self-signed one only.</summary>
    internal System.Net.Security.RemoteCertificateValidationCallback? CertificateValidation { get; set; }

    /// <summary>Checks the options and returns a copy the session owns.</summary>
    internal BitgetSessionOptions Validate()
    {
        if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != "ws" && Endpoint.Scheme != "wss"))
            throw new ArgumentException($"'{Endpoint}' is not a ws:// or wss:// address.", nameof(Endpoint));
        if (Proxy is not null)
            Transport.ProxySelector.Validate(Proxy, nameof(Proxy));
        if (PingInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PingInterval));
        if (PongTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PongTimeout));
        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ConnectTimeout));
        if (MaxReconnectAttempts < 0) throw new ArgumentOutOfRangeException(nameof(MaxReconnectAttempts));
        if (MaxMessagesPerSecond < 1) throw new ArgumentOutOfRangeException(nameof(MaxMessagesPerSecond));
        if (MaxArgsPerRequest < 1) throw new ArgumentOutOfRangeException(nameof(MaxArgsPerRequest));
        if (MaxTopicsPerConnection is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(MaxTopicsPerConnection), "Bitget allows 1 to 1000 topics a connection.");
        if (MaxSubscribeRequestsPerHour < 1) throw new ArgumentOutOfRangeException(nameof(MaxSubscribeRequestsPerHour));
        if (SubscribeAckTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(SubscribeAckTimeout));
        if (StaleTopicTimeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(StaleTopicTimeout));
        if (MaxConnectionAge < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxConnectionAge));
        return (BitgetSessionOptions)MemberwiseClone();
    }
}
