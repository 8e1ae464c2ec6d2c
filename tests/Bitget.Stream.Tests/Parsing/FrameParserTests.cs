using System.Text;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Tests.Parsing;

public class FrameParserTests
{
    private static (BitgetFrame Frame, List<BitgetTicker> Tickers) Parse(string text, BitgetFrameParser? parser = null)
    {
        var tickers = new List<BitgetTicker>();
        var frame = (parser ?? new BitgetFrameParser()).Parse(Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, tickers);
        return (frame, tickers);
    }

    [Fact]
    public void PongIsRecognisedBeforeJson()
    {
        Assert.Equal(BitgetFrameKind.Pong, Parse("pong").Frame.Kind);
        Assert.Equal(BitgetFrameKind.Pong, new BitgetFrameParser().Parse(Fixtures.Bytes("pong.txt"), default, []).Kind);
    }

    [Theory]
    [InlineData("{\"event\":\"error\",\"code\":30016,\"msg\":\"Param error\"}", 30016)]
    [InlineData("{\"event\":\"error\",\"code\":\"30005\",\"msg\":\"error\"}", 30005)]
    public void CodeIsAcceptedAsNumberOrString(string text, int code)
    {
        var (frame, _) = Parse(text);
        Assert.Equal(BitgetFrameKind.Error, frame.Kind);
        Assert.Equal(code, frame.Code);
    }

    [Fact]
    public void ErrorEchoesTheRejectedTopic()
    {
        var tickers = new List<BitgetTicker>();
        var frame = new BitgetFrameParser().Parse(Fixtures.Bytes("error-30016.json"), default, tickers);
        Assert.Equal(BitgetFrameKind.Error, frame.Kind);
        Assert.Equal(("USDT-FUTURES", "books50", "BTCUSDT", "subscribe", "Param error"), (frame.InstType, frame.Channel, frame.InstId, frame.Op, frame.Message));
    }

    [Theory]
    [InlineData("{\"action\":\"snapshot\",\"arg\":{\"instType\":\"SPOT\",\"channel\":\"ticker\",\"instId\":\"BTCUSDT\"},\"data\":[{\"instId\":\"BTCUSDT\",\"lastPr\":\"1\"}]}", "without ts")]
    [InlineData("{\"action\":\"snapshot\",\"arg\":{\"instType\":\"SPOT\",\"channel\":\"ticker\"},\"data\":[{\"lastPr\":\"1\",\"ts\":\"1\"}]}", "without instId")]
    [InlineData("{\"action\":\"snapshot\",\"arg\":{\"instType\":\"SPOT\",\"channel\":\"ticker\",\"instId\":\"BTCUSDT\"},\"data\":[{\"instId\":\"BTCUSDT\",\"lastPr\":\"1\"", "invalid JSON")]
    // A malformed field is left empty rather than spoiling the frame (MalformedFieldTests); the item's identity is not.
    [InlineData("{\"action\":\"snapshot\",\"arg\":{\"instType\":\"SPOT\",\"channel\":\"ticker\",\"instId\":\"BTCUSDT\"},\"data\":[{\"instId\":[\"BTCUSDT\"],\"lastPr\":\"1\",\"ts\":\"1\"}],\"ts\":1}", "malformed instId")]
    [InlineData("[1,2,3]", "not a JSON object")]
    [InlineData("", "invalid JSON")]
    [InlineData("{\"foo\":1}", "neither an event nor a push")]
    public void MalformedFramesAreInvalidWithAReasonAndYieldNothing(string text, string reason)
    {
        var (frame, tickers) = Parse(text);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains(reason, frame.InvalidReason);
        Assert.Empty(tickers);
    }

    [Fact]
    public void TickerWithoutItsOwnTsTakesTheEnvelopeTs()
    {
        var (frame, tickers) = Parse("{\"action\":\"snapshot\",\"arg\":{\"instType\":\"SPOT\",\"channel\":\"ticker\",\"instId\":\"BTCUSDT\"},\"data\":[{\"lastPr\":\"1.50\"}],\"ts\":1695715383039}");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1695715383039), Assert.Single(tickers).Timestamp);
        Assert.Equal("BTCUSDT", tickers[0].Symbol);
    }

    [Fact]
    public void DataBeforeArgIsStillParsed()
    {
        var (frame, tickers) = Parse("{\"data\":[{\"instId\":\"ETHUSDT\",\"lastPr\":\"1800.25\",\"ts\":\"1\"}],\"arg\":{\"instType\":\"SPOT\",\"channel\":\"ticker\",\"instId\":\"ETHUSDT\"},\"action\":\"snapshot\"}");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(1800.25m, Assert.Single(tickers).LastPrice);
    }

    [Fact]
    public void EmptyStringsAndNullsAreNotSentValues()
    {
        var (_, tickers) = Parse("{\"arg\":{\"instType\":\"SPOT\",\"channel\":\"ticker\",\"instId\":\"X1\"},\"data\":[{\"lastPr\":\"\",\"bidPr\":null,\"askPr\":2,\"ts\":1}],\"ts\":1}");
        var t = Assert.Single(tickers);
        Assert.Null(t.LastPrice);
        Assert.Null(t.BidPrice);
        Assert.Equal(2m, t.AskPrice);
        Assert.Null(t.Spread);
    }

    [Fact]
    public void ExponentsAndLongDecimalsKeepFullPrecision()
    {
        var (_, tickers) = Parse("{\"arg\":{\"instType\":\"SPOT\",\"channel\":\"ticker\",\"instId\":\"PEPEUSDT\"},\"data\":[{\"lastPr\":\"1.234E-8\",\"bidPr\":\"0.000000012339999999\",\"ts\":\"1\"}]}");
        var t = Assert.Single(tickers);
        Assert.Equal(0.00000001234m, t.LastPrice);
        Assert.Equal(0.000000012339999999m, t.BidPrice);
    }

    [Fact]
    public void SymbolStringsAreReusedAcrossFrames()
    {
        var parser = new BitgetFrameParser();
        var text = "{\"arg\":{\"instType\":\"USDT-FUTURES\",\"channel\":\"ticker\",\"instId\":\"BTCUSDT\"},\"data\":[{\"instId\":\"BTCUSDT\",\"lastPr\":\"1\",\"ts\":\"1\"}],\"ts\":1}";
        var a = Parse(text, parser).Tickers[0];
        var b = Parse(text, parser).Tickers[0];
        Assert.Same(a.Symbol, b.Symbol);
        Assert.Same(a.InstType, b.InstType);
    }

    [Fact]
    public void UnknownFieldsAndNestedValuesAreSkipped()
    {
        var (frame, tickers) = Parse("{\"arg\":{\"instType\":\"SPOT\",\"channel\":\"ticker\",\"instId\":\"BTCUSDT\"},\"extra\":{\"a\":[1,{\"b\":2}]},\"data\":[{\"new\":[1,2],\"lastPr\":\"3\",\"ts\":\"1\"}]}");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(3m, Assert.Single(tickers).LastPrice);
    }
}
