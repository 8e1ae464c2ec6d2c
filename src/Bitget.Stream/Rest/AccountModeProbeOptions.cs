using System.Net;

namespace Bitget.Stream.Rest;

/// <summary>Settings of <see cref="AccountModeProbe.ProbeAsync"/>.</summary>
public sealed class AccountModeProbeOptions
{
    /// <summary>Bitget's REST address, live and demo alike (demo adds a header).</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.bitget.com");

    /// <summary>
    /// Where to ask: <c>https://</c>, or <c>http://</c> to a loopback address (a local mock); anything else would send the
    /// key and a valid signature in clear text. Default <see cref="DefaultBaseAddress"/>.
    /// </summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>Demo trading: the request carries <c>paptrading: 1</c> (a demo key needs it).</summary>
    public bool Demo { get; set; }

    /// <summary>How long the whole call may take (connect, TLS, answer). Above 0, at most 5 min; default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An http:// proxy to go through (credentials as http://user:password@host:port). Null uses the environment's
    /// (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY), except for loopback addresses: the same choice as the WebSocket's.
    /// </summary>
    public Uri? Proxy { get; set; }

    /// <summary>The clock the <c>ACCESS-TIMESTAMP</c> is taken from (Bitget refuses one more than 30 s off).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The environment's proxy settings (tests pass their own); null for none.</summary>
    internal IWebProxy? EnvironmentProxy { get; set; } = System.Net.Http.HttpClient.DefaultProxy;
}
