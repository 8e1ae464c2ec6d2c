using System.Text;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Tests.Parsing;

public class TradeParserTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static (BitgetFrame Frame, List<BitgetTrade> Trades) Parse(byte[] bytes)
    {
        var trades = new List<BitgetTrade>();
        var frame = new BitgetFrameParser().ParseTrades(bytes, ReceivedAt, trades);
        return (frame, trades);
    }

    private static (BitgetFrame Frame, List<BitgetTrade> Trades) Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void SpotTradeSnapshotFromTheDocs()
    {
        var (frame, trades) = Parse(Fixtures.Bytes("trade.json"));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal("snapshot", frame.Action);
        var t = Assert.Single(trades);
        Assert.Equal("BTCUSDT", t.Symbol);
        Assert.Equal("SPOT", t.InstType);
        Assert.Equal("1000000000", t.TradeId);
        Assert.Equal(26293.4m, t.Price);
        Assert.Equal("0.0013", t.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("buy", t.Side);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1695709835822), t.Timestamp);
        Assert.Equal(TimeSpan.Zero, t.Timestamp.Offset);
        Assert.Equal(ReceivedAt, t.ReceivedAt);
    }

    [Fact]
    public void FuturesTradeSnapshotFromTheDocsKeepsOrderAndTrailingZeros()
    {
        var (frame, trades) = Parse(Fixtures.Bytes("futures-trade.json"));
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal(2, trades.Count);
        Assert.All(trades, t => Assert.Equal("USDT-FUTURES", t.InstType));
        // As sent: newest first (the handler delivers oldest first). Both rows carry the docs' placeholder id.
        Assert.True(trades[0].Timestamp > trades[1].Timestamp);
        Assert.Equal("27000.0", trades[1].Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["buy", "sell"], trades.Select(t => t.Side));
        Assert.Same(TradeParser.Sell, trades[1].Side);
    }

    [Fact]
    public void EveryTradeFixtureParses()
    {
        var fixtures = Fixtures.All().Where(f => Fixtures.Text(f).Contains("\"channel\": \"trade\"", StringComparison.Ordinal)
            || Fixtures.Text(f).Contains("\"channel\":\"trade\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(["futures-trade.json", "trade.json"], fixtures.Order());
        foreach (var fixture in fixtures)
        {
            var (frame, trades) = Parse(Fixtures.Bytes(fixture));
            Assert.Equal(BitgetFrameKind.Push, frame.Kind);
            Assert.NotEmpty(trades);
            Assert.Equal(frame.ItemCount, trades.Count);
        }
    }

    [Fact]
    public void NumbersAndEnvelopeTimeAreAccepted()
    {
        var (frame, trades) = Parse("""{"action":"update","arg":{"instType":"SPOT","channel":"trade","instId":"ETHUSDT"},"data":[{"price":2000.5,"size":"1","side":"SELL","tradeId":123456789012345678,"x":[1]}],"ts":1700000000000}""");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var t = Assert.Single(trades);
        Assert.Equal("123456789012345678", t.TradeId);
        Assert.Equal(2000.5m, t.Price);
        Assert.Same(TradeParser.Sell, t.Side);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), t.Timestamp);
    }

    [Theory]
    [InlineData("""[{"ts":"1","price":"1","size":"1","side":"buy"}]""", "trade without tradeId")]
    [InlineData("""[{"ts":"1","size":"1","side":"buy","tradeId":"1"}]""", "trade without price")]
    [InlineData("""[{"ts":"1","price":"1","side":"buy","tradeId":"1"}]""", "trade without size")]
    [InlineData("""[{"ts":"1","price":"1e","size":"1","side":"buy","tradeId":"1"}]""", "malformed trade price")]
    [InlineData("""[["1","2"]]""", "trade data item is not an object")]
    public void MalformedTradesMakeTheFrameInvalidAndAddNothing(string data, string reason)
    {
        var (frame, trades) = Parse("""{"action":"update","arg":{"instType":"SPOT","channel":"trade","instId":"ETHUSDT"},"data":""" + data + ""","ts":1700000000000}""");
        Assert.Equal(BitgetFrameKind.Invalid, frame.Kind);
        Assert.Contains(reason, frame.InvalidReason);
        Assert.Empty(trades);
    }

    [Fact]
    public void OtherChannelsYieldNoTrades()
    {
        foreach (var fixture in new[] { "candle1m-snapshot.json", "spot-ticker.json", "books5.json" })
        {
            var (frame, trades) = Parse(Fixtures.Bytes(fixture));
            Assert.Equal(BitgetFrameKind.Push, frame.Kind);
            Assert.Empty(trades);
        }
    }
}
