using Bitget.MockExchange;
using Bitget.Stream.Credentials;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;
using Bitget.Stream.Tests.Session;

namespace Bitget.Stream.Tests.Private;

/// <summary>
/// Login against the mock's private endpoint: on every (re)connect before the replay, each authentication error ending
/// the session with its fix (no reconnect loop), and the endpoint rule (wss://, or ws:// to loopback only).
/// </summary>
public sealed class PrivateLoginTests : SessionHarness
{
    private static readonly BitgetTopic Orders = new("USDT-FUTURES", BitgetChannelNames.Orders, "default");
    private static readonly BitgetTopic SpotAccount = new("SPOT", BitgetChannelNames.Account, "default");

    internal static BitgetCredentials Credentials(string? key = null, string? secret = null, string? passphrase = null) => new(
        (key ?? MockPrivateAccount.Test.ApiKey).ToCharArray(),
        (secret ?? MockPrivateAccount.Test.Secret).ToCharArray(),
        (passphrase ?? MockPrivateAccount.Test.Passphrase).ToCharArray());

    private BitgetStreamSession PrivateSession(BitgetCredentials credentials, TimeProvider? clock = null)
    {
        var session = NewSession(o => o.Endpoint = _mock.PrivateEndpoint);
        session.EnableLogin(credentials, clock ?? TimeProvider.System, TimeSpan.FromSeconds(5));
        return session;
    }

    private int Count(string fragment) => _mock.ReceivedTextFrames.Count(f => f.Contains(fragment, StringComparison.Ordinal));

