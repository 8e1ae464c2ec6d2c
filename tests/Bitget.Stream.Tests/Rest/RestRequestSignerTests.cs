using System.Net.Http;
using Bitget.Stream.Credentials;
using Bitget.Stream.Rest;

namespace Bitget.Stream.Tests.Rest;

/// <summary>Bitget's REST signature, checked against values computed independently (python3 hmac, openssl).</summary>
public sealed class RestRequestSignerTests
{
    private const string Secret = "22582BD0CFF14C41EDBF1AB98506286D";
    private const long Timestamp = 1695808949356;

    // python3 -c "import hmac,hashlib,base64;print(base64.b64encode(hmac.new(b'22582BD0CFF14C41EDBF1AB98506286D',
    //   b'1695808949356GET/api/v3/account/settings',hashlib.sha256).digest()).decode())"
    // echo -n '1695808949356GET/api/v3/account/settings' | openssl dgst -sha256 -hmac 22582BD0CFF14C41EDBF1AB98506286D -binary | base64
    private const string SettingsSign = "Q78LkAKVppOcPjuipJLQHRrQH1vNfd6Kll0JnqM5b4A=";

    // the same with '1695808949356GET/api/v2/mix/order/detail?symbol=BTCUSDT&productType=usdt-futures'
    private const string QuerySign = "7j/s6rFvYexDb9VEPII6B2tKiouHV9gPH+xRzIfDNXM=";

    // the same with '1695808949356POST/api/v2/spot/trade/place-order{"symbol":"BTCUSDT","side":"buy"}'
    private const string BodySign = "y933M4bAlqe5Rscm4h4wTabsjj6ZuM3nj23N9EijNBA=";

    [Fact]
    public void SignsTimestampMethodPathQueryAndBodyWithHmacSha256InBase64()
    {
        Assert.Equal(SettingsSign, RestRequestSigner.Sign(Secret, Timestamp, "GET", "/api/v3/account/settings", null, null));
        Assert.Equal(SettingsSign, RestRequestSigner.Sign(Secret, Timestamp, "get", "/api/v3/account/settings", "", ""));
        Assert.Equal(QuerySign, RestRequestSigner.Sign(Secret, Timestamp, "GET", "/api/v2/mix/order/detail", "symbol=BTCUSDT&productType=usdt-futures", null));
        Assert.Equal(BodySign, RestRequestSigner.Sign(Secret, Timestamp, "POST", "/api/v2/spot/trade/place-order", null, "{\"symbol\":\"BTCUSDT\",\"side\":\"buy\"}"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AppliesBitgetsHeadersSigningThePathAndQueryOfTheRequest(bool demo)
    {
        using var credentials = new BitgetCredentials("key-1".ToCharArray(), Secret.ToCharArray(), "pass-1".ToCharArray());
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.bitget.com/api/v2/mix/order/detail?symbol=BTCUSDT&productType=usdt-futures");
        RestRequestSigner.Apply(request, credentials, Timestamp, demo);
        Assert.Equal("key-1", Single(request, "ACCESS-KEY"));
        Assert.Equal(QuerySign, Single(request, "ACCESS-SIGN"));
        Assert.Equal("1695808949356", Single(request, "ACCESS-TIMESTAMP"));
        Assert.Equal("pass-1", Single(request, "ACCESS-PASSPHRASE"));
        Assert.Equal("en-US", Single(request, "locale"));
        Assert.Equal("application/json", request.Content?.Headers.ContentType?.MediaType);
        Assert.Equal(demo, request.Headers.TryGetValues("paptrading", out var values) && values.Single() == "1");
    }

    [Fact]
    public void ARelativeAddressOrWipedCredentialsAreRefused()
    {
        using var credentials = new BitgetCredentials("k".ToCharArray(), "s".ToCharArray(), "p".ToCharArray());
        using var relative = new HttpRequestMessage(HttpMethod.Get, "/api/v3/account/settings");
        Assert.Throws<ArgumentException>(() => RestRequestSigner.Apply(relative, credentials, Timestamp, demo: false));
        credentials.Dispose();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.bitget.com/api/v3/account/settings");
        Assert.Throws<ObjectDisposedException>(() => RestRequestSigner.Apply(request, credentials, Timestamp, demo: false));
    }

    private static string Single(HttpRequestMessage request, string header) => Assert.Single(request.Headers.GetValues(header));
}
