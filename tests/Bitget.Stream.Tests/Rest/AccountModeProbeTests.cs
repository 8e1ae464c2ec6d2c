using System.Net;
using System.Net.Http;
using Bitget.MockExchange;
using Bitget.Stream.Credentials;
using Bitget.Stream.Protocol;
using Bitget.Stream.Rest;

namespace Bitget.Stream.Tests.Rest;

/// <summary>
/// The account-mode check against the mock's signed <c>GET /api/v3/account/settings</c>: a Unified key is Unified, a
/// Classic key Classic, and anything else a clear error that names what happened and where, escapes the server's text,
/// says how to skip the check, and never carries a credential.
/// </summary>
public sealed class AccountModeProbeTests : IAsyncLifetime
{
    private const string Skip = "-Api Classic or -Api Unified skips this check";
    private MockBitgetExchange _mock = null!;

    public async Task InitializeAsync() => _mock = await MockBitgetExchange.StartAsync();

    public async Task DisposeAsync() => await _mock.DisposeAsync();

    private static BitgetCredentials Credentials(MockPrivateAccount account, string? secret = null) =>
        new(account.ApiKey.ToCharArray(), (secret ?? account.Secret).ToCharArray(), account.Passphrase.ToCharArray());

    private AccountModeProbeOptions Options(TimeSpan? timeout = null, TimeProvider? clock = null, bool demo = false) => new()
    {
        BaseAddress = _mock.RestBaseAddress,
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
        Clock = clock ?? TimeProvider.System,
        Demo = demo,
    };

    private string SettingsUri => new Uri(_mock.RestBaseAddress, "/api/v3/account/settings").AbsoluteUri;

    private static void AssertNoSecret(Exception ex, MockPrivateAccount account)
    {
        var text = ex.ToString();
        Assert.DoesNotContain(account.Secret, text);
        Assert.DoesNotContain(account.Passphrase, text);
        Assert.DoesNotContain(account.ApiKey, text);
    }

    [Fact]
    public async Task AUnifiedKeyIsUnifiedWithItsAccountMode()
    {
        using var credentials = Credentials(MockPrivateAccount.UnifiedTest);
        var result = await AccountModeProbe.ProbeAsync(credentials, Options());
        Assert.Equal(BitgetAccountMode.Unified, result.Mode);
        Assert.Equal("unified", result.AccountMode);
        Assert.Equal(SettingsUri, result.RequestUri.AbsoluteUri);

        _mock.Options.UnifiedAccountMode = "hybrid";
        Assert.Equal("hybrid", (await AccountModeProbe.ProbeAsync(credentials, Options())).AccountMode);
        var request = _mock.ReceivedRestRequests[^1];
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/v3/account/settings", request.PathAndQuery);
        Assert.False(request.Demo);
    }

    [Fact]
    public async Task AClassicKeyIsClassic()
    {
        using var credentials = Credentials(MockPrivateAccount.Test);
        var result = await AccountModeProbe.ProbeAsync(credentials, Options());
        Assert.Equal(BitgetAccountMode.Classic, result.Mode);
        Assert.Null(result.AccountMode);
    }

    [Fact]
    public async Task DemoSendsPaptrading()
    {
        using var credentials = Credentials(MockPrivateAccount.UnifiedTest);
        await AccountModeProbe.ProbeAsync(credentials, Options(demo: true));
        var request = Assert.Single(_mock.ReceivedRestRequests);
        Assert.True(request.Demo);
        Assert.Equal("1", request.Headers["paptrading"]);
    }

