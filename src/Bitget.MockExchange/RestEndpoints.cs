using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bitget.MockExchange;

/// <summary>
/// The REST calls that tell a Classic key from a Unified one, signed the Bitget way: headers <c>ACCESS-KEY</c>,
/// <c>ACCESS-SIGN</c> = Base64(HMAC-SHA256(secret, timestamp + METHOD + path + ("?" + query) + body)), <c>ACCESS-TIMESTAMP</c>
/// (ms, within <see cref="MockExchangeOptions.LoginTimestampTolerance"/> of the mock's clock) and <c>ACCESS-PASSPHRASE</c>.
/// <c>GET /api/v3/account/settings</c>: a Unified key gets its settings, a Classic key 40084; <c>GET /api/v2/spot/account/info</c>:
/// a Classic key gets its account info, a Unified key 40085 (before any signature check, as observed live). Errors are HTTP
/// 400 with <c>{"code":"…","msg":"…","requestTime":…,"data":null}</c> (captured for 40085; assumed for the others). The
/// error codes and texts of the signature checks are those ccxt's Bitget client maps (40001–40012).
/// </summary>
internal static class RestEndpoints
{
    internal const string SettingsPath = "/api/v3/account/settings";
    internal const string V2AccountInfoPath = "/api/v2/spot/account/info";

    internal const string ClassicModeMessage = "You are in Classic Account mode, and the Unified Account API is not supported at this time";
    internal const string UnifiedModeMessage = "You are in Unified Account mode, and the Classic Account API is not supported at this time";

    // Quotes as \" (not \u0022), as Bitget writes them.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Answers one REST request; null when the exchange stopped during <see cref="MockExchangeOptions.RestDelay"/>.</summary>
    public static async Task<MockHttpResponse?> HandleAsync(MockBitgetExchange exchange, MockHttpRequest request, CancellationToken ct)
    {
        var body = request.Body;
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        var pathAndQuery = request.Path + request.QueryString;
        exchange.RecordRestRequest(new MockRestRequest(request.Method, pathAndQuery, headers, body));
        var options = exchange.Options;
        if (options.RestDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(options.RestDelay, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null; // the exchange stops
            }
        }

        if (options.RestAnswer is { } fixedAnswer)
        {
            return new MockHttpResponse(fixedAnswer.Status, fixedAnswer.Body);
        }

        var path = request.Path;
        if (request.Method != "GET" || path is not (SettingsPath or V2AccountInfoPath))
        {
            return new MockHttpResponse(404);
        }

        var nowMs = PushClock.NowMs(options.ClockOffset);
        var v3 = path == SettingsPath;
        var account = options.PrivateAccounts.FirstOrDefault(a => headers.TryGetValue("ACCESS-KEY", out var key) && a.ApiKey == key);
        var refusal = !v3 && account?.Mode == MockAccountMode.Unified
            ? (Code: "40085", Message: UnifiedModeMessage)
            : Authenticate(headers, account, request.Method + pathAndQuery + body, options, nowMs);
        if (refusal is null && v3 && account!.Mode == MockAccountMode.Classic)
        {
            refusal = ("40084", ClassicModeMessage);
        }

        if (refusal is { } r)
        {
            return new MockHttpResponse(400, Answer(r.Code, r.Message, nowMs, null));
        }

        var data = v3 ? SettingsData(options.UnifiedAccountMode) : V2AccountInfoData(nowMs);
        return new MockHttpResponse(200, Answer("00000", "success", nowMs, data));
    }

    /// <summary>Null when the signed headers are right, else Bitget's code and message.</summary>
    /// <param name="headers">The request's headers.</param>
    /// <param name="account">The account of <c>ACCESS-KEY</c>, or null.</param>
    /// <param name="signedAfterTimestamp">METHOD + path + query + body: what the signature covers after the timestamp.</param>
    /// <param name="options">The tolerance and accounts.</param>
    /// <param name="nowMs">The mock's clock.</param>
    private static (string Code, string Message)? Authenticate(
        Dictionary<string, string> headers, MockPrivateAccount? account, string signedAfterTimestamp, MockExchangeOptions options, long nowMs)
    {
        if (!headers.TryGetValue("ACCESS-KEY", out _))
            return ("40001", "Header \"ACCESS_KEY\" is required");
        if (!headers.TryGetValue("ACCESS-SIGN", out var sign))
            return ("40002", "Header \"ACCESS_SIGN\" is required");
        if (!headers.TryGetValue("ACCESS-TIMESTAMP", out var timestamp))
            return ("40003", "Header \"ACCESS_TIMESTAMP\" is required");
        if (!headers.TryGetValue("ACCESS-PASSPHRASE", out var passphrase))
            return ("40011", "Header \"ACCESS_PASSPHRASE\" is required");
        if (account is null)
            return ("40006", "Invalid ACCESS_KEY");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            return ("40005", "Invalid ACCESS_TIMESTAMP");
        if (Math.Abs(nowMs - ms) > options.LoginTimestampTolerance.TotalMilliseconds)
            return ("40008", "Request timestamp expired");
        if (!PrivateProtocol.FixedEquals(PrivateProtocol.Hmac(account.Secret, timestamp + signedAfterTimestamp), sign))
            return ("40009", "sign signature error");
        if (!PrivateProtocol.FixedEquals(account.Passphrase, passphrase))
            return ("40012", "apikey/password is incorrect");
        return null;
    }

    // The documented sample's fields (uta/account/Get-Account-Setting), with one symbol and one coin configured.
    private static string SettingsData(string accountMode) =>
        "{\"uid\":\"1000000001\",\"accountMode\":" + JsonSerializer.Serialize(accountMode, Json)
        + ",\"assetMode\":\"multi_assets\",\"holdMode\":\"one_way_mode\",\"stpMode\":\"none\","
        + "\"symbolConfigList\":[{\"category\":\"USDT-FUTURES\",\"symbol\":\"BTCUSDT\",\"marginMode\":\"crossed\",\"leverage\":\"20\"}],"
        + "\"coinConfigList\":[{\"coin\":\"USDT\",\"leverage\":\"6\"}]}";

    // The documented sample's fields (spot/account/Get-Account-Info).
    private static string V2AccountInfoData(long nowMs) =>
        "{\"userId\":\"1000000001\",\"inviterId\":\"\",\"ips\":\"\",\"authorities\":[\"trade\",\"readonly\"],\"parentId\":1000000001,"
        + "\"traderType\":\"not_trader\",\"channelCode\":\"\",\"channel\":\"\",\"regisTime\":\""
        + (nowMs - 86_400_000).ToString(CultureInfo.InvariantCulture) + "\"}";

    /// <summary><c>{"code":"…","msg":"…","requestTime":…,"data":…}</c>: Bitget's REST envelope, code a string.</summary>
    private static string Answer(string code, string msg, long nowMs, string? data) =>
        "{\"code\":" + JsonSerializer.Serialize(code, Json) + ",\"msg\":" + JsonSerializer.Serialize(msg, Json)
        + ",\"requestTime\":" + nowMs.ToString(CultureInfo.InvariantCulture) + ",\"data\":" + (data ?? "null") + "}";
}
