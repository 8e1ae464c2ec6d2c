using System.Text;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Tests.Parsing;

/// <summary>
/// Issue 18 item 10: one malformed known field costs that value, not the push. The item is kept with the field empty,
/// and the field is noted (<see cref="MalformedFields"/>); what makes an item unusable (its identity, its symbol, a
/// broken structure) still makes the frame bad. A float <c>ts</c> is a time.
/// </summary>
public class MalformedFieldTests
{
    private static readonly DateTimeOffset Ms1700 = DateTimeOffset.FromUnixTimeMilliseconds(1700000000000);

    private static string TickerFrame(string fields, string envelope = ",\"ts\":1700000000999") =>
        $$"""{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"},"data":[{"instId":"BTCUSDT",{{fields}}}]{{envelope}}}""";

    private static (BitgetFrame Frame, List<BitgetTicker> Tickers) ParseTicker(string text, BitgetFrameParser? parser = null)
    {
        var tickers = new List<BitgetTicker>();
        var frame = (parser ?? new BitgetFrameParser()).Parse(Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, tickers);
        return (frame, tickers);
    }

    [Theory]
    [InlineData("\"lastPr\":\"oops\"")]
    [InlineData("\"lastPr\":\"1e400\"")]
    [InlineData("\"lastPr\":\"27000,5\"")]
    [InlineData("\"lastPr\":{\"a\":[1,2]}")]
    [InlineData("\"lastPr\":[\"1\"]")]
    [InlineData("\"lastPr\":true")]
    public void AMalformedPriceLeavesThatPriceEmptyAndKeepsTheTicker(string lastPr)
    {
        var (frame, tickers) = ParseTicker(TickerFrame(lastPr + ",\"bidPr\":\"26999.5\",\"change24h\":\"-0.5\",\"ts\":\"1700000000000\""));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var t = Assert.Single(tickers);
        Assert.Null(t.LastPrice);
        Assert.Equal(26999.5m, t.BidPrice);
        Assert.Equal(-0.5m, t.Change24h);
        Assert.Equal(Ms1700, t.Timestamp);
        Assert.Equal("BTCUSDT", t.Symbol);
    }

    [Fact]
    public void EveryMalformedFieldIsLeftEmptyAndTheRestRead()
    {
        var (frame, tickers) = ParseTicker(TickerFrame(
            "\"lastPr\":\"x\",\"bidPr\":\"1\",\"askPr\":[],\"fundingRate\":\"0.0001\",\"nextFundingTime\":\"soon\",\"markPrice\":\"NaN\",\"ts\":\"1700000000000\""));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var t = Assert.Single(tickers);
        Assert.Equal((null, 1m, null, 0.0001m, null, null), (t.LastPrice, t.BidPrice, t.AskPrice, t.FundingRate, t.NextFundingTime, t.MarkPrice));
    }

    [Fact]
    public void EachMalformedValueIsCountedAndEachFieldNamedOnce()
    {
        var parser = new BitgetFrameParser();
        var text = """{"arg":{"instType":"SPOT","channel":"ticker","instId":"BTCUSDT"},"data":[{"lastPr":"x","bidPr":"1","ts":"1"},{"lastPr":"y","askPr":{},"ts":"2"}],"ts":"later"}""";
        var tickers = new List<BitgetTicker>();
        var frame = parser.Parse(Encoding.UTF8.GetBytes(text), default, tickers);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(2, tickers.Count);
        Assert.Equal(4, frame.BadFields);
        Assert.Equal(4, parser.MalformedFields.Count);
        Assert.Equal(["lastPr", "askPr", "envelope ts"], parser.MalformedFields.Names);

        // The next frame starts afresh; a good one notes nothing.
        tickers.Clear();
        var good = parser.Parse(Encoding.UTF8.GetBytes(text.Replace("\"x\"", "\"1\"").Replace("\"y\"", "\"2\"").Replace("{}", "\"3\"").Replace("\"later\"", "2")), default, tickers);
        Assert.Equal(0, good.BadFields);
        Assert.Empty(parser.MalformedFields.Names);

        // An invalid frame's items are dropped whole: it counts as a bad frame, not as bad fields.
        var bad = parser.Parse(Encoding.UTF8.GetBytes(text.Replace("\"instId\":\"BTCUSDT\"},", "\"instId\":\"=1\"},")), default, tickers);
        Assert.Equal(BitgetFrameKind.Invalid, bad.Kind);
        Assert.Equal(0, bad.BadFields);
    }