    [Fact]
    public async Task AWrongSecretIsAClearErrorWithTheCodeTheFixAndTheWayToSkipIt()
    {
        using var credentials = Credentials(MockPrivateAccount.UnifiedTest, secret: "not-the-secret-at-all");
        var ex = await Assert.ThrowsAsync<AccountModeProbeException>(() => AccountModeProbe.ProbeAsync(credentials, Options()));
        Assert.Equal("40009", ex.Code);
        Assert.Equal(400, ex.HttpStatus);
        Assert.Equal("sign signature error", ex.ServerMessage);
        Assert.Equal(SettingsUri, ex.RequestUri.AbsoluteUri);
        Assert.Contains(SettingsUri, ex.Message);
        Assert.Contains("40009", ex.Message);
        Assert.Contains("sign signature error", ex.Message);
        Assert.Contains("BITGET_SECRET_KEY", ex.Message);
        Assert.Contains(Skip, ex.Message);
        Assert.DoesNotContain("not-the-secret-at-all", ex.ToString());
        AssertNoSecret(ex, MockPrivateAccount.UnifiedTest);
    }

    [Fact]
    public async Task AClockOffByMoreThan30SecondsIsNamed()
    {
        using var credentials = Credentials(MockPrivateAccount.UnifiedTest);
        var ex = await Assert.ThrowsAsync<AccountModeProbeException>(() =>
            AccountModeProbe.ProbeAsync(credentials, Options(clock: new OffsetClock(TimeSpan.FromSeconds(-40)))));
        Assert.Equal("40008", ex.Code);
        Assert.Contains("clock", ex.Message);
        Assert.Contains(Skip, ex.Message);
    }

    [Fact]
    public async Task AnExchangeThatIsDownIsAClearErrorNamingTheAddress()
    {
        var options = Options();
        await _mock.DisposeAsync(); // nothing listens there any more
        using var credentials = Credentials(MockPrivateAccount.UnifiedTest);
        var ex = await Assert.ThrowsAsync<AccountModeProbeException>(() => AccountModeProbe.ProbeAsync(credentials, options));
        Assert.Null(ex.HttpStatus);
        Assert.Null(ex.Code);
        Assert.Contains(SettingsUri, ex.Message);
        Assert.Contains("could not reach", ex.Message);
        Assert.Contains(Skip, ex.Message);
        Assert.NotNull(ex.InnerException);
        AssertNoSecret(ex, MockPrivateAccount.UnifiedTest);
    }

    [Fact]
    public async Task NoAnswerWithinTheTimeoutIsAClearError()
    {
        _mock.Options.RestDelay = TimeSpan.FromSeconds(10);
        using var credentials = Credentials(MockPrivateAccount.UnifiedTest);
        var ex = await Assert.ThrowsAsync<AccountModeProbeException>(() =>
            AccountModeProbe.ProbeAsync(credentials, Options(timeout: TimeSpan.FromMilliseconds(300))));
        Assert.Contains("no answer within 0.3 s", ex.Message);
        Assert.Contains(SettingsUri, ex.Message);
        Assert.Contains(Skip, ex.Message);
    }

