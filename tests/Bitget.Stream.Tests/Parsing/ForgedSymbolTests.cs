using System.Text;
using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Tests.Parsing;

/// <summary>
/// Issue 18 item 1: a push cannot name its items freely. An item whose symbol is not its topic's, or is not shaped like
/// a Bitget symbol (a spreadsheet formula, a line break, a quote), makes the frame bad: nothing of it is kept, and the
/// parser goes on with the next frame.
/// </summary>
public class ForgedSymbolTests
{
    /// <summary>What a hostile or broken server has put where a symbol belongs.</summary>
    public static TheoryData<string> HostileSymbols() =>
    [
        "ETHUSDT", // a real symbol, but not the topic's
        "=HYPERLINK(\"x\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "BTC\nUSDT,\"x\"",
        "-2+3",
        "BTCUSDT ",
        "BTC;USDT",
        "BTCUSDT\r",
    ];

    // A JSON string literal of the text (quotes, line breaks escaped), as a server would send it.
    private static string Json(string text) => JsonSerializer.Serialize(text);

    private static string Ticker(string itemInstId, string argInstId = "BTCUSDT", long ts = 1700000000000) =>
        $$"""{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"ticker","instId":{{Json(argInstId)}}},"data":[{"instId":{{Json(itemInstId)}},"lastPr":"-0.5","change24h":"-0.5","ts":"{{ts}}"}],"ts":{{ts}}}""";

    private static BitgetFrame ParseTickers(BitgetFrameParser parser, string text, List<BitgetTicker> tickers) =>
        parser.Parse(Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, tickers);

    [Theory]
    [MemberData(nameof(HostileSymbols))]
    public void ATickerNamedOtherThanItsTopicIsABadFrameAndTheNextGoodOneIsRead(string symbol)
    {
        var parser = new BitgetFrameParser();
        var tickers = new List<BitgetTicker>();
        var bad = ParseTickers(parser, Ticker(symbol), tickers);
        Assert.Equal(BitgetFrameKind.Invalid, bad.Kind);
        Assert.Contains("instId", bad.InvalidReason);
        Assert.Empty(tickers);

        var good = ParseTickers(parser, Ticker("BTCUSDT"), tickers);
        Assert.Equal(BitgetFrameKind.Push, good.Kind);
        var ticker = Assert.Single(tickers);
        Assert.Equal("BTCUSDT", ticker.Symbol);
        // Values are never changed to make them safe: a negative change is data and reads back exactly.
        Assert.Equal(-0.5m, ticker.Change24h);
        Assert.Equal(-0.5m, ticker.LastPrice);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)")]
    [InlineData("BTC\nUSDT,\"x\"")]
    public void ATickerWhoseTopicNamesNoSymbolMustStillCarryABitgetSymbol(string symbol)
    {
        // No arg.instId: the item's own instId names it, and must be a symbol.
        var text = $$"""{"arg":{"instType":"SPOT","channel":"ticker"},"data":[{"instId":{{Json(symbol)}},"lastPr":"1","ts":"1"}]}""";
        var tickers = new List<BitgetTicker>();
        var frame = ParseTickers(new BitgetFrameParser(), text, tickers);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Empty(tickers);

        var good = ParseTickers(new BitgetFrameParser(), text.Replace(Json(symbol), "\"BTCUSD_CM\"", StringComparison.Ordinal), tickers);
        Assert.Equal(BitgetFrameKind.Push, good.Kind);
        Assert.Equal("BTCUSD_CM", Assert.Single(tickers).Symbol);
    }

    [Fact]
    public void ATickerWithoutItsOwnInstIdIsNamedByItsTopic()
    {
        // v3 tickers carry no symbol in their data: the topic's names them.
        var text = """{"arg":{"instType":"SPOT","channel":"ticker","instId":"BTCUSDT"},"data":[{"lastPr":"1","ts":"1"}]}""";
        var tickers = new List<BitgetTicker>();
        Assert.Equal(BitgetFrameKind.Push, ParseTickers(new BitgetFrameParser(), text, tickers).Kind);
        Assert.Equal("BTCUSDT", Assert.Single(tickers).Symbol);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)")]
    [InlineData("BTC\nUSDT,\"x\"")]
    public void APushWhoseTopicIsNoBitgetSymbolIsABadFrameOnEveryPublicChannel(string symbol)
    {
        // A recording replayed takes its topics as they come: the topic's own instId must be a symbol too.
        var arg = $$"""{"instType":"SPOT","channel":"CH","instId":{{Json(symbol)}}}""";
        var parser = new BitgetFrameParser();
        var tickers = new List<BitgetTicker>();
        var ticker = parser.Parse(Encoding.UTF8.GetBytes($$"""{"arg":{{arg.Replace("CH", "ticker")}},"data":[{"lastPr":"1","ts":"1"}]}"""), default, tickers);
        var candles = new List<BitgetCandle>();
        var candle = parser.ParseCandles(Encoding.UTF8.GetBytes($$"""{"arg":{{arg.Replace("CH", "candle1m")}},"data":[["1","1","2","0.5","1.5"]]}"""), default, candles);
        var trades = new List<BitgetTrade>();
        var trade = parser.ParseTrades(Encoding.UTF8.GetBytes($$"""{"arg":{{arg.Replace("CH", "trade")}},"data":[{"ts":"1","price":"1","size":"1","side":"buy","tradeId":"1"}]}"""), default, trades);
        var books = new List<BitgetOrderBook>();
        var book = parser.ParseOrderBooks(Encoding.UTF8.GetBytes($$"""{"arg":{{arg.Replace("CH", "books5")}},"data":[{"asks":[],"bids":[],"ts":"1"}]}"""), default, books);
        Assert.All(new[] { ticker, candle, trade, book }, f =>
        {
            Assert.Equal(BitgetFrameKind.Invalid, f.Kind);
            Assert.Contains("instId", f.InvalidReason);
        });
        Assert.Empty(tickers);
        Assert.Empty(candles);
        Assert.Empty(trades);
        Assert.Empty(books);
    }