    [Fact]
    public void MalformedPrivateFieldsAreNotedByName()
    {
        var items = new List<BitgetOrder>();
        var reader = new PushListReader<BitgetOrder, OrderPushFormat>(new SymbolTable(), items);
        reader.Begin();
        var parser = new BitgetFrameParser();
        var frame = parser.Parse(Encoding.UTF8.GetBytes(
            """{"arg":{"instType":"USDT-FUTURES","channel":"orders","instId":"default"},"data":[{"instId":"BTCUSDT","orderId":"1","price":"x","feeDetail":[{"fee":"y"}],"cTime":"z"}]}"""),
            default, reader);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(3, frame.BadFields);
        Assert.Equal(["price", "feeDetail", "cTime"], parser.MalformedFields.Names);
    }

    [Theory]
    [InlineData("\"1700000000000.0\"", 1700000000000)]
    [InlineData("1700000000000.0", 1700000000000)]
    [InlineData("1.7e12", 1700000000000)]
    [InlineData("1.7E+12", 1700000000000)]
    [InlineData("\"1.7e12\"", 1700000000000)]
    [InlineData("\"1700000000000.00000\"", 1700000000000)]
    // A fractional ms is cut to the ms it falls in: never a time later than the one sent.
    [InlineData("\"1700000000000.9\"", 1700000000000)]
    [InlineData("1700000000001.5", 1700000000001)]
    [InlineData("1.7000000000005e12", 1700000000000)]
    public void AFloatTsIsThatTimeInMilliseconds(string ts, long expected)
    {
        var (frame, tickers) = ParseTicker(TickerFrame($"\"lastPr\":\"1\",\"ts\":{ts}"));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expected), Assert.Single(tickers).Timestamp);
    }

    [Theory]
    [InlineData("1700000000123.0")]
    [InlineData("1.700000000123e12")]
    public void AFloatEnvelopeTsStandsInForAMissingOne(string ts)
    {
        var (frame, tickers) = ParseTicker(TickerFrame("\"lastPr\":\"1\"", envelope: ",\"ts\":" + ts));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(1700000000123, frame.Timestamp);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123), Assert.Single(tickers).Timestamp);
    }

    [Theory]
    [InlineData("\"soon\"")]
    [InlineData("\"1e30\"")] // past year 9999
    [InlineData("-1e30")]
    [InlineData("{}")]
    public void AMalformedTsGivesWayToTheEnvelopes(string ts)
    {
        var (frame, tickers) = ParseTicker(TickerFrame($"\"lastPr\":\"1\",\"ts\":{ts}"));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var t = Assert.Single(tickers);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000999), t.Timestamp);
        Assert.Equal(1m, t.LastPrice);
    }

    [Fact]
    public void AMalformedTsWithNoEnvelopeTsLeavesATickerThatCannotBeOrderedSoTheFrameIsBad()
    {
        var (frame, tickers) = ParseTicker(TickerFrame("\"lastPr\":\"1\",\"ts\":\"soon\"", envelope: ""));
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains("ticker without ts", frame.InvalidReason);
        Assert.Empty(tickers);
    }

    [Fact]
    public void AMalformedEnvelopeTsIsLeftEmpty()
    {
        var (frame, tickers) = ParseTicker(TickerFrame("\"lastPr\":\"1\",\"ts\":\"1700000000000\"", envelope: ",\"ts\":\"later\""));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Null(frame.Timestamp);
        Assert.Equal(Ms1700, Assert.Single(tickers).Timestamp);
    }

    [Theory]
    [InlineData("""{"arg":{"instType":"SPOT","channel":"ticker","instId":"BTCUSDT"},"data":{"lastPr":"1"}}""", "not an array")]
    [InlineData("""{"arg":{"instType":"SPOT","channel":"ticker","instId":"BTCUSDT"},"data":["1"]}""", "not an object")]
    [InlineData("""{"arg":{"instType":"SPOT","channel":"ticker","instId":"BTCUSDT"},"data":[{"lastPr":{"a":1""", "invalid JSON")]
    [InlineData("""{"arg":{"instType":"SPOT","channel":"ticker","instId":"BTCUSDT"},"data":[{"lastPr":"oops","ts":"1"}""", "invalid JSON")]
    [InlineData("""{"arg":{"instType":"SPOT","channel":"ticker","instId":"BTCUSDT"},"data":[{"instId":7,"ts":"1"}]}""", "malformed instId")]
    public void AStructuralFaultIsStillABadFrame(string text, string reason)
    {
        var (frame, tickers) = ParseTicker(text);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains(reason, frame.InvalidReason);
        Assert.Empty(tickers);
    }

    private static string CandleFrame(string row) =>
        $$"""{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"candle1m","instId":"BTCUSDT"},"data":[{{row}}],"ts":1700000000999}""";

    [Theory]
    [InlineData("""["1700000000000","abc","2","0.5","1.5"]""")]
    [InlineData("""["1700000000000",["1"],"2","0.5","1.5"]""")]
    [InlineData("""["1700000000000",{"o":1},"2","0.5","1.5"]""")]
    public void AMalformedCandleValueIsLeftEmpty(string row)
    {
        var candles = new List<BitgetCandle>();
        var frame = new BitgetFrameParser().ParseCandles(Encoding.UTF8.GetBytes(CandleFrame(row)), default, candles);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var c = Assert.Single(candles);
        Assert.Equal((null, 2m, 0.5m, 1.5m), (c.Open, c.High, c.Low, c.Close));
        Assert.Equal(Ms1700, c.OpenTime);
    }

    [Fact]
    public void ACandleWhoseStartTimeIsMalformedCannotBePlacedSoTheFrameIsBad()
    {
        var candles = new List<BitgetCandle>();
        var frame = new BitgetFrameParser().ParseCandles(Encoding.UTF8.GetBytes(CandleFrame("""["soon","1","2","0.5","1.5"]""")), default, candles);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains("malformed candle start time", frame.InvalidReason);
        Assert.Empty(candles);
    }

    [Fact]
    public void AFloatCandleStartTimeIsThatTime()
    {
        var candles = new List<BitgetCandle>();
        var frame = new BitgetFrameParser().ParseCandles(Encoding.UTF8.GetBytes(CandleFrame("""[1.7e12,"1","2","0.5","1.5"]""")), default, candles);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(Ms1700, Assert.Single(candles).OpenTime);
    }

    private static string TradeFrame(string item) =>
        $$"""{"action":"update","arg":{"instType":"SPOT","channel":"trade","instId":"ETHUSDT"},"data":[{{item}}],"ts":1700000000999}""";

    [Fact]
    public void AMalformedTradeTsOrSideIsLeftEmptyAndTheTradeKept()
    {
        var trades = new List<BitgetTrade>();
        var frame = new BitgetFrameParser().ParseTrades(Encoding.UTF8.GetBytes(TradeFrame(
            """{"ts":"x","price":"1","size":"2","side":{"s":"buy"},"tradeId":"7"}""")), default, trades);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var t = Assert.Single(trades);
        Assert.Equal((1m, 2m, "7", ""), (t.Price, t.Size, t.TradeId, t.Side));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000999), t.Timestamp);
    }

    [Fact]
    public void ATradeWithAMalformedTsAndNoEnvelopeTsCannotBeOrderedSoTheFrameIsBad()
    {
        var trades = new List<BitgetTrade>();
        var text = TradeFrame("""{"ts":"x","price":"1","size":"2","side":"buy","tradeId":"7"}""").Replace(",\"ts\":1700000000999", "", StringComparison.Ordinal);
        var frame = new BitgetFrameParser().ParseTrades(Encoding.UTF8.GetBytes(text), default, trades);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains("trade without ts", frame.InvalidReason);
        Assert.Empty(trades);
    }

    [Theory]
    [InlineData("""{"ts":"1","price":"1e","size":"1","side":"buy","tradeId":"1"}""", "malformed trade price")]
    [InlineData("""{"ts":"1","price":"1","size":[],"side":"buy","tradeId":"1"}""", "malformed trade size")]
    [InlineData("""{"ts":"1","price":"1","size":"1","side":"buy","tradeId":{}}""", "malformed tradeId")]
    public void ATradeWithoutAUsablePriceSizeOrIdIsABadFrame(string item, string reason)
    {
        var trades = new List<BitgetTrade>();
        var frame = new BitgetFrameParser().ParseTrades(Encoding.UTF8.GetBytes(TradeFrame(item)), default, trades);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains(reason, frame.InvalidReason);
        Assert.Empty(trades);
    }

    private static string BookFrame(string item) =>
        $$"""{"action":"snapshot","arg":{"instType":"SPOT","channel":"books5","instId":"BTCUSDT"},"data":[{{item}}],"ts":1700000000999}""";

    [Fact]
    public void AMalformedBookTsGivesWayToTheEnvelopes()
    {
        var books = new List<BitgetOrderBook>();
        var frame = new BitgetFrameParser().ParseOrderBooks(Encoding.UTF8.GetBytes(BookFrame(
            """{"asks":[["2","1"]],"bids":[["1","1"]],"ts":"soon","seq":5}""")), default, books);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var b = Assert.Single(books);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000999), b.Timestamp);
        Assert.Equal(5, b.Sequence);
    }

    [Theory]
    // What keeps a local book true (its sequence and checksum) is not guessed at: the frame is bad, and the book
    // resyncs on the gap it leaves.
    [InlineData("""{"asks":[],"bids":[],"seq":"x","ts":"1"}""", "malformed seq")]
    [InlineData("""{"asks":[],"bids":[],"pseq":[1],"ts":"1"}""", "malformed pseq")]
    [InlineData("""{"asks":[],"bids":[],"checksum":"crc","ts":"1"}""", "malformed checksum")]
    [InlineData("""{"asks":[["x","1"]],"bids":[],"ts":"1"}""", "malformed asks price")]
    public void ABookWhoseLevelsOrSequenceAreMalformedIsABadFrame(string item, string reason)
    {
        var books = new List<BitgetOrderBook>();
        var frame = new BitgetFrameParser().ParseOrderBooks(Encoding.UTF8.GetBytes(BookFrame(item)), default, books);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains(reason, frame.InvalidReason);
    }

    private static (BitgetFrame Frame, List<T> Items) ParsePrivate<T, TFormat>(string text)
        where TFormat : struct, IPushFormat<T>
    {
        var items = new List<T>();
        var reader = new PushListReader<T, TFormat>(new SymbolTable(), items);
        reader.Begin();
        var frame = new BitgetFrameParser().Parse(Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, reader);
        return (frame, items);
    }

    [Theory]
    [InlineData("\"price\":\"abc\"")]
    [InlineData("\"price\":{\"p\":1}")]
    [InlineData("\"cTime\":\"yesterday\"")]
    [InlineData("\"feeDetail\":[{\"feeCoin\":\"USDT\",\"fee\":\"much\"}]")]
    [InlineData("\"feeDetail\":[\"x\",{\"fee\":\"1\"}]")]
    [InlineData("\"feeDetail\":{\"fee\":\"1\"}")]
    public void AMalformedOrderFieldIsLeftEmptyAndTheOrderDelivered(string field)
    {
        var (frame, orders) = ParsePrivate<BitgetOrder, OrderPushFormat>(
            $$"""{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"orders","instId":"default"},"data":[{"instId":"BTCUSDT","orderId":"42",{{field}},"size":"0.5","status":"live","side":"buy","uTime":1700000000000}],"ts":1}""");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var o = Assert.Single(orders);
        Assert.Equal(("42", "BTCUSDT", 0.5m, "live", "buy"), (o.OrderId, o.Symbol, o.Size, o.Status, o.Side));
        Assert.Equal(Ms1700, o.UpdatedAt);
        if (field.Contains("price"))
            Assert.Null(o.Price);
        if (field.Contains("cTime"))
            Assert.Null(o.CreatedAt);
        if (field.Contains("feeDetail"))
            Assert.Null(o.Fee);
    }

    [Fact]
    public void AMalformedValueOfEachPrivateChannelIsLeftEmpty()
    {
        var (fill, fills) = ParsePrivate<BitgetFill, FillPushFormat>(
            """{"arg":{"instType":"SPOT","channel":"fill","instId":"default"},"data":[{"symbol":"BTCUSDT","tradeId":"1","orderId":"2","side":"buy","priceAvg":"x","size":"1","cTime":1.7e12}]}""");
        Assert.Equal(BitgetFrameKind.Push, fill.Kind);
        Assert.Equal((null, 1m, Ms1700), (fills[0].Price, fills[0].Size, fills[0].CreatedAt));

        var (position, positions) = ParsePrivate<BitgetPosition, PositionPushFormat>(
            """{"arg":{"instType":"USDT-FUTURES","channel":"positions","instId":"default"},"data":[{"posId":"1","instId":"BTCUSDT","holdSide":"long","total":"1","leverage":"ten"}]}""");
        Assert.Equal(BitgetFrameKind.Push, position.Kind);
        Assert.Equal((1m, (decimal?)null), (positions[0].Total, positions[0].Leverage));

        var (account, accounts) = ParsePrivate<BitgetAccount, AccountPushFormat>(
            """{"arg":{"instType":"SPOT","channel":"account","coin":"default"},"data":[{"coin":"USDT","available":"lots","frozen":"0","uTime":"1700000000000.0"}]}""");
        Assert.Equal(BitgetFrameKind.Push, account.Kind);
        Assert.Equal(((decimal?)null, 0m, Ms1700), (accounts[0].Available, accounts[0].Frozen, accounts[0].UpdatedAt));
    }
}
