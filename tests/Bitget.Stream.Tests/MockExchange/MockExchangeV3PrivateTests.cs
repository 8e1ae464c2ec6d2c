using System.Net.Http;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bitget.MockExchange;

namespace Bitget.Stream.Tests.MockExchange;

/// <summary>
/// The mock's v3 private socket (<c>/v3/ws/private</c>): v2's login recipe and answers (numeric code 0, failures as an error
/// event then a close), the <c>UTA</c> topics with the documented samples (tests/fixtures/bitget-uta) as their pushes, on
/// subscribe only for <c>account</c> and <c>position</c>, and on request (<c>/control/private?instType=UTA&amp;channel=…</c>).
/// </summary>
public sealed class MockExchangeV3PrivateTests : IAsyncLifetime
{
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

    /// <summary>The login frame, signed here with the documented recipe (not with the module's signer).</summary>
    private static string Login(MockPrivateAccount account, string? secret = null, string? passphrase = null, long? timestamp = null)
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret ?? account.Secret), Encoding.UTF8.GetBytes(ts + "GET/user/verify")));
        return JsonSerializer.Serialize(new { op = "login", args = new[] { new { apiKey = account.ApiKey, passphrase = passphrase ?? account.Passphrase, timestamp = ts, sign } } });
    }

    private async Task<RawWire> LoggedInAsync()
    {
        var ws = await RawWire.OpenAsync(_mock.V3PrivateEndpoint);
        await ws.SendAsync(Login(MockPrivateAccount.UnifiedTest));
        Assert.Equal(0, (await ws.ReceiveAsync()).GetProperty("code").GetInt32());
        return ws;
    }

    private static bool SameJson(JsonElement a, JsonElement b) => JsonNode.DeepEquals(JsonNode.Parse(a.GetRawText()), JsonNode.Parse(b.GetRawText()));

    /// <summary>A push is the fixture's sample: its keys, arg and data (key order aside), with the action and a numeric ts.</summary>
    private static void AssertSample(JsonElement push, string fixture, string action)
    {
        var expected = RawWire.Fixture(fixture);
        Assert.Equal(RawWire.Keys(expected), RawWire.Keys(push));
        Assert.Equal(action, push.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Number, push.GetProperty("ts").ValueKind);
        Assert.True(SameJson(expected.GetProperty("arg"), push.GetProperty("arg")));
        Assert.True(SameJson(expected.GetProperty("data"), push.GetProperty("data")));
    }

    public static TheoryData<string, string> KeysAndPaths => new()
    {
        { "classic", "/v3/ws/private" },
        { "unified", "/v3/ws/private" },
        { "unified", "/v2/ws/private" },
    };

    [Theory]
    [MemberData(nameof(KeysAndPaths))]
    public async Task LoginAnswersCodeZeroAsANumberWithEitherTestKeyOnEitherSocket(string key, string path)
    {
        using var ws = await RawWire.OpenAsync(new Uri(_mock.V3PrivateEndpoint, path));
        await ws.SendAsync(Login(key == "classic" ? MockPrivateAccount.Test : MockPrivateAccount.UnifiedTest));
        var answer = await ws.ReceiveAsync();
        Assert.Equal(RawWire.Keys(RawWire.Fixture("v3-login-ok-observed.json")), RawWire.Keys(answer));
        Assert.Equal("login", answer.GetProperty("event").GetString());
        Assert.Equal("0", answer.GetProperty("code").GetRawText());
        Assert.Equal(1, _mock.LoggedInConnections);
    }

    public static TheoryData<string, int> LoginFailures => new()
    {
        { "secret", 30015 },
        { "key", 30011 },
        { "passphrase", 30012 },
        { "clock", 30014 },
    };

    [Theory]
    [MemberData(nameof(LoginFailures))]
    public async Task AFailedLoginIsAnErrorEventWithTheConnIdThenAClose(string wrong, int code)
    {
        using var ws = await RawWire.OpenAsync(_mock.V3PrivateEndpoint);
        var account = wrong == "key" ? MockPrivateAccount.UnifiedTest with { ApiKey = "bg_unknown" } : MockPrivateAccount.UnifiedTest;
        await ws.SendAsync(Login(account,
            secret: wrong == "secret" ? "not-the-secret" : null,
            passphrase: wrong == "passphrase" ? "not-the-passphrase" : null,
            timestamp: wrong == "clock" ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 120 : null));
        var error = await ws.ReceiveAsync();
        Assert.Equal(["code", "connId", "event", "msg"], RawWire.Keys(error));
        Assert.Equal("error", error.GetProperty("event").GetString());
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Null(await ws.ReceiveTextOrCloseAsync());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, ws.CloseStatus);
    }

    [Fact]
    public async Task PrivateTopicsNeedALogin()
    {
        using var ws = await RawWire.OpenAsync(_mock.V3PrivateEndpoint);
        await ws.SendOpAsync("subscribe", new { instType = "UTA", topic = "account" });
        var error = await ws.ReceiveAsync();
        Assert.Equal(30004, error.GetProperty("code").GetInt32());
        Assert.True(error.TryGetProperty("connId", out _));
        Assert.Empty(_mock.ActiveSubscriptions);
    }

    [Theory]
    [InlineData("account", "v3-account.json")]
    [InlineData("position", "v3-position.json")]
    public async Task AccountAndPositionPushTheirSampleAsASnapshotOnSubscribe(string topic, string fixture)
    {
        using var ws = await LoggedInAsync();
        var ack = (await ws.SubscribeAsync(new { instType = "UTA", topic }))[0];
        Assert.Equal(["arg", "connId", "event"], RawWire.Keys(ack));
        Assert.Equal(["UTA/" + topic], _mock.ActiveSubscriptions);

        AssertSample(await ws.ReceivePushAsync(topic), fixture, "snapshot");
    }

    [Theory]
    [InlineData("order", "v3-order.json", null)]
    [InlineData("fill", "v3-fill.json", null)]
    [InlineData("fast-fill", "v3-fast-fill.json", "default")]
    [InlineData("fast-fill", "v3-fast-fill.json", null)]
    [InlineData("strategy-order", "v3-strategy-order.json", "default")]
    [InlineData("adl-notification", "v3-adl-notification.json", null)]
    public async Task TheOtherTopicsPushNothingOnSubscribeAndTheirSampleOnRequest(string topic, string fixture, string? symbol)
    {
        using var ws = await LoggedInAsync();
        await ws.SubscribeAsync(symbol is null ? new { instType = "UTA", topic } : new { instType = "UTA", topic, symbol });
        await ws.SendAsync("ping");
        Assert.Equal("pong", await ws.ReceiveTextAsync()); // no snapshot came before

        var response = await _http.PostAsync($"/control/private?instType=UTA&channel={topic}", null);
        response.EnsureSuccessStatusCode();
        Assert.Equal(1, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sent").GetInt32());
        var push = await ws.ReceivePushAsync(topic);
        AssertSample(push, fixture, "update");
        if (topic == "fast-fill")
            Assert.Equal(JsonValueKind.Object, push.GetProperty("data").ValueKind);
    }

    [Theory]
    [InlineData("strategy-order", null, "{\"instType\":\"UTA\",\"topic\":\"strategy-order\"} doesn't exist")]
    [InlineData("account", "BTCUSDT", "{\"instType\":\"UTA\",\"symbol\":\"BTCUSDT\",\"topic\":\"account\"} doesn't exist")]
    [InlineData("orders", null, "{\"instType\":\"UTA\",\"topic\":\"orders\"} doesn't exist")]
    public async Task AnArgumentAPrivateTopicDoesNotTakeIsRefusedWith30001(string topic, string? symbol, string msg)
    {
        using var ws = await LoggedInAsync();
        await ws.SendOpAsync("subscribe", symbol is null ? new { instType = "UTA", topic } : new { instType = "UTA", topic, symbol });
        var error = await ws.ReceiveAsync();
        Assert.Equal(30001, error.GetProperty("code").GetInt32());
        Assert.Equal(msg, error.GetProperty("msg").GetString());
        Assert.Empty(_mock.ActiveSubscriptions);
    }

    [Fact]
    public async Task AnUnknownPrivateTopicOnRequestIsABadRequest()
    {
        var response = await _http.PostAsync("/control/private?instType=UTA&channel=orders", null);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
