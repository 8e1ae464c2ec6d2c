using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Bitget.MockExchange;
using Bitget.Stream.Models;
using Bitget.Stream.Session;
using Bitget.Stream.Transport;

namespace Bitget.Stream.Tests.Transport;

/// <summary>Through an HTTP proxy: a tiny loopback CONNECT proxy, the proxy refusing, and which proxy applies.</summary>
public sealed class ProxyTunnelTests
{
    /// <summary>A CONNECT proxy: records each request head, answers 200, then relays bytes both ways.</summary>
    private static ScriptedServer ConnectProxy(List<string> heads, string? answer = null) => new(async (client, ct) =>
    {
        using var clientStream = new NetworkStream(client);
        var head = await ScriptedServer.ReadHeadAsync(clientStream, ct);
        lock (heads)
            heads.Add(head);
        if (answer is not null)
        {
            await clientStream.WriteAsync(Encoding.ASCII.GetBytes(answer), ct);
            return;
        }
        var target = head.Split(' ')[1];
        var colon = target.LastIndexOf(':');
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await upstream.ConnectAsync(IPAddress.Parse(target[..colon].Trim('[', ']')), int.Parse(target[(colon + 1)..]), ct);
        using var upstreamStream = new NetworkStream(upstream);
        await clientStream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), ct);
        await Task.WhenAny(clientStream.CopyToAsync(upstreamStream, ct), upstreamStream.CopyToAsync(clientStream, ct));
    });

    [Fact]
    public async Task ASessionReachesTheExchangeThroughAConfiguredProxy()
    {
        await using var mock = await MockBitgetExchange.StartAsync(new MockExchangeOptions { TickerInterval = TimeSpan.FromMilliseconds(20) });
        var heads = new List<string>();
        await using var proxy = ConnectProxy(heads);
        await using var session = new BitgetStreamSession(new BitgetSessionOptions
        {
            Endpoint = mock.PublicEndpoint,
            Proxy = new Uri($"http://user:p%40ss@127.0.0.1:{proxy.Port}"),
        });
        using var feed = session.Open<BitgetTicker>([BitgetTopic.Ticker("SPOT", "BTCUSDT")]);
        await session.ConnectAsync();
        Assert.Equal(BitgetFeedResult.Item, feed.Take(TimeSpan.FromSeconds(10), CancellationToken.None, out var ticker, out _));
        Assert.Equal("BTCUSDT", ticker!.Symbol);
        var head = Assert.Single(heads);
        Assert.StartsWith($"CONNECT 127.0.0.1:{mock.Port} HTTP/1.1\r\n", head);
        Assert.Contains($"\r\nHost: 127.0.0.1:{mock.Port}\r\n", head);
        Assert.Contains($"\r\nProxy-Authorization: Basic {Convert.ToBase64String("user:p@ss"u8.ToArray())}\r\n", head);
    }

    [Fact]
    public async Task AProxyThatRefusesTheTunnelIsReportedAsSuch()
    {
        var heads = new List<string>();
        await using var proxy = ConnectProxy(heads, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n");
        var settings = TransportTestSettings.Create() with { Proxy = new Uri($"http://127.0.0.1:{proxy.Port}") };
        var ex = await Assert.ThrowsAsync<IOException>(() => TransportTestSettings.Connector(settings).ConnectAsync(new Uri("wss://ws.bitget.test/v2/ws/public"), default));
        Assert.Contains("407", ex.Message);
        Assert.StartsWith("CONNECT ws.bitget.test:443 HTTP/1.1\r\n", Assert.Single(heads));
    }

    [Fact]
    public async Task AProxyThatNeverAnswersTheTunnelRequestIsNamedAsSuch()
    {
        await using var proxy = new ScriptedServer(async (client, ct) =>
        {
            using var stream = new NetworkStream(client);
            await ScriptedServer.ReadHeadAsync(stream, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var settings = TransportTestSettings.Create(TimeSpan.FromMilliseconds(500)) with { Proxy = new Uri($"http://127.0.0.1:{proxy.Port}") };
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => TransportTestSettings.Connector(settings).ConnectAsync(new Uri("wss://ws.bitget.test/v2/ws/public"), default));
        Assert.Contains($"127.0.0.1:{proxy.Port}", ex.Message);
        Assert.Contains("accepted the connection but did not answer the request for a tunnel to ws.bitget.test:443 within 0.5 s.", ex.Message);
    }

    [Fact]
    public async Task AProxysAnswerIsQuotedWithItsControlCharactersEscaped()
    {
        var heads = new List<string>();
        await using var proxy = ConnectProxy(heads, "HTTP/1.1 502 \u001b]0;pwned\u0007\u001b[2J\r\n\r\n");
        var settings = TransportTestSettings.Create() with { Proxy = new Uri($"http://127.0.0.1:{proxy.Port}") };
        var ex = await Assert.ThrowsAsync<IOException>(() => TransportTestSettings.Connector(settings).ConnectAsync(new Uri("wss://ws.bitget.test/v2/ws/public"), default));
        Assert.Contains("502 \\u001b]0;pwned\\u0007\\u001b[2J", ex.Message);
        Assert.DoesNotContain('\u001b', ex.Message);
    }

    [Fact]
    public void TheEnvironmentsProxyAppliesUnlessBypassedAndAConfiguredOneWins()
    {
        var environment = new WebProxy("http://corporate:3128", BypassOnLocal: false, BypassList: [@"\.internal\.test$"]);
        var bitget = new Uri("wss://ws.bitget.com/v2/ws/public");
        Assert.Equal(new Uri("http://corporate:3128/"), ProxySelector.Select(bitget, null, environment));
        Assert.Null(ProxySelector.Select(new Uri("wss://gw.internal.test/ws"), null, environment));
        Assert.Null(ProxySelector.Select(new Uri("ws://127.0.0.1:5000/ws"), null, environment));
        Assert.Null(ProxySelector.Select(bitget, null, null));
        Assert.Equal(new Uri("http://mine:8080"), ProxySelector.Select(bitget, new Uri("http://mine:8080"), environment));
        Assert.Equal(new Uri("http://mine:8080"), ProxySelector.Select(new Uri("ws://127.0.0.1:5000/ws"), new Uri("http://mine:8080"), environment));
    }

    [Fact]
    public void OnlyHttpProxiesAreAccepted()
    {
        Assert.Throws<ArgumentException>(() => new BitgetStreamSession(new BitgetSessionOptions { Proxy = new Uri("socks5://127.0.0.1:1080") }));
        Assert.Throws<ArgumentException>(() => new BitgetStreamSession(new BitgetSessionOptions { Proxy = new Uri("https://127.0.0.1:8443") }));
        using var session = new BitgetStreamSession(new BitgetSessionOptions { Proxy = new Uri("http://127.0.0.1:3128") });
        Assert.Equal(new Uri("http://127.0.0.1:3128"), session.Options.Proxy);
    }

    [Fact]
    public async Task AProxyPasswordAppearsInNoMessageWhereverTheProxyCameFrom()
    {
        const string secret = "s3cr%C3%A9t-pw";
        var heads = new List<string>();
        await using var refusing = ConnectProxy(heads, "HTTP/1.1 403 Forbidden\r\n\r\n");
        await using var silent = new ScriptedServer(async (_, ct) => await Task.Delay(Timeout.Infinite, ct));
        var target = new Uri("wss://ws.bitget.test/v2/ws/public");
        var messages = new List<string>();

        // From the environment (as HTTPS_PROXY is read), refused and silent.
        foreach (var port in new[] { refusing.Port, silent.Port })
        {
            var settings = TransportTestSettings.Create(TimeSpan.FromMilliseconds(700)) with
            {
                EnvironmentProxy = new WebProxy(new Uri($"http://trader:{secret}@127.0.0.1:{port}")),
            };
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => TransportTestSettings.Connector(settings).ConnectAsync(target, default));
            messages.Add(ex.ToString());
        }
        // Configured on the session: the connect error a user sees.
        await using (var session = new BitgetStreamSession(new BitgetSessionOptions
        {
            Endpoint = target,
            Proxy = new Uri($"http://trader:{secret}@127.0.0.1:{refusing.Port}"),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        }))
        {
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => session.ConnectAsync());
            messages.Add(ex.ToString());
            messages.Add(session.EndReason ?? "");
        }
        // Not an http:// proxy.
        messages.Add(Assert.Throws<ArgumentException>(() => new BitgetStreamSession(new BitgetSessionOptions
        {
            Proxy = new Uri($"socks5://trader:{secret}@127.0.0.1:1080"),
        })).Message);

        Assert.Contains(messages, m => m.Contains("403"));
        Assert.Contains(messages, m => m.Contains($"http://127.0.0.1:{silent.Port}"));
        Assert.All(messages, m =>
        {
            Assert.DoesNotContain("s3cr", m);
            Assert.DoesNotContain("trader", m);
        });
    }
}