    [Fact]
    public async Task CancellingIsNotReportedAsATimeout()
    {
        _mock.Options.RestDelay = TimeSpan.FromSeconds(10);
        using var credentials = Credentials(MockPrivateAccount.UnifiedTest);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AccountModeProbe.ProbeAsync(credentials, Options(), cts.Token));
    }

    public static TheoryData<int, string, string> UnexpectedAnswers => new()
    {
        { 502, "<html><body>Bad Gateway</body></html>", "HTTP 502" },
        { 503, "{\"code\":\"00000\",\"msg\":\"success\",\"data\":{\"accountMode\":\"unified\"}}", "HTTP 503" },
        { 200, "[1,2,3]", "not the JSON Bitget answers" },
        { 200, "{\"code\":\"00000\",\"msg\":\"success\",\"data\":{}}", "no data.accountMode" },
        { 200, "{\"msg\":\"success\"}", "no code" },
        { 200, "{\"code\":\"00000\",\"data\":{\"accountMode\":\"unified\"", "not the JSON Bitget answers" },
        { 400, "{\"code\":\"40006\",\"msg\":\"Invalid ACCESS_KEY\",\"data\":null}", "BITGET_API_KEY" },
        { 400, "{\"code\":40085,\"msg\":\"You are in Unified Account mode\",\"data\":null}", "40085" },
    };

    [Theory]
    [MemberData(nameof(UnexpectedAnswers))]
    public async Task AnUnexpectedAnswerIsAClearErrorSayingWhatCame(int status, string body, string says)
    {
        _mock.Options.RestAnswer = new MockRestAnswer(status, body);
        using var credentials = Credentials(MockPrivateAccount.UnifiedTest);
        var ex = await Assert.ThrowsAsync<AccountModeProbeException>(() => AccountModeProbe.ProbeAsync(credentials, Options()));
        Assert.Equal(status, ex.HttpStatus);
        Assert.Contains(says, ex.Message);
        Assert.Contains(SettingsUri, ex.Message);
        Assert.Contains(Skip, ex.Message);
        AssertNoSecret(ex, MockPrivateAccount.UnifiedTest);
    }

    [Fact]
    public async Task ANumericCodeIsReadLikeAString()
    {
        _mock.Options.RestAnswer = new MockRestAnswer(400, "{\"code\":40084,\"msg\":\"Classic\",\"requestTime\":1,\"data\":null}");
        using var credentials = Credentials(MockPrivateAccount.UnifiedTest);
        Assert.Equal(BitgetAccountMode.Classic, (await AccountModeProbe.ProbeAsync(credentials, Options())).Mode);
    }

    [Fact]
    public async Task TheServersTextIsEscapedAndCapped()
    {
        var hostile = "\u001b]0;pwned\u0007\u001b[2J\u202Eevil " + new string('x', 5000);
        _mock.Options.RestAnswer = new MockRestAnswer(400,
            "{\"code\":\"40099\",\"msg\":" + System.Text.Json.JsonSerializer.Serialize(hostile) + ",\"data\":null}");
        using var credentials = Credentials(MockPrivateAccount.UnifiedTest);
        var ex = await Assert.ThrowsAsync<AccountModeProbeException>(() => AccountModeProbe.ProbeAsync(credentials, Options()));
        Assert.Contains("\\u001b]0;pwned\\u0007\\u001b[2J\\u202eevil", ex.Message);
        Assert.DoesNotContain('\u001b', ex.Message);
        Assert.DoesNotContain('\u0007', ex.Message);
        Assert.DoesNotContain('\u202E', ex.Message);
        Assert.DoesNotContain('\u001b', ex.ServerMessage!);
        Assert.True(ex.Message.Length < 1500, $"the message is {ex.Message.Length} characters long");

        // A hostile accountMode is escaped too.
        _mock.Options.RestAnswer = new MockRestAnswer(200, "{\"code\":\"00000\",\"data\":{\"accountMode\":\"uni\\u001b[2Jfied\"}}");
        Assert.Equal("uni\\u001b[2Jfied", (await AccountModeProbe.ProbeAsync(credentials, Options())).AccountMode);
    }

    [Fact]
    public async Task CredentialsGoOnlyOverHttpsOrToLoopback()
    {
        using var credentials = Credentials(MockPrivateAccount.UnifiedTest);
        var options = Options();
        options.BaseAddress = new Uri("http://api.bitget.com");
        var ex = await Assert.ThrowsAsync<BitgetArgumentException>(() => AccountModeProbe.ProbeAsync(credentials, options));
        Assert.Equal("BaseAddress", ex.ParamName);
        Assert.Empty(_mock.ReceivedRestRequests);
        Assert.Equal(new Uri("https://api.bitget.com"), new AccountModeProbeOptions().BaseAddress);
    }

    [Fact]
    public void TheProxyIsChosenAsForTheSockets()
    {
        var environment = new WebProxy("http://proxy.example:3128");
        Assert.Null(AccountModeProbe.ProxyFor(new Uri("http://127.0.0.1:5000"), null, environment));
        Assert.Equal(new Uri("http://proxy.example:3128/"), AccountModeProbe.ProxyFor(new Uri("https://api.bitget.com"), null, environment));
        Assert.Equal(new Uri("http://other:8080/"), AccountModeProbe.ProxyFor(new Uri("https://api.bitget.com"), new Uri("http://other:8080/"), environment));
        Assert.Null(AccountModeProbe.ProxyFor(new Uri("https://api.bitget.com"), null, null));
    }

    private sealed class OffsetClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
