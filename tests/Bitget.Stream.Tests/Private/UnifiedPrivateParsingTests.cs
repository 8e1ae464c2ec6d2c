using System.Globalization;
using System.Text;
using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Parsing.Unified;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Private;

/// <summary>
/// Every v3 private fixture read the way a Unified session reads it (the frame parser in the Unified dialect, routed to
/// the family's handler) into the module's objects: exact decimals, UTC times, <c>""</c> as null, <c>category</c> in
/// the module's upper-case spelling. Expected values come from the fixture text itself.
/// </summary>
public class UnifiedPrivateParsingTests
{
    private readonly PrivateRouteHarness _unified = new(WireDialect.Unified);

    private static JsonElement Data(byte[] bytes, int row = 0)
    {
        using var doc = JsonDocument.Parse(bytes);
        var data = doc.RootElement.GetProperty("data");
        return (data.ValueKind == JsonValueKind.Array ? data[row] : data).Clone();
    }

    private static JsonElement Data(string fixture, int row = 0) => Data(Fixtures.UtaBytes(fixture), row);

    private static string? Str(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } text ? text : null;

    private static decimal? Dec(JsonElement item, string name) =>
        Str(item, name) is { } text ? decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    private static DateTimeOffset? Ms(JsonElement item, string name) =>
        Str(item, name) is { } text ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(text, CultureInfo.InvariantCulture)) : null;

    private static string Text(decimal? value) => value!.Value.ToString(CultureInfo.InvariantCulture);

    private T Single<T>(Func<PrivateRouteHarness, BitgetFeed<T>> feed, byte[] bytes) where T : class
    {
        var frame = _unified.Push(bytes);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(BitgetApi.Unified, frame.Api);
        return Assert.Single(PrivateRouteHarness.Take(feed(_unified)));
    }

    [Theory]
    [InlineData("v3-order.json")]
    [InlineData("v3-order-gobitget.json")]
    public void OrdersMapOntoBitgetOrder(string fixture)
    {
        var o = Single(h => h.Orders, Fixtures.UtaBytes(fixture));
        var d = Data(fixture);
        Assert.Equal(BitgetChannelNames.Orders, o.Channel);
        Assert.False(o.IsAlgo);
        Assert.Equal("USDT-FUTURES", o.InstType); // category "usdt-futures"
        Assert.Equal(("BTCUSDT", "xxx", "xxx"), (o.Symbol, o.OrderId, o.ClientOrderId));
        Assert.Null(o.Price); // "" for a market order
        Assert.Equal(Dec(d, "qty"), o.Size);
        Assert.Equal(Dec(d, "amount"), o.Amount);
        Assert.Equal(Dec(d, "cumExecQty"), o.FilledSize);
        Assert.Equal(Dec(d, "cumExecValue"), o.FilledValue);
        Assert.Equal(Dec(d, "avgPrice"), o.PriceAvg);
        Assert.Equal(Dec(d, "totalProfit"), o.TotalProfits);
        Assert.Equal(Dec(d, "leverage"), o.Leverage);
        Assert.Equal("83.1315", Text(o.FilledValue));
        Assert.Equal(("filled", "buy", "market", "gtc"), (o.Status, o.Side, o.OrderType, o.Force));
        Assert.Equal(("long", "hedge_mode", "open"), (o.PosSide, o.PosMode, o.TradeSide));
        Assert.Equal(("crossed", "USDT", "no"), (o.MarginMode, o.MarginCoin, o.ReduceOnly));
        Assert.Null(o.CancelReason); // ""
        Assert.Equal("none", o.StpMode);
        Assert.Equal(0.0332526m, o.Fee);
        Assert.Equal("0.0332526", Text(o.Fee));
        Assert.Equal("USDT", o.FeeCoin);
        var fee = Assert.Single(o.FeeDetails!);
        Assert.Equal(("USDT", 0.0332526m), (fee.Coin, fee.Fee));
        Assert.Equal(Ms(d, "createdTime"), o.CreatedAt);
        Assert.Equal(Ms(d, "updatedTime"), o.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, o.CreatedAt!.Value.Offset);
        Assert.Equal("snapshot", o.Action);
        Assert.Equal(PrivateRouteHarness.ReceivedAt, o.ReceivedAt);
        Assert.Null(o.TriggerPrice);
        Assert.Null(o.FillPrice);
        if (fixture == "v3-order-gobitget.json")
            Assert.Equal(("normal", "12345678"), (o.DelegateType, o.RequestId)); // requestId is a JSON number there
        else
        {
            Assert.Null(o.DelegateType);
            Assert.Null(o.RequestId);
        }
    }

    [Fact]
    public void StrategyOrdersAreAlgoOrdersWithTheirOwnFields()
    {
        const string fixture = "v3-strategy-order.json";
        var o = Single(h => h.Orders, Fixtures.UtaBytes(fixture));
        var d = Data(fixture);
        Assert.Equal(BitgetChannelNames.OrdersAlgo, o.Channel);
        Assert.True(o.IsAlgo);
        Assert.Equal(("USDT-FUTURES", "BTCUSDT", "111111111111111111", "myorder001"), (o.InstType, o.Symbol, o.OrderId, o.ClientOrderId));
        Assert.Equal(Dec(d, "qty"), o.Size);
        Assert.Equal(("buy", "long", "no"), (o.Side, o.PosSide, o.ReduceOnly));
        Assert.Equal(("tpsl", "pending", "takeProfit"), (o.PlanType, o.Status, o.TpslType));
        Assert.Equal(("market", "market"), (o.TakeProfitTriggerBy, o.StopLossTriggerBy));
        Assert.Equal(Dec(d, "takeProfit"), o.TakeProfitPrice);
        Assert.Equal(Dec(d, "stopLoss"), o.StopLossPrice);
        Assert.Equal(("market", "market"), (o.TakeProfitOrderType, o.StopLossOrderType));
        Assert.Null(o.TakeProfitLimitPrice); // ""
        Assert.Null(o.StopLossLimitPrice);
        Assert.Equal("market", o.TriggerType); // triggerBy: the price that triggers, as v2's triggerType
        Assert.Equal(Dec(d, "triggerPrice"), o.TriggerPrice);
        Assert.Equal("limit", o.OrderType); // triggerOrderType
        Assert.Equal(Dec(d, "triggerOrderPrice"), o.ExecutePrice);
        Assert.Equal(100500m, o.ExecutePrice);
        Assert.Equal(Ms(d, "createdTime"), o.CreatedAt);
        Assert.Equal(Ms(d, "updatedTime"), o.UpdatedAt);
        Assert.Equal("snapshot", o.Action);
    }

    [Theory]
    [InlineData("v3-position.json")]
    [InlineData("v3-position-gobitget.json")]
    public void PositionsMapOntoBitgetPosition(string fixture)
    {
        var p = Single(h => h.Positions, Fixtures.UtaBytes(fixture));
        var d = Data(fixture);
        Assert.Equal(BitgetChannelNames.Positions, p.Channel);
        Assert.False(p.IsHistory);
        Assert.Equal("USDT-FUTURES", p.InstType); // no category: a USDT margin coin
        Assert.Equal(("BTCUSDT", ""), (p.Symbol, p.PositionId));
        Assert.Equal(("long", "hedge_mode", "crossed", "USDT", "ended"), (p.HoldSide, p.PosMode, p.MarginMode, p.MarginCoin, p.PositionStatus));
        Assert.Equal(Dec(d, "size"), p.Total);
        Assert.Equal(Dec(d, "available"), p.Available);
        Assert.Equal(Dec(d, "frozen"), p.Frozen);
        Assert.Equal(Dec(d, "avgPrice"), p.OpenPriceAvg);
        Assert.Equal(Dec(d, "leverage"), p.Leverage);
        Assert.Equal(Dec(d, "curRealisedPnl"), p.AchievedProfits);
        Assert.Equal(Dec(d, "unrealisedPnl"), p.UnrealizedPL);
        Assert.Equal(Dec(d, "markPrice"), p.MarkPrice);
        Assert.Equal("94987.1", Text(p.MarkPrice));
        Assert.Equal(Dec(d, "marginSize"), p.MarginSize);
        Assert.Equal(Dec(d, "totalFundingFee"), p.TotalFundingFee);
        Assert.NotNull(p.TotalFundingFee);
        Assert.Equal(Dec(d, "cashDividend"), p.CashDividend);
        Assert.Equal(fixture == "v3-position-gobitget.json", p.CashDividend is not null);
        // "" in the sample: null, never an error.
        Assert.Null(p.LiquidationPrice);
        Assert.Null(p.KeepMarginRate);
        Assert.Null(p.BreakEvenPrice);
        Assert.Null(p.UnrealizedPLR);
        Assert.Null(p.OpenFee);
        Assert.Null(p.CloseFee);
        Assert.Null(p.MarginRate);
        Assert.Equal(Ms(d, "createdTime"), p.CreatedAt);
        Assert.Equal(Ms(d, "updatedTime"), p.UpdatedAt);
        Assert.Equal("snapshot", p.Action);
    }

    [Fact]
    public void PositionFieldsThatTheSampleLeavesEmptyAreReadWhenSent()
    {
        var p = Single(h => h.Positions, Encoding.UTF8.GetBytes("""
            {"data":[{"symbol":"ETHUSD_CM","marginCoin":"ETH","posSide":"short","size":"12","liqPrice":"4123.45678901","mmr":"0.004",
            "marginRate":"0.0123","breakEvenPrice":"3000.5","profitRate":"-0.0715","openFeeTotal":"-0.00000001","closeFeeTotal":"0"}],
            "arg":{"instType":"UTA","topic":"position"},"action":"update","ts":1736378720620}
            """));
        Assert.Equal("COIN-FUTURES", p.InstType); // a _CM symbol
        Assert.Equal(4123.45678901m, p.LiquidationPrice);
        Assert.Equal(0.004m, p.KeepMarginRate);
        Assert.Equal(0.0123m, p.MarginRate);
        Assert.Equal(3000.5m, p.BreakEvenPrice);
        Assert.Equal(-0.0715m, p.UnrealizedPLR);
        Assert.Equal("-0.00000001", Text(p.OpenFee));
        Assert.Equal(0m, p.CloseFee);
        Assert.Equal("update", p.Action);
    }

    [Theory]
    [InlineData("USDC", "BTCPERP", null, "USDC-FUTURES")]
    [InlineData("USDT", "BTCUSDT", null, "USDT-FUTURES")]
    [InlineData("BTC", "BTCUSD_CM", null, "COIN-FUTURES")]
    [InlineData("BTC", "BTCUSD", null, "UTA")]
    [InlineData("USDT", "BTCUSDT", "coin-futures", "COIN-FUTURES")]
    public void APositionsInstTypeIsItsCategoryOrFollowsFromItsSymbolAndMarginCoin(string marginCoin, string symbol, string? category, string instType)
    {
        var categoryField = category is null ? "" : $"\"category\":\"{category}\",";
        var p = Single(h => h.Positions, Encoding.UTF8.GetBytes(
            $$"""{"arg":{"instType":"UTA","topic":"position"},"data":[{{{categoryField}}"symbol":"{{symbol}}","marginCoin":"{{marginCoin}}","posSide":"long"}],"action":"update","ts":1}"""));
        Assert.Equal(instType, p.InstType);
    }

    [Theory]
    [InlineData("v3-account.json")]
    [InlineData("v3-account-gobitget.json")]
    public void TheAccountIsOneObjectPerCoinEachWithTheTotals(string fixture)
    {
        var frame = _unified.Push(Fixtures.UtaBytes(fixture));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var accounts = PrivateRouteHarness.Take(_unified.Accounts);
        var d = Data(fixture);
        var coins = d.GetProperty("coin").EnumerateArray().ToList();
        Assert.Equal(3, coins.Count);
        Assert.Equal(coins.Count, accounts.Count);
        Assert.Equal(["ETH", "BTC", "USDT"], accounts.Select(a => a.Coin));
        for (var i = 0; i < coins.Count; i++)
        {
            var (a, c) = (accounts[i], coins[i]);
            Assert.Equal(BitgetInstTypes.Unified, a.InstType);
            Assert.Equal(Dec(d, "totalEquity"), a.TotalEquity);
            Assert.Equal(Dec(d, "effEquity"), a.EffectiveEquity);
            Assert.Equal(Dec(d, "mmr"), a.MaintenanceMargin);
            Assert.Equal(Dec(d, "imr"), a.InitialMargin);
            Assert.Equal(Dec(d, "mgnRatio"), a.MarginRatio);
            Assert.Equal(Dec(d, "positionMgnRatio"), a.PositionMarginRatio);
            Assert.Equal(Dec(d, "unrealisedPnL"), a.TotalUnrealizedPL);
            Assert.Equal(-10116.55m, a.TotalUnrealizedPL);
            Assert.Equal(Dec(c, "balance"), a.Balance);
            Assert.Equal(Dec(c, "available"), a.Available);
            Assert.Equal(Dec(c, "locked"), a.Locked);
            Assert.Equal(Dec(c, "equity"), a.Equity);
            Assert.Equal(Dec(c, "usdValue"), a.UsdValue);
            Assert.Equal(Dec(c, "borrow"), a.Borrow);
            Assert.Equal(Dec(c, "debts"), a.Debts);
            Assert.Equal(Dec(c, "bonus"), a.Bonus);
            Assert.Equal(fixture == "v3-account-gobitget.json", a.Bonus is not null);
            Assert.Null(a.Frozen);
            Assert.Null(a.UnrealizedPL);
            Assert.Equal("snapshot", a.Action);
            Assert.Equal(PrivateRouteHarness.ReceivedAt, a.ReceivedAt);
        }
        Assert.Equal("4630564.31304974", Text(accounts[1].UsdValue));
        Assert.Equal("354411.45536458", Text(accounts[2].Balance));
    }

    [Fact]
    public void AccountTotalsAfterTheCoinListReachEveryCoinToo()
    {
        var frame = _unified.Push(Encoding.UTF8.GetBytes("""
            {"arg":{"instType":"UTA","topic":"account"},"action":"update","data":[{"coin":[{"coin":"USDT","balance":"1"},{"coin":"BTC","balance":"2"}],
            "totalEquity":"3.000000000000000000000000001","unrealisedPnl":"-1.5"}],"ts":1}
            """));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var accounts = PrivateRouteHarness.Take(_unified.Accounts);
        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, a => Assert.Equal("3.000000000000000000000000001", Text(a.TotalEquity)));
        Assert.All(accounts, a => Assert.Equal(-1.5m, a.TotalUnrealizedPL)); // the table's spelling is read too
        Assert.All(accounts, a => Assert.Equal("update", a.Action));
    }

    [Theory]
    [InlineData("v3-fill.json")]
    [InlineData("v3-fill-gobitget.json")]
    public void FillsMapOntoBitgetFill(string fixture)
    {
        var f = Single(h => h.Fills, Fixtures.UtaBytes(fixture));
        var d = Data(fixture);
        Assert.Equal(BitgetChannelNames.Fill, f.Channel);
        Assert.False(f.IsFast);
        // The docs sample says "USDT-FUTURES", the other "usdt-futures": one spelling on the object.
        Assert.Equal("USDT-FUTURES", f.InstType);
        Assert.Equal(("BTCUSDT", "1288888888888888888", "1288888888888888888", "1288888888888888889"), (f.Symbol, f.TradeId, f.OrderId, f.ClientOrderId));
        Assert.Equal("1288888888888888888", f.ExecLinkId);
        Assert.Equal(("buy", "market", "taker", "open", "long"), (f.Side, f.OrderType, f.TradeScope, f.TradeSide, f.HoldSide));
        Assert.Equal(Dec(d, "execPrice"), f.Price);
        Assert.Equal(Dec(d, "execQty"), f.Size);
        Assert.Equal(Dec(d, "execValue"), f.Amount);
        Assert.Equal("949.93", Text(f.Amount));
        Assert.Equal(Dec(d, "execPnl"), f.Profit);
        Assert.Equal(0.569958m, f.Fee);
        Assert.Equal("USDT", f.FeeCoin);
        Assert.Equal(("USDT", 0.569958m), (Assert.Single(f.FeeDetails!).Coin, f.FeeDetails![0].Fee));
        Assert.Equal(Ms(d, "execTime"), f.CreatedAt);
        Assert.Equal(Ms(d, "updatedTime"), f.UpdatedAt);
        Assert.Equal(fixture == "v3-fill-gobitget.json" ? false : null, f.IsRpi);
        Assert.Null(f.PosMode);
        Assert.Equal("snapshot", f.Action);
    }

    [Fact]
    public void AFastFillWhoseDataIsOneObject()
    {
        const string fixture = "v3-fast-fill.json";
        var f = Single(h => h.Fills, Fixtures.UtaBytes(fixture));
        AssertFastFill(f, Data(fixture));
    }

    [Fact]
    public void AFastFillWhoseDataIsAnArray()
    {
        // The older doc mirror's form: the same row inside an array.
        var text = Encoding.UTF8.GetString(Fixtures.UtaBytes("v3-fast-fill.json"));
        var start = text.IndexOf('{', text.IndexOf("\"data\"", StringComparison.Ordinal));
        var end = text.IndexOf('}', start) + 1;
        var bytes = Encoding.UTF8.GetBytes(text[..start] + "[" + text[start..end] + "]" + text[end..]);
        var f = Single(h => h.Fills, bytes);
        AssertFastFill(f, Data(bytes));
    }

    private static void AssertFastFill(BitgetFill f, JsonElement d)
    {
        Assert.Equal(BitgetChannelNames.FastFill, f.Channel);
        Assert.True(f.IsFast);
        Assert.Equal(("USDT-FUTURES", "BTCUSDT", "1288888888888888888"), (f.InstType, f.Symbol, f.TradeId));
        Assert.Equal(("buy", "long", "taker"), (f.Side, f.HoldSide, f.TradeScope));
        Assert.Equal(Dec(d, "execPrice"), f.Price);
        Assert.Equal(Dec(d, "execQty"), f.Size);
        Assert.Equal(Ms(d, "execTime"), f.CreatedAt);
        Assert.Equal(Ms(d, "updatedTime"), f.UpdatedAt);
        // A fast fill has no fee and no value.
        Assert.Null(f.Fee);
        Assert.Null(f.FeeDetails);
        Assert.Null(f.Amount);
        Assert.Equal("update", f.Action);
    }

    [Theory]
    [InlineData("usdt-futures", "USDT-FUTURES")]
    [InlineData("USDT-FUTURES", "USDT-FUTURES")]
    [InlineData("Usdt-Futures", "USDT-FUTURES")]
    [InlineData("coin-futures", "COIN-FUTURES")]
    [InlineData("usdc-futures", "USDC-FUTURES")]
    [InlineData("spot", "SPOT")]
    [InlineData("SPOT", "SPOT")]
    [InlineData("margin", "MARGIN")]
    [InlineData("options", "OPTIONS")]
    public void CategoryIsComparedCaseInsensitivelyAndShownUpperCase(string category, string instType)
    {
        var order = Single(h => h.Orders, Encoding.UTF8.GetBytes(
            $$"""{"arg":{"instType":"UTA","topic":"order"},"data":[{"category":"{{category}}","symbol":"BTCUSDT","orderId":"1"}],"ts":1}"""));
        Assert.Equal(instType, order.InstType);
        var fill = Single(h => h.Fills, Encoding.UTF8.GetBytes(
            $$"""{"arg":{"instType":"UTA","topic":"fill"},"data":[{"category":"{{category}}","symbol":"BTCUSDT","execId":"1"}],"ts":1}"""));
        Assert.Equal(instType, fill.InstType);
    }

    [Fact]
    public void DecimalsKeepEveryDigit()
    {
        var o = Single(h => h.Orders, Encoding.UTF8.GetBytes("""
            {"arg":{"instType":"UTA","topic":"order"},"data":[{"category":"spot","symbol":"BTCUSDT","orderId":"1","price":"0.00000001",
            "qty":"1234567890.123456789012345678","cumExecQty":"0.10000000","leverage":20,"feeDetail":[{"feeCoin":"BTC","fee":"-0.00000018"},{"feeCoin":"BGB","fee":"0.5"}]}],"ts":1}
            """));
        Assert.Equal("0.00000001", Text(o.Price));
        Assert.Equal("1234567890.123456789012345678", Text(o.Size));
        Assert.Equal("0.10000000", Text(o.FilledSize)); // trailing zeros kept
        Assert.Equal(20m, o.Leverage); // a JSON number is accepted
        Assert.Equal(new[] { "BTC", "BGB" }, o.FeeDetails!.Select(f => f.Coin));
        Assert.Equal(new decimal?[] { -0.00000018m, 0.5m }, o.FeeDetails!.Select(f => f.Fee));
        Assert.Equal("BTC", o.FeeCoin);
        Assert.Equal(0.49999982m, o.Fee);
    }

    [Fact]
    public void EmptyStringsAreNullNeverAnError()
    {
        var fields = new[] { "price", "qty", "amount", "cumExecQty", "cumExecValue", "avgPrice", "totalProfit", "leverage", "createdTime",
            "updatedTime", "clientOid", "holdSide", "timeInForce", "stpMode", "category", "feeDetail" };
        var o = Single(h => h.Orders, Encoding.UTF8.GetBytes(
            "{\"arg\":{\"instType\":\"UTA\",\"topic\":\"order\"},\"data\":[{\"orderId\":\"7\"," + string.Join(",", fields.Select(f => $"\"{f}\":\"\"")) + "}],\"ts\":1}"));
        Assert.Equal("7", o.OrderId);
        Assert.Equal(BitgetInstTypes.Unified, o.InstType); // no category: the account's
        Assert.All(new object?[] { o.Price, o.Size, o.Amount, o.FilledSize, o.FilledValue, o.PriceAvg, o.TotalProfits, o.Leverage, o.CreatedAt,
            o.UpdatedAt, o.ClientOrderId, o.PosSide, o.Force, o.StpMode, o.Fee, o.FeeDetails }, Assert.Null);
    }

    [Fact]
    public void AMalformedFieldIsNullAndNamedWhileTheEventIsStillDelivered()
    {
        var text = """
            {"arg":{"instType":"UTA","topic":"order"},"data":[{"category":"usdt-futures","symbol":"BTCUSDT","orderId":"9","qty":"abc",
            "price":{"x":[1]},"createdTime":"soon","cumExecQty":"0.5","reduceOnly":["no"],"feeDetail":"none","avgPrice":"1e400"}],"ts":1}
            """;
        var o = Single(h => h.Orders, Encoding.UTF8.GetBytes(text));
        Assert.Equal("9", o.OrderId);
        Assert.Equal(0.5m, o.FilledSize); // read past the bad fields
        Assert.All(new object?[] { o.Size, o.Price, o.CreatedAt, o.ReduceOnly, o.FeeDetails, o.Fee, o.PriceAvg }, Assert.Null);

        // The parser names each malformed field to its caller (a session counts them).
        var bad = new MalformedFields();
        var output = new List<BitgetOrder>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes);
        while (reader.Read() && !(reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("data"))) { }
        reader.Read();
        Assert.Null(UnifiedOrderParser.ParseArray(ref reader, BitgetInstTypes.Unified, BitgetChannelNames.Orders, PrivateRouteHarness.ReceivedAt, output, bad));
        Assert.Equal(["order qty", "order price", "order createdTime", "order reduceOnly", "order feeDetail", "order avgPrice"], bad.Names);
        Assert.Single(output);
    }

    private delegate string? DataParse(ref Utf8JsonReader reader, MalformedFields bad);

    private static IReadOnlyList<string> BadFields(string data, DataParse parse)
    {
        var bad = new MalformedFields();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(data));
        reader.Read();
        Assert.Null(parse(ref reader, bad));
        return bad.Names;
    }

    [Fact]
    public void MalformedFieldsOfEveryFamilyAreNamed()
    {
        Assert.Equal(["position size", "position createdTime"], BadFields("""[{"symbol":"BTCUSDT","size":"x","createdTime":true}]""",
            (ref Utf8JsonReader r, MalformedFields bad) =>
                UnifiedPositionParser.ParseArray(ref r, BitgetInstTypes.Unified, BitgetChannelNames.Positions, PrivateRouteHarness.ReceivedAt, [], bad)));
        Assert.Equal(["account mgnRatio", "account coin balance"], BadFields("""[{"mgnRatio":"?","coin":[{"coin":"USDT","balance":"1..2"}]}]""",
            (ref Utf8JsonReader r, MalformedFields bad) =>
                UnifiedAccountParser.ParseArray(ref r, BitgetInstTypes.Unified, PrivateRouteHarness.ReceivedAt, [], bad)));
        Assert.Equal(["fill execPrice", "fill isRPI"], BadFields("""{"symbol":"BTCUSDT","execId":"1","execPrice":"-","isRPI":"maybe"}""",
            (ref Utf8JsonReader r, MalformedFields bad) =>
                UnifiedFillParser.Parse(ref r, BitgetInstTypes.Unified, BitgetChannelNames.FastFill, PrivateRouteHarness.ReceivedAt, [], bad)));
    }

    [Theory]
    [InlineData("order", """[{"symbol":"BTCUSDT","qty":"1"}]""", "order without orderId")]
    [InlineData("order", """{"orderId":"1"}""", "order data is not an array")]
    [InlineData("order", """[1]""", "order data item is not an object")]
    [InlineData("strategy-order", """[{"symbol":"BTCUSDT"}]""", "order without orderId")]
    [InlineData("position", """[{"posSide":"long"}]""", "position without symbol")]
    [InlineData("account", """[{"totalEquity":"1"}]""", "account without coin list")]
    [InlineData("account", """[{"coin":[{"balance":"1"}]}]""", "account coin without coin")]
    [InlineData("account", """[{"coin":"USDT"}]""", "account coin list is not an array")]
    [InlineData("fill", """[{"symbol":"BTCUSDT"}]""", "fill without execId")]
    [InlineData("fast-fill", """{"execId":"1"}""", "fill without symbol")]
    [InlineData("fast-fill", "\"x\"", "fill data is neither an array nor an object")]
    public void AStructuralProblemRejectsThePushWithItsReason(string topic, string data, string reason)
    {
        var frame = _unified.Push(Encoding.UTF8.GetBytes($$"""{"arg":{"instType":"UTA","topic":"{{topic}}"},"data":{{data}},"ts":1}"""));
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.EndsWith(": " + reason, frame.InvalidReason);
        Assert.Empty(PrivateRouteHarness.Take(_unified.Orders));
        Assert.Empty(PrivateRouteHarness.Take(_unified.Positions));
        Assert.Empty(PrivateRouteHarness.Take(_unified.Accounts));
        Assert.Empty(PrivateRouteHarness.Take(_unified.Fills));
    }

    [Fact]
    public void EveryV3PrivatePushFixtureParsesIntoItsObjects()
    {
        var pushes = Fixtures.AllUta().Where(f =>
        {
            var text = Encoding.UTF8.GetString(Fixtures.UtaBytes(f));
            return text.Contains("\"data\"", StringComparison.Ordinal) && text.Contains("\"UTA\"", StringComparison.Ordinal);
        }).Order().ToList();
        Assert.Equal(["v3-account-gobitget.json", "v3-account.json", "v3-adl-notification.json", "v3-fast-fill.json", "v3-fill-gobitget.json",
            "v3-fill.json", "v3-order-gobitget.json", "v3-order.json", "v3-position-gobitget.json", "v3-position.json", "v3-strategy-order.json"], pushes);
        var expected = new Dictionary<string, int> { ["v3-account-gobitget.json"] = 3, ["v3-account.json"] = 3, ["v3-adl-notification.json"] = 0 };
        foreach (var fixture in pushes)
        {
            var frame = _unified.Push(Fixtures.UtaBytes(fixture));
            Assert.Equal(BitgetFrameKind.Push, frame.Kind);
            Assert.Equal(BitgetInstTypes.Unified, frame.InstType);
            var delivered = PrivateRouteHarness.Take(_unified.Orders).Count + PrivateRouteHarness.Take(_unified.Positions).Count
                + PrivateRouteHarness.Take(_unified.Accounts).Count + PrivateRouteHarness.Take(_unified.Fills).Count;
            if (fixture == "v3-adl-notification.json")
            {
                // No family reads it: Receive-BitgetMessage streams the topic raw.
                Assert.Equal("adl-notification", frame.Channel);
                Assert.False(_unified.Handles(frame.Channel!));
            }
            Assert.Equal(expected.GetValueOrDefault(fixture, 1), delivered);
        }
    }

    [Theory]
    [InlineData("orders.json", "orders")]
    [InlineData("orders-algo.json", "orders")]
    [InlineData("spot-orders.json", "orders")]
    [InlineData("positions.json", "positions")]
    [InlineData("positions-history.json", "positions")]
    [InlineData("account.json", "account")]
    [InlineData("futures-account.json", "account")]
    [InlineData("fill.json", "fill")]
    [InlineData("futures-fill.json", "fill")]
    public void ClassicPrivatePushesStillReadTheV2Fields(string fixture, string family)
    {
        var classic = new PrivateRouteHarness(WireDialect.Classic);
        var frame = classic.Push(Fixtures.Bytes(fixture));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(BitgetApi.Classic, frame.Api);
        switch (family)
        {
            case "orders":
                var orders = PrivateRouteHarness.Take(classic.Orders);
                Assert.NotEmpty(orders);
                Assert.All(orders, o => Assert.True(o.OrderId.Length > 0 && o.CreatedAt is not null && o.FeeDetails is null && o.Amount is null));
                break;
            case "positions":
                var positions = PrivateRouteHarness.Take(classic.Positions);
                Assert.NotEmpty(positions);
                Assert.All(positions, p => Assert.True(p.PositionId.Length > 0 && p.PositionStatus is null));
                break;
            case "account":
                var accounts = PrivateRouteHarness.Take(classic.Accounts);
                Assert.NotEmpty(accounts);
                Assert.All(accounts, a => Assert.True(a.Coin.Length > 0 && a.InstType != BitgetInstTypes.Unified && a.TotalEquity is null));
                break;
            default:
                var fills = PrivateRouteHarness.Take(classic.Fills);
                Assert.NotEmpty(fills);
                Assert.All(fills, f => Assert.True(f.TradeId.Length > 0 && f.Price is not null && f.Channel == "fill" && f.FeeDetails is null));
                break;
        }
    }
}
