using System.Globalization;
using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Protocol;
using Xunit;

namespace Bitget.Stream.Tests.Parsing;

/// <summary>Every v3 public push fixture read by the Unified dialect into the module's objects, with exact decimals.</summary>
public class UnifiedPublicParsingTests
{
    private static readonly DateTimeOffset s_received = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
    private readonly BitgetFrameParser _parser = new(dialect: WireDialect.Unified);

    private static JsonElement Data(string fixture, int row = 0)
    {
        using var doc = JsonDocument.Parse(Fixtures.UtaBytes(fixture));
        return doc.RootElement.GetProperty("data")[row].Clone();
    }

    private static long EnvelopeTs(string fixture)
    {
        using var doc = JsonDocument.Parse(Fixtures.UtaBytes(fixture));
        return doc.RootElement.GetProperty("ts").GetInt64();
    }

    private static decimal? Dec(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) && v.GetString() is { Length: > 0 } text
            ? decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    private static DateTimeOffset Ms(string text) => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(text, CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("v3-ticker-spot.json", "SPOT")]
    [InlineData("v3-ticker-futures.json", "USDT-FUTURES")]
    [InlineData("v3-ticker-spot-doc.json", "SPOT")]
    public void TickersTakeSymbolAndTimeFromTheEnvelope(string fixture, string instType)
    {
        var tickers = new List<BitgetTicker>();
        var frame = _parser.Parse(Fixtures.UtaBytes(fixture), s_received, tickers);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var t = Assert.Single(tickers);
        var d = Data(fixture);
        Assert.Equal(("BTCUSDT", instType), (t.Symbol, t.InstType));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(EnvelopeTs(fixture)), t.Timestamp);
        Assert.Equal(s_received, t.ReceivedAt);
        Assert.Equal(Dec(d, "lastPrice"), t.LastPrice);
        Assert.Equal(Dec(d, "bid1Price"), t.BidPrice);
        Assert.Equal(Dec(d, "ask1Price"), t.AskPrice);
        Assert.Equal(Dec(d, "bid1Size"), t.BidSize);
        Assert.Equal(Dec(d, "ask1Size"), t.AskSize);
        Assert.Equal(Dec(d, "openPrice24h"), t.Open24h);
        Assert.Equal(Dec(d, "highPrice24h"), t.High24h);
        Assert.Equal(Dec(d, "lowPrice24h"), t.Low24h);
        Assert.Equal(Dec(d, "price24hPcnt"), t.Change24h);
        Assert.Equal(Dec(d, "volume24h"), t.BaseVolume);
        Assert.Equal(Dec(d, "turnover24h"), t.QuoteVolume);
        Assert.Equal(Dec(d, "openInterest"), t.HoldingAmount);
        Assert.Equal(Dec(d, "indexPrice"), t.IndexPrice);
        Assert.Equal(Dec(d, "markPrice"), t.MarkPrice);
        Assert.Equal(Dec(d, "fundingRate"), t.FundingRate);
        Assert.NotNull(t.LastPrice);
        Assert.Null(t.DeliveryTime);
        Assert.Null(t.DeliveryStatus);
    }

    [Fact]
    public void FuturesTickerFieldsAreExact()
    {
        var tickers = new List<BitgetTicker>();
        _parser.Parse(Fixtures.UtaBytes("v3-ticker-futures.json"), s_received, tickers);
        var t = tickers.Single();
        Assert.Equal(32117.3964999999767m, t.HoldingAmount);
        Assert.Equal("32117.3964999999767", t.HoldingAmount!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(-0.00238m, t.Change24h);
        Assert.Equal(Ms("1789948800000"), t.NextFundingTime);
    }

    [Theory]
    [InlineData("v3-kline.json", "SPOT", "1D")]
    [InlineData("v3-kline-futures-ccxt-observed.json", "USDT-FUTURES", "1m")]
    public void KlineRowsAreCandlesOfTheArgumentsInterval(string fixture, string instType, string interval)
    {
        var candles = new List<BitgetCandle>();
        var frame = _parser.ParseCandles(Fixtures.UtaBytes(fixture), s_received, candles);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal("candle" + interval, frame.Channel);
        var c = Assert.Single(candles);
        var d = Data(fixture);
        Assert.Equal(("BTCUSDT", instType, interval), (c.Symbol, c.InstType, c.Interval));
        Assert.Equal(Ms(d.GetProperty("start").GetString()!), c.OpenTime);
        Assert.Equal((Dec(d, "open"), Dec(d, "high"), Dec(d, "low"), Dec(d, "close")), (c.Open, c.High, c.Low, c.Close));
        Assert.Equal(Dec(d, "volume"), c.BaseVolume);
        Assert.Equal(Dec(d, "turnover"), c.QuoteVolume);
        Assert.Null(c.UsdtVolume);
    }

    [Theory]
    [InlineData("v3-books5.json", "books5")]
    [InlineData("v3-books-update.json", "books")]
    [InlineData("v3-books1-snapshot.json", "books1")]
    [InlineData("v3-books1-snapshot-jkorf.json", "books1")]
    public void BooksReadAAndBWithExactSequences(string fixture, string channel)
    {
        var books = new List<BitgetOrderBook>();
        var frame = _parser.ParseOrderBooks(Fixtures.UtaBytes(fixture), s_received, books);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var book = Assert.Single(books);
        var d = Data(fixture);
        Assert.Equal(channel, book.Channel);
        Assert.Equal(d.GetProperty("a").GetArrayLength(), book.Asks.Length);
        Assert.Equal(d.GetProperty("b").GetArrayLength(), book.Bids.Length);
        for (var i = 0; i < book.Asks.Length; i++)
        {
            Assert.Equal(decimal.Parse(d.GetProperty("a")[i][0].GetString()!, CultureInfo.InvariantCulture), book.Asks[i].Price);
            Assert.Equal(decimal.Parse(d.GetProperty("a")[i][1].GetString()!, CultureInfo.InvariantCulture), book.Asks[i].Size);
        }
        for (var i = 0; i < book.Bids.Length; i++)
            Assert.Equal(decimal.Parse(d.GetProperty("b")[i][0].GetString()!, CultureInfo.InvariantCulture), book.Bids[i].Price);
        // Compared as text: a double would round 1304314508780744705 (above 2^53).
        Assert.Equal(d.GetProperty("seq").GetRawText(), book.Sequence!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(d.GetProperty("pseq").GetRawText(), book.PreviousSequence!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(Ms(d.GetProperty("ts").GetString()!), book.Timestamp);
    }

    [Fact]
    public void AFullBookUpdateIsAnUpdate()
    {
        var books = new List<BitgetOrderBook>();
        _parser.ParseOrderBooks(Fixtures.UtaBytes("v3-books-update.json"), s_received, books);
        Assert.False(books.Single().IsSnapshot);
        Assert.Equal(("MAVUSDT", "USDT-FUTURES"), (books[0].Symbol, books[0].InstType));
    }

    [Theory]
    [InlineData("v3-publicTrade.json")]
    [InlineData("v3-publicTrade-doc.json")]
    public void PublicTradesKeepEveryField(string fixture)
    {
        var trades = new List<BitgetTrade>();
        var frame = _parser.ParseTrades(Fixtures.UtaBytes(fixture), s_received, trades);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal("trade", frame.Channel);
        using var doc = JsonDocument.Parse(Fixtures.UtaBytes(fixture));
        var rows = doc.RootElement.GetProperty("data");
        Assert.Equal(rows.GetArrayLength(), trades.Count);
        for (var i = 0; i < trades.Count; i++)
        {
            var d = rows[i];
            var t = trades[i];
            Assert.Equal(("BTCUSDT", "USDT-FUTURES"), (t.Symbol, t.InstType));
            Assert.Equal(d.GetProperty("i").GetString(), t.TradeId);
            Assert.Equal(Dec(d, "p"), t.Price);
            Assert.Equal(Dec(d, "v"), t.Size);
            Assert.Equal(d.GetProperty("S").GetString(), t.Side);
            Assert.Equal(Ms(d.GetProperty("T").GetString()!), t.Timestamp);
            Assert.Equal(d.GetProperty("L").GetString(), t.CorrelationId);
            Assert.Equal(d.TryGetProperty("isRPI", out var rpi) ? rpi.GetString() == "yes" : null, t.IsRpi);
        }
    }

    [Fact]
    public void ACapitalPIsReadOnlyWhenTheLowerCaseOneIsMissing()
    {
        var trades = new List<BitgetTrade>();
        _parser.ParseTrades("""{"action":"update","arg":{"instType":"spot","topic":"publicTrade","symbol":"BTCUSDT"},"data":[{"i":"2","P":"5","v":"1","S":"Buy","T":"1"},{"i":"3","p":"7","P":"5","v":"1","S":"sell","T":"2"}],"ts":3}"""u8, s_received, trades);
        Assert.Equal([5m, 7m], trades.Select(t => t.Price));
        Assert.Equal(["buy", "sell"], trades.Select(t => t.Side));
    }

    [Fact]
    public void LiquidationsCarryTheirOwnSymbol()
    {
        var items = new List<BitgetLiquidation>();
        var frame = _parser.ParseLiquidations(Fixtures.UtaBytes("v3-liquidation.json"), s_received, items);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(new BitgetTopic("USDT-FUTURES", "liquidation", "default"), new BitgetTopic(frame.InstType!, frame.Channel!, frame.InstId!));
        var l = Assert.Single(items);
        Assert.Equal(("BTCUSDT", "USDT-FUTURES", "buy"), (l.Symbol, l.InstType, l.Side));
        Assert.Equal(89000m, l.Price);
        Assert.Equal(37.722858m, l.Amount);
        Assert.Equal(Ms("1736371332162"), l.Timestamp);
    }

    [Fact]
    public void AMalformedV3FieldCostsThatValueNotTheTicker()
    {
        var tickers = new List<BitgetTicker>();
        var frame = _parser.Parse("""{"action":"snapshot","arg":{"instType":"spot","topic":"ticker","symbol":"BTCUSDT"},"data":[{"lastPrice":"x","bid1Price":"1.5"}],"ts":1}"""u8, s_received, tickers);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(1, frame.BadFields);
        Assert.Equal(["lastPrice"], _parser.MalformedFields.Names);
        var t = Assert.Single(tickers);
        Assert.Null(t.LastPrice);
        Assert.Equal(1.5m, t.BidPrice);
    }

    [Theory]
    [InlineData("""{"action":"snapshot","arg":{"instType":"spot","topic":"ticker","symbol":"=HYPERLINK(1)"},"data":[{"lastPrice":"1"}],"ts":1}""")]
    [InlineData("""{"action":"snapshot","arg":{"instType":"spot","topic":"ticker"},"data":[{"lastPrice":"1"}],"ts":1}""")]
    [InlineData("""{"action":"snapshot","arg":{"instType":"spot","topic":"ticker","symbol":"BTCUSDT"},"data":[{"lastPrice":"1"}]}""")]
    public void AMalformedV3TickerIsInvalid(string json)
    {
        var tickers = new List<BitgetTicker>();
        var frame = _parser.Parse(System.Text.Encoding.UTF8.GetBytes(json), s_received, tickers);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Empty(tickers);
    }

    [Fact]
    public void AnRpiBookIsARawTopicOfItsOwnName()
    {
        var frame = _parser.Parse(Fixtures.UtaBytes("v3-rpi-books5-doc.json"), s_received, new List<BitgetTicker>());
        Assert.Equal("rpi-books5", frame.Channel);
    }

    [Theory]
    [InlineData("=HYPERLINK(\\\"x\\\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("BTC\\nUSDT")]
    [InlineData("")]
    public void ALiquidationUnderAForgedNameIsABadFrame(string symbol)
    {
        var items = new List<BitgetLiquidation>();
        var json = $$"""{"data":[{"symbol":"{{symbol}}","side":"buy","price":"1","amount":"1","ts":"1"}],"arg":{"instType":"usdt-futures","topic":"liquidation"},"action":"update","ts":1}""";
        var frame = _parser.ParseLiquidations(System.Text.Encoding.UTF8.GetBytes(json), s_received, items);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains("not a Bitget symbol", frame.InvalidReason);
        Assert.Empty(items);
    }
}
