using System.Buffers;
using System.Text;
using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Protocol;
using Xunit;

namespace Bitget.Stream.Tests.Protocol;

public class WireDialectTests
{
    private static string Arg(WireDialect dialect, BitgetTopic topic)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            dialect.WriteArg(writer, topic);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // The first argument of a fixture's request, re-serialised compactly (the fixtures are indented).
    private static string FixtureArg(string name)
    {
        using var doc = JsonDocument.Parse(Fixtures.UtaBytes(name));
        return JsonSerializer.Serialize(doc.RootElement.GetProperty("args")[0]);
    }

    [Theory]
    [InlineData("v3-subscribe-request.json", "SPOT", "ticker", "BTCUSDT")]
    [InlineData("v3-kline-subscribe-request.json", "SPOT", "candle1m", "BTCUSDT")]
    [InlineData("v3-private-subscribe-request.json", "UTA", "account", "default")]
    [InlineData("v3-fast-fill-subscribe-request.json", "UTA", "fast-fill", "default")]
    [InlineData("v3-liquidation-subscribe-request.json", "USDT-FUTURES", "liquidation", "default")]
    public void AUnifiedArgumentIsWhatTheDocsSend(string fixture, string instType, string channel, string instId)
    {
        var expected = JsonDocument.Parse(FixtureArg(fixture)).RootElement;
        var actual = JsonDocument.Parse(Arg(WireDialect.Unified, new BitgetTopic(instType, channel, instId))).RootElement;
        // Key order is not significant on the wire; every key and value is.
        Assert.Equal(expected.EnumerateObject().OrderBy(p => p.Name).Select(p => $"{p.Name}={p.Value}"),
            actual.EnumerateObject().OrderBy(p => p.Name).Select(p => $"{p.Name}={p.Value}"));
    }

    [Theory]
    [InlineData("USDT-FUTURES", "trade", "BTCUSDT", """{"instType":"usdt-futures","topic":"publicTrade","symbol":"BTCUSDT"}""")]
    [InlineData("COIN-FUTURES", "books", "BTCUSD_CM", """{"instType":"coin-futures","topic":"books","symbol":"BTCUSD_CM"}""")]
    [InlineData("USDC-FUTURES", "books50", "BTCPERP", """{"instType":"usdc-futures","topic":"books50","symbol":"BTCPERP"}""")]
    [InlineData("UTA", "orders", "default", """{"instType":"UTA","topic":"order"}""")]
    [InlineData("UTA", "positions", "default", """{"instType":"UTA","topic":"position"}""")]
    [InlineData("UTA", "fill", "default", """{"instType":"UTA","topic":"fill"}""")]
    [InlineData("UTA", "orders-algo", "default", """{"instType":"UTA","topic":"strategy-order","symbol":"default"}""")]
    [InlineData("UTA", "adl-notification", "default", """{"instType":"UTA","topic":"adl-notification"}""")]
    [InlineData("SPOT", "rpi-books5", "BTCUSDT", """{"instType":"spot","topic":"rpi-books5","symbol":"BTCUSDT"}""")]
    public void UnifiedTopicsAreSpelledTheV3Way(string instType, string channel, string instId, string expected) =>
        Assert.Equal(expected, Arg(WireDialect.Unified, new BitgetTopic(instType, channel, instId)));

