using Bitget.Stream.Credentials;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Tests.Private;

/// <summary>The login signature recipe and request, checked against an independently computed value.</summary>
public sealed class LoginSignerTests
{
    [Fact]
    public void SignsTimestampGetUserVerifyWithHmacSha256InBase64()
    {
        // Independent computation: python3 -c "import hmac,hashlib,base64;print(base64.b64encode(hmac.new(b'secret',b'1538054050GET/user/verify',hashlib.sha256).digest()).decode())"
        Assert.Equal("QW9NDIxQTfljkfSeZydUIsfx+5D1GgkIbDzvrCplpp4=", LoginSigner.Sign("secret", 1538054050));
    }

    [Fact]
    public void TheLoginRequestCarriesSecondsAndItsToStringIsRedacted()
    {
        using var credentials = new BitgetCredentials("key-1".ToCharArray(), "secret".ToCharArray(), "pass-1".ToCharArray());
        var login = LoginSigner.BuildLogin(credentials, 1538054050);
        Assert.Equal(OutboundMessageKind.Login, login.Kind);
        Assert.Equal(
            "{\"op\":\"login\",\"args\":[{\"apiKey\":\"key-1\",\"passphrase\":\"pass-1\",\"timestamp\":\"1538054050\",\"sign\":\"QW9NDIxQTfljkfSeZydUIsfx+5D1GgkIbDzvrCplpp4=\"}]}",
            login.Text);
        Assert.DoesNotContain("key-1", login.ToString());
        Assert.DoesNotContain("pass-1", login.ToString());
        Assert.DoesNotContain("key-1", credentials.ToString());
    }

    [Fact]
    public void DisposingCredentialsWipesThem()
    {
        char[] secret = "secret".ToCharArray();
        var credentials = new BitgetCredentials("k".ToCharArray(), secret, "p".ToCharArray());
        credentials.Dispose();
        Assert.All(secret, c => Assert.Equal('\0', c));
        Assert.Throws<ObjectDisposedException>(() => LoginSigner.BuildLogin(credentials, 1));
    }
}
