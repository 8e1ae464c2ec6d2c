using System.Text;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Tests.Parsing;

public class CandleParserTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static (BitgetFrame Frame, List<BitgetCandle> Candles) ParseFixture(string fixture)
    {
        var candles = new List<BitgetCandle>();
        var frame = new BitgetFrameParser().ParseCandles(Fixtures.Bytes(fixture), ReceivedAt, candles);
        return (frame, candles);
    }

    private static (BitgetFrame Frame, List<BitgetCandle> Candles) Parse(string text, BitgetFrameParser? parser = null)
    {
        var candles = new List<BitgetCandle>();
        var frame = (parser ?? new BitgetFrameParser()).ParseCandles(Encoding.UTF8.GetBytes(text), ReceivedAt, candles);
        return (frame, candles);
    }

    private static string Frame(string rows, string channel = "candle1m", string arg = "\"instType\":\"USDT-FUTURES\",\"channel\":\"CH\",\"instId\":\"BTCUSDT\"") =>
        "{\"action\":\"snapshot\",\"arg\":{" + arg.Replace("CH", channel) + "},\"data\":" + rows + ",\"ts\":1786650728706}";

    private static DateTimeOffset Ms(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static string Text(decimal? d) => d!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void LiveFuturesCandleUpdate()
    {
        var (frame, candles) = ParseFixture("candle-update.json");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(("update", "candle1m", 1), (frame.Action, frame.Channel, frame.ItemCount));
        var c = Assert.Single(candles);
        Assert.Equal("BTCUSDT", c.Symbol);
        Assert.Equal("USDT-FUTURES", c.InstType);
        Assert.Equal("1m", c.Interval);
        Assert.Equal(Ms(1786650720000), c.OpenTime);
        Assert.Equal(TimeSpan.Zero, c.OpenTime.Offset);
        Assert.Equal(63415.3m, c.Open);
        Assert.Equal(63415.4m, c.High);
        Assert.Equal(63415.2m, c.Low);
        Assert.Equal(63415.2m, c.Close);
        Assert.Equal(0.2824m, c.BaseVolume);
        Assert.Equal(17908.4799m, c.QuoteVolume);
        Assert.Equal(17908.4799m, c.UsdtVolume);
        Assert.Equal(ReceivedAt, c.ReceivedAt);
    }

    [Fact]
    public void SpotCandleSnapshotFromTheDocs()
    {
        var (frame, candles) = ParseFixture("candle1m-snapshot.json");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal("snapshot", frame.Action);
        var c = Assert.Single(candles);
        Assert.Equal(("ETHUSDT", "SPOT", "1m"), (c.Symbol, c.InstType, c.Interval));
        Assert.Equal(Ms(1695672780000), c.OpenTime);
        Assert.Equal("2200.1", Text(c.Open));
        Assert.Equal(2200.1m, c.High);
        Assert.Equal(2200.1m, c.Low);
        Assert.Equal(2200.1m, c.Close);
        Assert.Equal(0m, c.BaseVolume);
        Assert.Equal(0m, c.QuoteVolume);
        Assert.Equal(0m, c.UsdtVolume);
    }

    [Fact]
    public void FuturesCandleSnapshotFromTheDocs()
    {
        var (frame, candles) = ParseFixture("futures-candle1m-snapshot.json");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var c = Assert.Single(candles);
        Assert.Equal(("BTCUSDT", "USDT-FUTURES", "1m"), (c.Symbol, c.InstType, c.Interval));
        Assert.Equal(Ms(1695685500000), c.OpenTime);
        Assert.Equal("27000", Text(c.Open));
        Assert.Equal("27000.5", Text(c.High));
        Assert.Equal(27000m, c.Low);
        Assert.Equal(27000.5m, c.Close);
        Assert.Equal("0.057", Text(c.BaseVolume));
        Assert.Equal(1539.0155m, c.QuoteVolume);
        Assert.Equal(1539.0155m, c.UsdtVolume);
    }

    [Fact]
    public void SubscribeAckIsClassifiedAndYieldsNoCandle()
    {
        var (frame, candles) = ParseFixture("candle-subscribe-ack.json");
        Assert.Equal(BitgetFrameKind.Subscribed, frame.Kind);
        Assert.Equal(("USDT-FUTURES", "candle1m", "BTCUSDT"), (frame.InstType, frame.Channel, frame.InstId));
        Assert.Empty(candles);
    }

    [Fact]
    public void V3KlinePushIsNotAV2CandlePush()
    {
        // v3 uses topic/symbol and object rows; on the v2 socket it is a bad frame, as for tickers.
        var (frame, candles) = ParseFixture("uta-kline.json");
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Empty(candles);
    }

    [Theory]
    [InlineData("futures-ticker-snapshot.json")]
    [InlineData("books5.json")]
    [InlineData("trade.json")]
    public void OtherChannelsYieldNoCandles(string fixture)
    {
        var (frame, candles) = ParseFixture(fixture);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(0, frame.ItemCount);
        Assert.Empty(candles);
    }

    [Fact]
    public void CandleFramesYieldNoTickers()
    {
        var tickers = new List<BitgetTicker>();
        var frame = new BitgetFrameParser().Parse(Fixtures.Bytes("candle-update.json"), ReceivedAt, tickers);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Empty(tickers);
    }

    [Fact]
    public void SnapshotWithSeveralRowsYieldsOneCandleEachInOrder()
    {
        var (frame, candles) = Parse(Frame("[[\"1695685500000\",\"1\",\"2\",\"0.5\",\"1.5\",\"10\",\"15\",\"15\"],[\"1695685560000\",\"1.5\",\"3\",\"1.4\",\"2.75\",\"20\",\"50.5\",\"50.5\"],[\"1695685620000\",\"2.75\",\"2.75\",\"2.7\",\"2.7\",\"0\",\"0\",\"0\"]]"));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(3, frame.ItemCount);
        Assert.Equal([Ms(1695685500000), Ms(1695685560000), Ms(1695685620000)], candles.Select(c => c.OpenTime));
        Assert.Equal([1.5m, 2.75m, 2.7m], candles.Select(c => c.Close!.Value));
        Assert.Equal(50.5m, candles[1].QuoteVolume);
        Assert.All(candles, c => Assert.Same(candles[0].Symbol, c.Symbol));
    }

    [Fact]
    public void EmptyStringsAndNullsAreNotSentAndNumbersAreAccepted()
    {
        var (_, candles) = Parse(Frame("[[1695685500000,27000.5,\"\",null,\"1\",\"\",null]]"));
        var c = Assert.Single(candles);
        Assert.Equal(Ms(1695685500000), c.OpenTime);
        Assert.Equal(27000.5m, c.Open);
        Assert.Null(c.High);
        Assert.Null(c.Low);
        Assert.Equal(1m, c.Close);
        Assert.Null(c.BaseVolume);
        Assert.Null(c.QuoteVolume);
        Assert.Null(c.UsdtVolume); // a seven-item row has no USDT volume
    }

    [Fact]
    public void ItemsAfterTheEighthAreIgnored()
    {
        var (frame, candles) = Parse(Frame("[[\"1695685500000\",\"1\",\"2\",\"0.5\",\"1.5\",\"10\",\"15\",\"15\",\"extra\",[1,{\"a\":2}],{\"b\":[3]}]]"));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(15m, Assert.Single(candles).UsdtVolume);
    }

    [Theory]
    [InlineData("candle1m", "1m")]
    [InlineData("candle15m", "15m")]
    [InlineData("candle1H", "1H")]
    [InlineData("candle1M", "1M")]
    [InlineData("candle1Dutc", "1Dutc")]
    [InlineData("candle12Hutc", "12Hutc")]
    [InlineData("candle2m", "2m")]
    public void IntervalComesFromTheChannel(string channel, string interval)
    {
        var (frame, candles) = Parse(Frame("[[\"1695685500000\",\"1\",\"1\",\"1\",\"1\",\"0\",\"0\",\"0\"]]", channel));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(interval, Assert.Single(candles).Interval);
        Assert.Equal(interval, CandleParser.IntervalOf(channel));
    }

    [Fact]
    public void KnownIntervalsAndSymbolsAreSharedStrings()
    {
        var parser = new BitgetFrameParser();
        var a = Parse(Frame("[[\"1\",\"1\",\"1\",\"1\",\"1\"]]"), parser).Candles[0];
        var b = Parse(Frame("[[\"2\",\"1\",\"1\",\"1\",\"1\"]]"), parser).Candles[0];
        Assert.Same(a.Symbol, b.Symbol);
        Assert.Same(a.InstType, b.InstType);
        Assert.Same(a.Interval, b.Interval);
    }

    [Fact]
    public void DataBeforeArgIsStillParsed()
    {
        var (frame, candles) = Parse("{\"data\":[[\"1695685500000\",\"1\",\"2\",\"0.5\",\"1.5\"]],\"arg\":{\"instType\":\"SPOT\",\"channel\":\"candle5m\",\"instId\":\"ETHUSDT\"},\"action\":\"update\"}");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var c = Assert.Single(candles);
        Assert.Equal(("ETHUSDT", "SPOT", "5m", 1.5m), (c.Symbol, c.InstType, c.Interval, c.Close!.Value));
    }

    [Fact]
    public void LegacyInstTypeIsMappedToItsV2Name()
    {
        var (_, candles) = Parse(Frame("[[\"1695685500000\",\"1\",\"2\",\"0.5\",\"1.5\"]]", arg: "\"instType\":\"sp\",\"channel\":\"CH\",\"instId\":\"BTCUSDT\""));
        Assert.Equal("SPOT", Assert.Single(candles).InstType);
    }

    [Theory]
    // Truncated JSON.
    [InlineData("{\"action\":\"update\",\"arg\":{\"instType\":\"USDT-FUTURES\",\"channel\":\"candle1m\",\"instId\":\"BTCUSDT\"},\"data\":[[\"1786650720000\",\"63415.3\"", "invalid JSON")]
    [InlineData("{\"action\":\"update\",\"arg\":{\"instType\":\"USDT-FUTURES\",\"channel\":\"candle1m\",\"instId\":\"BTCUSDT\"},\"data\":[[\"1786650720000\",\"63415.3\",\"63415.4\",\"63415.2\",\"63415.2\"]]", "invalid JSON")]
    // A non-numeric value is left empty (MalformedFieldTests); the start time, which places the candle, is not.
    [InlineData("[[\"x\",\"1\",\"2\",\"0.5\",\"1.5\"]]", "malformed candle start time")]
    [InlineData("[[\"\",\"1\",\"2\",\"0.5\",\"1.5\"]]", "malformed candle start time")]
    [InlineData("[[null,\"1\",\"2\",\"0.5\",\"1.5\"]]", "malformed candle start time")]
    // Missing fields.
    [InlineData("[[]]", "candle without start time")]
    [InlineData("[[\"1786650720000\",\"1\",\"2\"]]", "candle without low")]
    [InlineData("[[\"1786650720000\",\"1\",\"2\",\"0.5\"]]", "candle without close")]
    // Wrong shapes.
    [InlineData("[{\"open\":\"1\"}]", "candle data item is not an array")]
    [InlineData("[\"1786650720000\",\"1\"]", "candle data item is not an array")]
    // One bad row spoils the frame: nothing from it is kept.
    [InlineData("[[\"1786650720000\",\"1\",\"2\",\"0.5\",\"1.5\"],[\"soon\",\"1\",\"2\",\"0.5\",\"1.5\"]]", "malformed candle start time")]
    public void MalformedCandleFramesAreInvalidWithAReasonAndYieldNothing(string dataOrFrame, string reason)
    {
        var text = dataOrFrame.StartsWith('{') ? dataOrFrame : Frame(dataOrFrame);
        var candles = new List<BitgetCandle> { new() { Symbol = "KEPT" } };
        var frame = new BitgetFrameParser().ParseCandles(Encoding.UTF8.GetBytes(text), ReceivedAt, candles);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains(reason, frame.InvalidReason);
        // What the caller had in the list stays; nothing of the bad frame is added.
        Assert.Equal("KEPT", Assert.Single(candles).Symbol);
    }

    [Fact]
    public void ReasonNamesTheTopic()
    {
        var (frame, _) = Parse(Frame("[[\"1786650720000\",\"1\",\"2\",\"0.5\"]]"));
        Assert.Equal("USDT-FUTURES/candle1m/BTCUSDT: candle without close", frame.InvalidReason);
    }

    [Fact]
    public void CandleWithoutInstIdIsInvalid()
    {
        var (frame, candles) = Parse(Frame("[[\"1786650720000\",\"1\",\"2\",\"0.5\",\"1.5\"]]", arg: "\"instType\":\"SPOT\",\"channel\":\"CH\""));
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains("candle without instId", frame.InvalidReason);
        Assert.Empty(candles);
    }

    [Fact]
    public void DataThatIsNotAnArrayIsInvalid()
    {
        var (frame, candles) = Parse(Frame("{\"a\":1}"));
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains("candle data is not an array", frame.InvalidReason);
        Assert.Empty(candles);
    }

    [Fact]
    public void EveryCandleFixtureIsClassified()
    {
        foreach (var fixture in Fixtures.All().Where(f => f.Contains("candle") || f.Contains("kline")))
        {
            var (frame, candles) = ParseFixture(fixture);
            var push = fixture is "candle-update.json" or "candle1m-snapshot.json" or "futures-candle1m-snapshot.json";
            Assert.True(push == (frame.Kind == BitgetFrameKind.Push), fixture);
            Assert.True(push == (candles.Count == 1), fixture);
        }
    }
}
