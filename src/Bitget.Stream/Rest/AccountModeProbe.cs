using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using Bitget.Stream.Credentials;
using Bitget.Stream.Protocol;
using Bitget.Stream.Transport;

namespace Bitget.Stream.Rest;

/// <summary>
/// Asks Bitget which account a key belongs to, with one signed <c>GET /api/v3/account/settings</c>: success (code
/// <c>00000</c>) is a Unified account (its <c>accountMode</c> reported), code <c>40084</c> ("You are in Classic Account
/// mode…") a Classic one. Anything else (no connection, no answer in time, an HTTP error, JSON that is not Bitget's,
/// another code) is an <see cref="AccountModeProbeException"/> that says what happened and where, and that choosing the
/// API skips the check. The answer is read from UTF-8 bytes with <see cref="Utf8JsonReader"/> (code as a string or a
/// number), at most 1 MiB of it.
/// </summary>
public static class AccountModeProbe
{
    /// <summary>The path asked.</summary>
    public const string SettingsPath = "/api/v3/account/settings";

    private const string SkipHint = "-Api Classic or -Api Unified skips this check.";
    private const int MaxAnswerBytes = 1 << 20;
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Asks once; see the type's summary.</summary>
    /// <param name="credentials">The key to check (signs the request; never part of a message).</param>
    /// <param name="options">Where and how to ask; null for the defaults (live Bitget, 10 s).</param>
    /// <param name="cancellationToken">Cancels the call (an <see cref="OperationCanceledException"/>, not a probe error).</param>
    /// <exception cref="BitgetArgumentException">An option is out of range, or the address would send the key in clear text.</exception>
    /// <exception cref="AccountModeProbeException">The check did not tell Classic from Unified.</exception>
    public static async Task<AccountModeResult> ProbeAsync(
        BitgetCredentials credentials, AccountModeProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= new AccountModeProbeOptions();
        Validate(options);
        var uri = new Uri(options.BaseAddress, SettingsPath);
        var proxy = ProxyFor(options.BaseAddress, options.Proxy, options.EnvironmentProxy);
        using var handler = new SocketsHttpHandler
        {
            // A redirect would carry the signed headers elsewhere.
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = options.Timeout,
            UseProxy = proxy is not null,
            Proxy = proxy is null ? null : WebProxyFor(proxy),
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        RestRequestSigner.Apply(request, credentials, options.Clock.GetUtcNow().ToUnixTimeMilliseconds(), options.Demo);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(uri, $"no answer within {Seconds(options.Timeout)} s", null, null, null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw Fail(uri, $"could not reach the exchange ({Protocol.ServerText.Escape(ex.Message)})", null, null, null, ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            byte[]? body;
            try
            {
                body = await ReadCappedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Fail(uri, $"the answer (HTTP {status}) did not arrive within {Seconds(options.Timeout)} s", status, null, null, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw Fail(uri, $"the answer (HTTP {status}) broke off ({Protocol.ServerText.Escape(ex.Message)})", status, null, null, ex);
            }

            if (body is null)
                throw Fail(uri, $"the answer (HTTP {status}) is larger than 1 MiB", status, null, null);
            return Interpret(uri, status, response.ReasonPhrase, body);
        }
    }

    /// <summary>
    /// The proxy for a REST address: the WebSocket's choice (<see cref="ProxySelector"/>) for the socket address of the same
    /// host, so that both go the same way (a configured proxy first, else the environment's, never for loopback).
    /// </summary>
    internal static Uri? ProxyFor(Uri baseAddress, Uri? configured, IWebProxy? environment)
    {
        var socketAddress = new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        return ProxySelector.Select(socketAddress, configured, environment);
    }

    private static WebProxy WebProxyFor(Uri proxy)
    {
        var web = new WebProxy(new UriBuilder(proxy) { UserName = "", Password = "" }.Uri);
        if (!string.IsNullOrEmpty(proxy.UserInfo))
        {
            var colon = proxy.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? proxy.UserInfo : proxy.UserInfo[..colon];
            var password = colon < 0 ? "" : proxy.UserInfo[(colon + 1)..];
            web.Credentials = new NetworkCredential(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
        }

        return web;
    }

    private static void Validate(AccountModeProbeOptions options)
    {
        var address = options.BaseAddress;
        if (address is null || !address.IsAbsoluteUri || !(address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && address.IsLoopback))
            || address.AbsolutePath != "/" || address.Query.Length > 0)
        {
            var shown = address is null ? "" : address.IsAbsoluteUri ? Display(address) : address.OriginalString;
            throw new BitgetArgumentException(nameof(options.BaseAddress), shown,
                $"BaseAddress '{Protocol.ServerText.Escape(shown)}' is not a REST base address the key may be sent to: use https://host (or http:// to a loopback address, a local mock), without a path.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > s_maxTimeout)
        {
            var text = options.Timeout.ToString("c", CultureInfo.InvariantCulture);
            throw new BitgetArgumentException(nameof(options.Timeout), text, $"Timeout {text} is out of range: use more than 0 and at most 00:05:00.");
        }

        if (options.Proxy is not null)
            ProxySelector.Validate(options.Proxy, nameof(options.Proxy));
        ArgumentNullException.ThrowIfNull(options.Clock, nameof(options.Clock));
    }

    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int n;
            while ((n = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > MaxAnswerBytes)
                    return null;
                buffer.Write(chunk, 0, n);
            }

            return buffer.ToArray();
        }
    }

    private static AccountModeResult Interpret(Uri uri, int status, string? reason, byte[] body)
    {
        var parsed = TryParse(body, out var code, out var rawMessage, out var accountMode);
        var msg = rawMessage is null ? null : Protocol.ServerText.Escape(rawMessage);
        if (status >= 500)
        {
            var what = parsed && code is not null ? $" with code {code} ({msg ?? "no message"})" : $": {Excerpt(body)}";
            throw Fail(uri, $"the exchange answered HTTP {status} {Protocol.ServerText.Escape(reason ?? "")}".TrimEnd() + what, status, code, msg);
        }

        if (!parsed)
            throw Fail(uri, $"the answer (HTTP {status}) is not the JSON Bitget answers: {Excerpt(body)}", status, null, null);
        if (code is null)
            throw Fail(uri, $"the answer (HTTP {status}) has no code: {Excerpt(body)}", status, null, msg);
        if (code == "40084")
            return new AccountModeResult(BitgetAccountMode.Classic, null, uri);
        if (code == "00000" && status is >= 200 and < 300)
        {
            return accountMode is null
                ? throw Fail(uri, $"the answer (HTTP {status}) reports success but no data.accountMode: {Excerpt(body)}", status, code, msg)
                : new AccountModeResult(BitgetAccountMode.Unified, Protocol.ServerText.Escape(accountMode), uri);
        }

        var hint = Hint(code);
        throw Fail(uri, $"Bitget refused it (HTTP {status}) with code {Protocol.ServerText.Escape(code)} ({msg ?? "no message"}){(hint is null ? "" : "; " + hint)}", status, code, msg);
    }

    /// <summary>What to do about a code of Bitget's REST signature checks (codes as ccxt's Bitget client maps them).</summary>
    private static string? Hint(string code) => code switch
    {
        "40006" or "40037" => "the API key is unknown to Bitget: check BITGET_API_KEY (or the -Credential user name), that the key was not deleted, and that a demo key is used with -Demo and a live key without",
        "40009" => "the signature does not match: the API secret is wrong; check BITGET_SECRET_KEY (or the -Credential password / -ApiSecret)",
        "40012" => "the passphrase does not match the API key: check BITGET_PASSPHRASE (or -Passphrase), the one chosen when the key was created",
        "40005" or "40008" => "the system clock is off by more than 30 seconds: synchronise it (NTP, e.g. w32tm /resync or timedatectl set-ntp true)",
        "40099" => "the key belongs to the other environment: a demo key needs -Demo, a live key must not use it",
        "40014" => "the key lacks a permission this check needs (UTA management, read)",
        "40001" or "40002" or "40003" or "40011" => "a signature header did not arrive (a proxy may have removed it)",
        _ => null,
    };

    private static AccountModeProbeException Fail(Uri uri, string what, int? status, string? code, string? msg, Exception? inner = null) =>
        new($"The account-mode check (GET {Display(uri)}) failed: {what}. {SkipHint}", uri, status, code is null ? null : Protocol.ServerText.Escape(code), msg, inner);

    /// <summary>An address as it may be shown: scheme, host, port and path, without user info or query.</summary>
    private static string Display(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    private static string Excerpt(byte[] body) => body.Length == 0 ? "(empty)" : Protocol.ServerText.Escape(Encoding.UTF8.GetString(body), 200);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>code</c> (string or number), <c>msg</c> and <c>data.accountMode</c> of a JSON object; false when it is not one.</summary>
    private static bool TryParse(byte[] body, out string? code, out string? msg, out string? accountMode)
    {
        code = msg = accountMode = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("code"u8))
                {
                    code = ReadScalar(ref reader);
                }
                else if (reader.ValueTextEquals("msg"u8))
                {
                    msg = ReadScalar(ref reader);
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("accountMode"u8))
                            {
                                reader.Read();
                                accountMode = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                                reader.Skip();
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            // The object must have ended, and nothing but white space follow it.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A property's value as text: a string's content, a number's digits; null for anything else (skipped).</summary>
    private static string? ReadScalar(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }
}
