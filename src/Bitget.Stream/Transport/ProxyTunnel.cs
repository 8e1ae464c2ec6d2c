using System.Text;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Transport;

/// <summary>
/// Opens a tunnel through an HTTP proxy with <c>CONNECT host:port</c> (what ClientWebSocket does for ws and wss alike),
/// with Basic credentials when the proxy address carries user info. Afterwards the stream talks to the target.
/// </summary>
internal static class ProxyTunnel
{
    /// <summary>Asks <paramref name="proxy"/> (already connected through <paramref name="stream"/>) for a tunnel to the target.</summary>
    /// <exception cref="IOException">The proxy refused or answered something else than 2xx.</exception>
    public static void Open(System.IO.Stream stream, Uri proxy, Uri target)
    {
        var authority = $"{(target.HostNameType == UriHostNameType.IPv6 ? $"[{target.IdnHost}]" : target.IdnHost)}:{target.Port}";
        var request = new StringBuilder()
            .Append("CONNECT ").Append(authority).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(authority).Append("\r\n");
        if (!string.IsNullOrEmpty(proxy.UserInfo))
        {
            var credentials = Uri.UnescapeDataString(proxy.UserInfo);
            request.Append("Proxy-Authorization: Basic ").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))).Append("\r\n");
        }
        request.Append("\r\n");
        stream.Write(Encoding.ASCII.GetBytes(request.ToString()));
        stream.Flush();

        var head = HttpResponseHead.Read(stream, "the proxy");
        if (head.Status is >= 200 and < 300)
            return;
        var where = ProxySelector.Display(proxy);
        var reason = ServerText.Escape(head.Reason);
        throw new IOException(head.Status == 407
            ? $"The proxy {where} wants credentials (407 {reason}); put them in the proxy address (http://user:password@host:port)."
            : $"The proxy {where} refused a tunnel to {authority}: {head.Status} {reason}.");
    }
}
