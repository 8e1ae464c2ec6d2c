using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bitget.MockExchange;

namespace Bitget.Stream.Tests.MockExchange;

/// <summary>
/// The mock's REST side: <c>GET /api/v3/account/settings</c> and <c>GET /api/v2/spot/account/info</c>, signed the Bitget way
/// (checked here with a signature made by this test, not by the module), answering a Unified and a Classic test key the way
/// Bitget does (40084, 40085), and refusing a bad signature, key, passphrase or timestamp with Bitget's codes.
/// </summary>
public sealed class MockExchangeRestTests : IAsyncLifetime
{
    private const string Settings = "/api/v3/account/settings";
    private const string V2Info = "/api/v2/spot/account/info";
    private MockBitgetExchange _mock = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _mock = await MockBitgetExchange.StartAsync();
        _http = new HttpClient { BaseAddress = _mock.RestBaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _mock.DisposeAsync();
    }

    private static HttpRequestMessage Signed(
        MockPrivateAccount account, string pathAndQuery, string? secret = null, string? passphrase = null, string? timestamp = null,
        string? signedPath = null, string? omit = null)
    {
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(secret ?? account.Secret), Encoding.UTF8.GetBytes(ts + "GET" + (signedPath ?? pathAndQuery))));
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        foreach (var (name, value) in new[]
        {
            ("ACCESS-KEY", account.ApiKey), ("ACCESS-SIGN", sign), ("ACCESS-TIMESTAMP", ts),
            ("ACCESS-PASSPHRASE", passphrase ?? account.Passphrase), ("locale", "en-US"),
        })
        {
            if (name != omit)
                request.Headers.Add(name, value);
        }

        return request;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task AUnifiedKeyGetsItsSettingsWithItsAccountMode()
    {
        var (status, body) = await SendAsync(Signed(MockPrivateAccount.UnifiedTest, Settings));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["code", "data", "msg", "requestTime"], RawWire.Keys(body));
        Assert.Equal("00000", body.GetProperty("code").GetString());
        Assert.Equal("success", body.GetProperty("msg").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("requestTime").ValueKind);
        var data = body.GetProperty("data");
        Assert.Equal(["accountMode", "assetMode", "coinConfigList", "holdMode", "stpMode", "symbolConfigList", "uid"], RawWire.Keys(data));
        Assert.Equal("unified", data.GetProperty("accountMode").GetString());

        _mock.Options.UnifiedAccountMode = "hybrid";
        Assert.Equal("hybrid", (await SendAsync(Signed(MockPrivateAccount.UnifiedTest, Settings))).Body.GetProperty("data").GetProperty("accountMode").GetString());
    }

    [Fact]
    public async Task AClassicKeyGets40084FromTheV3Endpoint()
    {
        var (status, body) = await SendAsync(Signed(MockPrivateAccount.Test, Settings));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(RawWire.Keys(RawWire.Fixture("rest-v2-error-40085.json")), RawWire.Keys(body));
        Assert.Equal("40084", body.GetProperty("code").GetString());
        Assert.Equal("You are in Classic Account mode, and the Unified Account API is not supported at this time", body.GetProperty("msg").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task TheV2EndpointAnswers40085ToAUnifiedKeyBeforeCheckingTheSignatureAndSucceedsForAClassicOne()
    {
        var fixture = RawWire.Fixture("rest-v2-error-40085.json");
        var (status, body) = await SendAsync(Signed(MockPrivateAccount.UnifiedTest, V2Info, secret: "wrong"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(RawWire.Keys(fixture), RawWire.Keys(body));
        Assert.Equal(fixture.GetProperty("code").GetString(), body.GetProperty("code").GetString());
        Assert.Equal(fixture.GetProperty("msg").GetString(), body.GetProperty("msg").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);

        var (okStatus, ok) = await SendAsync(Signed(MockPrivateAccount.Test, V2Info));
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal("00000", ok.GetProperty("code").GetString());
        Assert.Equal("1000000001", ok.GetProperty("data").GetProperty("userId").GetString());
    }

    public static TheoryData<string, string, string> SignatureFailures => new()
    {
        { "secret", "40009", "sign signature error" },
        { "key", "40006", "Invalid ACCESS_KEY" },
        { "passphrase", "40012", "apikey/password is incorrect" },
        { "old timestamp", "40008", "Request timestamp expired" },
        { "timestamp in seconds", "40008", "Request timestamp expired" },
        { "timestamp not a number", "40005", "Invalid ACCESS_TIMESTAMP" },
        { "no sign", "40002", "Header \"ACCESS_SIGN\" is required" },
        { "query not signed", "40009", "sign signature error" },
    };

    [Theory]
    [MemberData(nameof(SignatureFailures))]
    public async Task ABadlySignedRequestIsRefusedWithBitgetsCode(string wrong, string code, string msg)
    {
        var account = wrong == "key" ? MockPrivateAccount.UnifiedTest with { ApiKey = "bg_unknown" } : MockPrivateAccount.UnifiedTest;
        var now = DateTimeOffset.UtcNow;
        var request = Signed(
            account,
            wrong == "query not signed" ? Settings + "?coin=USDT" : Settings,
            secret: wrong == "secret" ? "not-the-secret" : null,
            passphrase: wrong == "passphrase" ? "not-the-passphrase" : null,
            timestamp: wrong switch
            {
                "old timestamp" => (now.ToUnixTimeMilliseconds() - 31_000).ToString(CultureInfo.InvariantCulture),
                "timestamp in seconds" => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                "timestamp not a number" => "soon",
                _ => null,
            },
            signedPath: wrong == "query not signed" ? Settings : null,
            omit: wrong == "no sign" ? "ACCESS-SIGN" : null);
        var (status, body) = await SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal(msg, body.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task TheQueryIsPartOfWhatIsSignedAndRequestsAreRecorded()
    {
        var request = Signed(MockPrivateAccount.UnifiedTest, Settings + "?coin=USDT");
        request.Headers.Add("paptrading", "1");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(request)).Status);
        var recorded = Assert.Single(_mock.ReceivedRestRequests);
        Assert.Equal("GET", recorded.Method);
        Assert.Equal(Settings + "?coin=USDT", recorded.PathAndQuery);
        Assert.Equal(MockPrivateAccount.UnifiedTest.ApiKey, recorded.ApiKey);
        Assert.True(recorded.Demo);
    }

    [Fact]
    public async Task AFixedAnswerReplacesTheExchangesUntilCleared()
    {
        var set = await _http.PostAsync("/control/rest?status=502", new StringContent("<html>bad gateway</html>"));
        set.EnsureSuccessStatusCode();
        using (var response = await _http.SendAsync(Signed(MockPrivateAccount.UnifiedTest, Settings)))
        {
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal("<html>bad gateway</html>", await response.Content.ReadAsStringAsync());
        }

        (await _http.PostAsync("/control/rest?clear=true", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Signed(MockPrivateAccount.UnifiedTest, Settings))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsync("/control/rest?status=42", null)).StatusCode);
    }

    [Fact]
    public async Task OtherPathsAreNotFound()
    {
        using var response = await _http.SendAsync(Signed(MockPrivateAccount.UnifiedTest, "/api/v3/account/assets"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
