using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using Bitget.Stream.Credentials;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Rest;

/// <summary>
/// Signs a Bitget REST request: <c>ACCESS-SIGN = Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + ("?" + query)
/// + body))</c>, the timestamp in milliseconds, with the headers <c>ACCESS-KEY</c>, <c>ACCESS-SIGN</c>,
/// <c>ACCESS-TIMESTAMP</c>, <c>ACCESS-PASSPHRASE</c>, <c>Content-Type: application/json</c>, <c>locale: en-US</c> and, for
/// demo trading, <c>paptrading: 1</c>. The HMAC is the login's (<see cref="LoginSigner"/>): the secret's bytes are wiped
/// after use, and nothing of the credentials appears in a message.
/// </summary>
public static class RestRequestSigner
{
    /// <summary>The signature of one request.</summary>
    /// <param name="secret">The API secret.</param>
    /// <param name="timestampMs">The <c>ACCESS-TIMESTAMP</c> sent, in ms since the epoch.</param>
    /// <param name="method">The HTTP method (signed upper-case).</param>
    /// <param name="requestPath">The path, e.g. <c>/api/v3/account/settings</c>.</param>
    /// <param name="query">The query string without its <c>?</c>, as sent; null or empty for none.</param>
    /// <param name="body">The body, as sent; null or empty for none.</param>
    public static string Sign(ReadOnlySpan<char> secret, long timestampMs, string method, string requestPath, string? query, string? body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestPath);
        var text = timestampMs.ToString(CultureInfo.InvariantCulture) + method.ToUpperInvariant() + requestPath
            + (string.IsNullOrEmpty(query) ? "" : "?" + query) + (body ?? "");
        return LoginSigner.Hmac(secret, text);
    }

    /// <summary>
    /// Adds the signed headers to <paramref name="request"/>, signing the path and query of its absolute address and
    /// <paramref name="body"/> (which must be the body it sends; a request without content gets an empty JSON one, for the
    /// <c>Content-Type</c> Bitget's examples send).
    /// </summary>
    /// <exception cref="ArgumentException">The request's address is not absolute.</exception>
    /// <exception cref="ObjectDisposedException">The credentials were wiped.</exception>
    public static void Apply(HttpRequestMessage request, BitgetCredentials credentials, long timestampMs, bool demo, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        if (request.RequestUri is not { IsAbsoluteUri: true } uri)
            throw new ArgumentException("The request needs an absolute address: the signature covers its path and query.", nameof(request));
        var sign = Sign(credentials.Secret, timestampMs, request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), body);
        var headers = request.Headers;
        headers.Add("ACCESS-KEY", new string(credentials.ApiKey));
        headers.Add("ACCESS-SIGN", sign);
        headers.Add("ACCESS-TIMESTAMP", timestampMs.ToString(CultureInfo.InvariantCulture));
        headers.Add("ACCESS-PASSPHRASE", new string(credentials.Passphrase));
        headers.Add("locale", "en-US");
        if (demo)
            headers.Add("paptrading", "1");
        request.Content ??= new ByteArrayContent([]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }
}