    [Fact]
    public async Task LogsInBeforeThePrivateSubscriptionsGoOut()
    {
        var session = PrivateSession(Credentials());
        session.Subscribe([Orders, SpotAccount]);
        await session.ConnectAsync();
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.All(s => s.State == BitgetSubscriptionState.Subscribed), Patience));
        var frames = _mock.ReceivedTextFrames.Where(f => f != "ping").ToList();
        Assert.Contains("\"op\":\"login\"", frames[0]);
        Assert.All(frames.Skip(1), f => Assert.DoesNotContain("\"op\":\"login\"", f));
        Assert.Equal(1, _mock.LoggedInConnections);
        // The account topic goes out with "coin", the way Bitget names its scope.
        Assert.Contains(frames, f => f.Contains("\"channel\":\"account\",\"coin\":\"default\"", StringComparison.Ordinal));
        Assert.Equal(0, Count("\"code\":30004"));
    }

    [Fact]
    public async Task LogsInAgainAfterADropBeforeTheReplay()
    {
        var session = PrivateSession(Credentials());
        session.Subscribe([Orders]);
        await session.ConnectAsync();
        Assert.True(await _mock.WaitUntilAsync(_ => session.Subscriptions.All(s => s.State == BitgetSubscriptionState.Subscribed), Patience));

        _mock.DropAllConnections();
        Assert.True(await _mock.WaitUntilAsync(m => session.ReconnectCount == 1 && Count("\"op\":\"subscribe\"") == 2 && m.LoggedInConnections == 1, Patience));
        var frames = _mock.ReceivedTextFrames.Where(f => f != "ping").ToList();
        var secondLogin = frames.FindLastIndex(f => f.Contains("\"op\":\"login\"", StringComparison.Ordinal));
        var secondSubscribe = frames.FindLastIndex(f => f.Contains("\"op\":\"subscribe\"", StringComparison.Ordinal));
        Assert.Equal(2, Count("\"op\":\"login\""));
        Assert.True(secondLogin < secondSubscribe, "the replay went out before the login");
        Assert.Equal(BitgetSessionState.Connected, session.State);
    }

    public static TheoryData<string, int, string> AuthErrors => new()
    {
        { "key", 30011, "BITGET_API_KEY" },
        { "secret", 30015, "BITGET_SECRET_KEY" },
        { "passphrase", 30012, "BITGET_PASSPHRASE" },
        { "clock", 30014, "clock" },
    };

    [Theory]
    [MemberData(nameof(AuthErrors))]
    public async Task EachAuthenticationErrorEndsTheSessionWithItsFix(string wrong, int code, string fix)
    {
        var credentials = wrong switch
        {
            "key" => Credentials(key: "unknown-key"),
            "secret" => Credentials(secret: "not-the-secret"),
            "passphrase" => Credentials(passphrase: "not-the-passphrase"),
            _ => Credentials(),
        };
        var clock = wrong == "clock" ? new OffsetClock(TimeSpan.FromMinutes(-5)) : TimeProvider.System;
        var session = PrivateSession(credentials, clock);
        session.Subscribe([Orders]);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => session.ConnectAsync());
        Assert.Equal(BitgetSessionState.Failed, session.State);
        Assert.True(session.EndReason!.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture)), session.EndReason);
        Assert.Contains(fix, session.EndReason);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        // One attempt, no reconnect loop, and nothing subscribed on a refused connection.
        // The ended session stopped its loops: once its socket is gone nothing can try again.
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 0, Patience));
        Assert.Equal(1, Count("\"op\":\"login\""));
        Assert.Equal(0, Count("\"op\":\"subscribe\""));
        Assert.True(credentials.IsDisposed, "the credentials were not wiped when the session ended");
    }

    [Fact]
    public async Task AnAuthErrorAfterLoginEndsTheSession()
    {
        var session = PrivateSession(Credentials());
        session.Subscribe([Orders]);
        await session.ConnectAsync();
        await _mock.BroadcastErrorAsync(30004, "User needs to log in");
        await session.Completion.WaitAsync(Patience);
        Assert.Equal(BitgetSessionState.Failed, session.State);
        Assert.Contains("Connect-BitgetStream -Private", session.EndReason);
    }

    [Fact]
    public async Task APrivateSubscriptionWithoutLoginIsRefusedWith30004()
    {
        var session = NewSession(o => o.Endpoint = _mock.PrivateEndpoint);
        using var feed = session.Open<BitgetTicker>(null);
        session.Subscribe([Orders]);
        await session.ConnectAsync();
        Assert.True(await _mock.WaitUntilAsync(_ => Count("\"op\":\"subscribe\"") >= 1, Patience));
        var deadline = DateTime.UtcNow + Patience;
        BitgetNotice? refusal = null;
        while (refusal is null && DateTime.UtcNow < deadline)
        {
            if (feed.Take(TimeSpan.FromMilliseconds(200), CancellationToken.None, out _, out var notice) == BitgetFeedResult.Notice
                && notice!.Message.Contains("30004", StringComparison.Ordinal))
                refusal = notice;
        }
        Assert.NotNull(refusal);
    }

    [Theory]
    [InlineData("ws://example.com/v2/ws/private", false)]
    [InlineData("ws://10.0.0.1:8080/v2/ws/private", false)]
    [InlineData("ws://127.0.0.1:8765/v2/ws/private", true)]
    [InlineData("ws://localhost:8765/v2/ws/private", true)]
    [InlineData("ws://[::1]:8765/v2/ws/private", true)]
    [InlineData("wss://ws.bitget.com/v2/ws/private", true)]
    public void ALoginGoesOnlyOverTlsOrToLoopback(string endpoint, bool allowed)
    {
        Assert.Equal(allowed, LoginSigner.IsSafeForLogin(new Uri(endpoint)));
        var session = NewSession(o => o.Endpoint = new Uri(endpoint));
        var credentials = Credentials();
        if (allowed)
        {
            session.EnableLogin(credentials);
            Assert.False(credentials.IsDisposed);
        }
        else
        {
            var error = Assert.Throws<BitgetArgumentException>(() => session.EnableLogin(credentials));
            Assert.Contains("wss://", error.Message);
            Assert.True(credentials.IsDisposed);
        }
    }

    private sealed class OffsetClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
