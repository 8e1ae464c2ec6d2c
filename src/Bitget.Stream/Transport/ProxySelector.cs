using System.Net;

namespace Bitget.Stream.Transport;

/// <summary>
/// Which HTTP proxy, if any, a connection goes through: the one configured, else the environment's
/// (<c>HTTPS_PROXY</c> for wss, <c>HTTP_PROXY</c> for ws, <c>ALL_PROXY</c>, minus <c>NO_PROXY</c>, as .NET's
/// <see cref="System.Net.Http.HttpClient.DefaultProxy"/> reads them, the same rules ClientWebSocket follows), except
/// for loopback addresses, which are always reached directly unless a proxy is configured.
/// </summary>
internal static class ProxySelector
{
    /// <summary>The proxy for <paramref name="endpoint"/>, or null to connect directly.</summary>
    /// <param name="endpoint">The ws:// or wss:// address.</param>
    /// <param name="configured">A proxy set explicitly; wins over the environment.</param>
    /// <param name="environment">The environment's proxy settings (tests pass their own).</param>
    public static Uri? Select(Uri endpoint, Uri? configured, IWebProxy? environment)
    {
        if (configured is not null)
            return configured;
        if (environment is null)
            return null;
        // The proxy settings speak http/https; a WebSocket address maps onto them.
        var asHttp = new UriBuilder(endpoint) { Scheme = endpoint.Scheme == "wss" ? "https" : "http" }.Uri;
        // A loopback address (the mock exchange, a local gateway) is never behind the environment's proxy.
        if (asHttp.IsLoopback || environment.IsBypassed(asHttp))
            return null;
        var proxy = environment.GetProxy(asHttp);
        return proxy is null || proxy == asHttp ? null : proxy;
    }

    /// <summary>Checks that a proxy address is one this transport can use (an http:// proxy, for CONNECT).</summary>
    public static void Validate(Uri proxy, string parameter)
    {
        if (!proxy.IsAbsoluteUri || proxy.Scheme != Uri.UriSchemeHttp)
            throw new ArgumentException($"'{Display(proxy)}' is not an http:// proxy address (HTTP CONNECT proxies are supported).", parameter);
    }

    /// <summary>
    /// A proxy address as it may be shown: without its user info (a proxy password is a secret, wherever the address came
    /// from: a parameter or HTTPS_PROXY), its query or its fragment.
    /// </summary>
    public static string Display(Uri proxy)
    {
        // Without a host (not a URL at all, or "user:pass@host", which parses as scheme "user"), only the scheme is safe.
        if (!proxy.IsAbsoluteUri || string.IsNullOrEmpty(proxy.Host))
            return proxy.IsAbsoluteUri ? $"{proxy.Scheme}:…" : "(an address that is not a URL)";
        var host = proxy.HostNameType == UriHostNameType.IPv6 ? $"[{proxy.IdnHost}]" : proxy.IdnHost;
        return $"{proxy.Scheme}://{host}{(proxy.IsDefaultPort ? "" : $":{proxy.Port}")}";
    }
}