    [Fact]
    public void AReasonShowsTheForgedSymbolWithItsControlCharactersEscaped()
    {
        var frame = ParseTickers(new BitgetFrameParser(), Ticker("BTC\nUSDT\u001b[2J"), []);
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.DoesNotContain('\n', frame.InvalidReason!);
        Assert.DoesNotContain('\u001b', frame.InvalidReason!);
        Assert.Contains("BTC\\u000AUSDT\\u001B[2J", frame.InvalidReason);
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

    private static string Order(string instId, string argInstId = "default", string instType = "USDT-FUTURES") =>
        $$"""{"action":"snapshot","arg":{"instType":"{{instType}}","channel":"orders","instId":{{Json(argInstId)}}},"data":[{"instId":{{Json(instId)}},"orderId":"1","status":"live","side":"buy","price":"1","size":"1","cTime":"1","uTime":"1"}],"ts":1}""";

    [Theory]
    [InlineData("=HYPERLINK(\"x\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)")]
    [InlineData("BTC\nUSDT,\"x\"")]
    public void PrivateEventsMustCarryABitgetSymbol(string symbol)
    {
        var (order, orders) = ParsePrivate<BitgetOrder, OrderPushFormat>(Order(symbol));
        Assert.Equal(BitgetFrameKind.Invalid, order.Kind);
        Assert.Contains("instId", order.InvalidReason);
        Assert.Empty(orders);

        var (fill, fills) = ParsePrivate<BitgetFill, FillPushFormat>(
            $$"""{"arg":{"instType":"SPOT","channel":"fill","instId":"default"},"data":[{"symbol":{{Json(symbol)}},"tradeId":"1","orderId":"1","side":"buy","priceAvg":"1","size":"1","cTime":"1","uTime":"1"}]}""");
        Assert.Equal(BitgetFrameKind.Invalid, fill.Kind);
        Assert.Contains("symbol", fill.InvalidReason);
        Assert.Empty(fills);

        var (position, positions) = ParsePrivate<BitgetPosition, PositionPushFormat>(
            $$"""{"arg":{"instType":"USDT-FUTURES","channel":"positions","instId":"default"},"data":[{"posId":"1","instId":{{Json(symbol)}},"holdSide":"long","total":"1","cTime":"1","uTime":"1"}]}""");
        Assert.Equal(BitgetFrameKind.Invalid, position.Kind);
        Assert.Contains("instId", position.InvalidReason);
        Assert.Empty(positions);

        var (account, accounts) = ParsePrivate<BitgetAccount, AccountPushFormat>(
            $$"""{"arg":{"instType":"SPOT","channel":"account","coin":"default"},"data":[{"coin":{{Json(symbol)}},"available":"1","uTime":"1"}]}""");
        Assert.Equal(BitgetFrameKind.Invalid, account.Kind);
        Assert.Contains("coin", account.InvalidReason);
        Assert.Empty(accounts);
    }

    [Fact]
    public void AnOrderOfAnotherSymbolThanItsTopicsIsABadFrame()
    {
        // Spot orders are subscribed per symbol: an ETHUSDT order under the BTCUSDT topic is not this topic's.
        var (frame, orders) = ParsePrivate<BitgetOrder, OrderPushFormat>(Order("ETHUSDT", argInstId: "BTCUSDT", instType: "SPOT"));
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains("BTCUSDT", frame.InvalidReason);
        Assert.Empty(orders);

        // Under "default" (every symbol) any symbol is the topic's.
        var (all, kept) = ParsePrivate<BitgetOrder, OrderPushFormat>(Order("ETHUSDT"));
        Assert.Equal(BitgetFrameKind.Push, all.Kind);
        Assert.Equal("ETHUSDT", Assert.Single(kept).Symbol);
    }

    private static (BitgetFrame, int) Counted<T>((BitgetFrame Frame, List<T> Items) parsed) => (parsed.Frame, parsed.Items.Count);

    [Theory]
    [InlineData("orders.json")]
    [InlineData("spot-orders.json")]
    [InlineData("orders-algo.json")]
    [InlineData("positions.json")]
    [InlineData("positions-history.json")]
    [InlineData("account.json")]
    [InlineData("futures-account.json")]
    [InlineData("fill.json")]
    [InlineData("futures-fill.json")]
    [InlineData("demo-susdt-futures-ticker.json")]
    [InlineData("legacy-v1-spot-ticker.json")]
    public void RealPushesStillPass(string fixture)
    {
        var text = Fixtures.Text(fixture);
        var (frame, count) = fixture switch
        {
            _ when fixture.Contains("order") => Counted(ParsePrivate<BitgetOrder, OrderPushFormat>(text)),
            _ when fixture.Contains("position") => Counted(ParsePrivate<BitgetPosition, PositionPushFormat>(text)),
            _ when fixture.Contains("account") => Counted(ParsePrivate<BitgetAccount, AccountPushFormat>(text)),
            _ when fixture.Contains("fill") => Counted(ParsePrivate<BitgetFill, FillPushFormat>(text)),
            _ => Counted(ParsePrivate<BitgetTicker, TickerPushFormat>(text)),
        };
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.True(count > 0, "items parsed");
    }
}