    [Fact]
    public void ClassicArgumentsAreUnchanged()
    {
        Assert.Equal("""{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"}""",
            Arg(WireDialect.Classic, BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT")));
        Assert.Equal("""{"instType":"USDT-FUTURES","channel":"account","coin":"default"}""",
            Arg(WireDialect.Classic, new BitgetTopic("USDT-FUTURES", "account", "default")));
    }

    [Fact]
    public void AUnifiedRequestCarriesAtMostTenArguments()
    {
        var topics = Enumerable.Range(0, 25).Select(i => BitgetTopic.Ticker("USDT-FUTURES", $"S{i}USDT")).ToList();
        var unified = SubscriptionRequestBuilder.BuildMessages(OutboundMessageKind.Subscribe, topics, dialect: WireDialect.Unified);
        Assert.Equal([10, 10, 5], unified.Select(m => m.Topics.Count));
        Assert.All(unified, m => Assert.Contains("\"topic\":\"ticker\"", m.Text));
        var classic = SubscriptionRequestBuilder.BuildMessages(OutboundMessageKind.Subscribe, topics);
        Assert.Equal([25], classic.Select(m => m.Topics.Count));
    }

    private static BitgetFrame ParseUnified(byte[] utf8) =>
        new BitgetFrameParser(dialect: WireDialect.Unified).Parse(utf8, DateTimeOffset.UnixEpoch, new List<BitgetTicker>());

    [Theory]
    [InlineData("v3-subscribe-ack.json", BitgetFrameKind.Subscribed, "SPOT", "ticker", "BTCUSDT")]
    [InlineData("v3-subscribe-ack-captured.json", BitgetFrameKind.Subscribed, "USDT-FUTURES", "ticker", "BTCUSDT")]
    [InlineData("v3-kline-subscribe-ack.json", BitgetFrameKind.Subscribed, "SPOT", "candle1m", "BTCUSDT")]
    [InlineData("v3-position-subscribe-ack.json", BitgetFrameKind.Subscribed, "UTA", "positions", "default")]
    [InlineData("v3-fast-fill-subscribe-ack.json", BitgetFrameKind.Subscribed, "UTA", "fast-fill", "default")]
    [InlineData("v3-unsubscribe-ack-ccxt.json", BitgetFrameKind.Unsubscribed, "SPOT", "books", "BTCUSDT")]
    [InlineData("v3-error.json", BitgetFrameKind.Error, "USDT-FUTURES", "books", "NOPEUSDT")]
    [InlineData("v3-error-books15-captured.json", BitgetFrameKind.Error, "USDT-FUTURES", "books15", "BTCUSDT")]
    public void UnifiedEventsNameTheModulesTopic(string fixture, BitgetFrameKind kind, string instType, string channel, string instId)
    {
        var frame = ParseUnified(Fixtures.UtaBytes(fixture));
        Assert.Equal(kind, frame.Kind);
        Assert.Equal((instType, channel, instId), (frame.InstType, frame.Channel, frame.InstId));
    }

    [Fact]
    public void ARefusalNamesItsArgumentOnlyWhenMsgStartsWithOne()
    {
        var frame = ParseUnified("""{"event":"error","code":30002,"msg":"illegal request","connId":"x"}"""u8.ToArray());
        Assert.Equal(BitgetFrameKind.Error, frame.Kind);
        Assert.Null(frame.Channel);
        var cut = ParseUnified("""{"event":"error","code":30001,"msg":"{\"instType\":\"spot\",\"topic\" doesn't exist"}"""u8.ToArray());
        Assert.Equal(BitgetFrameKind.Error, cut.Kind);
        Assert.Null(cut.Channel);
    }

    [Theory]
    [InlineData("v3-ticker-spot.json", "SPOT", "ticker", "BTCUSDT")]
    [InlineData("v3-ticker-futures.json", "USDT-FUTURES", "ticker", "BTCUSDT")]
    [InlineData("v3-kline.json", "SPOT", "candle1D", "BTCUSDT")]
    [InlineData("v3-books5.json", "USDT-FUTURES", "books5", "BTCUSDT")]
    [InlineData("v3-publicTrade.json", "USDT-FUTURES", "trade", "BTCUSDT")]
    [InlineData("v3-liquidation.json", "USDT-FUTURES", "liquidation", "default")]
    [InlineData("v3-account.json", "UTA", "account", "default")]
    [InlineData("v3-order.json", "UTA", "orders", "default")]
    [InlineData("v3-strategy-order.json", "UTA", "orders-algo", "default")]
    public void UnifiedPushesRouteToTheModulesTopic(string fixture, string instType, string channel, string instId)
    {
        var frame = ParseUnified(Fixtures.UtaBytes(fixture));
        Assert.Equal((instType, channel, instId), (frame.InstType, frame.Channel, frame.InstId));
    }

    [Theory]
    [InlineData("wss://ws.bitget.com/v3/ws/public", BitgetApi.Unified)]
    [InlineData("ws://127.0.0.1:8765/v3/ws/private", BitgetApi.Unified)]
    [InlineData("wss://ws.bitget.com/v2/ws/public", BitgetApi.Classic)]
    [InlineData("ws://127.0.0.1:8765/feed", null)]
    public void AnEndpointsPathNamesItsApi(string endpoint, BitgetApi? api) =>
        Assert.Equal(api, WireDialect.ApiOfEndpoint(new Uri(endpoint)));

    [Fact]
    public void EndpointsOfEachApi()
    {
        Assert.Equal("wss://ws.bitget.com/v3/ws/public", WireDialect.Unified.PublicEndpoint(demo: false).ToString());
        Assert.Equal("wss://wspap.bitget.com/v3/ws/private", WireDialect.Unified.PrivateEndpoint(demo: true).ToString());
        Assert.Equal("wss://ws.bitget.com/v2/ws/private", WireDialect.Classic.PrivateEndpoint(demo: false).ToString());
    }
}
