using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Tests.Parsing;

public class TickerFixtureTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static (BitgetFrame Frame, List<BitgetTicker> Tickers) Parse(string fixture)
    {
        var tickers = new List<BitgetTicker>();
        var frame = new BitgetFrameParser().Parse(Fixtures.Bytes(fixture), ReceivedAt, tickers);
        return (frame, tickers);
    }

    private static DateTimeOffset Ms(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    [Fact]
    public void FuturesTickerFromTheDocsHasEveryField()
    {
        var (frame, tickers) = Parse("futures-ticker-snapshot.json");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        Assert.Equal("snapshot", frame.Action);
        var t = Assert.Single(tickers);
        Assert.Equal("BTCUSDT", t.Symbol);
        Assert.Equal("USDT-FUTURES", t.InstType);
        Assert.Equal(27000.5m, t.LastPrice);
        Assert.Equal(27000m, t.BidPrice);
        Assert.Equal(27000.5m, t.AskPrice);
        Assert.Equal(2.71m, t.BidSize);
        Assert.Equal(8.76m, t.AskSize);
        Assert.Equal(0.5m, t.Spread);
        Assert.Equal(27000.5m, t.Open24h);
        Assert.Equal(30668.5m, t.High24h);
        Assert.Equal("26999.0", t.Low24h!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); // scale kept
        Assert.Equal(-0.00002m, t.Change24h);
        Assert.Equal(368.900m, t.BaseVolume);
        Assert.Equal(10152429.961m, t.QuoteVolume);
        Assert.Equal(0.000010m, t.FundingRate);
        Assert.Equal(Ms(1695722400000), t.NextFundingTime);
        Assert.Equal(27000.0m, t.MarkPrice);
        Assert.Equal(25702.4m, t.IndexPrice);
        Assert.Equal(929.502m, t.HoldingAmount);
        Assert.Equal(0m, t.DeliveryPrice);
        Assert.Equal(27000.5m, t.OpenUtc);
        Assert.Null(t.ChangeUtc24h);
        Assert.Equal(Ms(1695715383021), t.Timestamp);
        Assert.Equal(TimeSpan.Zero, t.Timestamp.Offset);
        Assert.Equal(ReceivedAt, t.ReceivedAt);
    }

    [Fact]
    public void FuturesTickerObservedLiveWithStringSymbolType()
    {
        var (frame, tickers) = Parse("futures-ticker-ccxt-observed.json");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var t = Assert.Single(tickers);
        Assert.Equal(43480.4m, t.LastPrice);
        Assert.Equal(0.5m, t.Spread);
        Assert.Equal(0.000096m, t.FundingRate);
        Assert.Equal(50670.787m, t.HoldingAmount);
        Assert.Equal(5167385048.693m, t.QuoteVolume);
        Assert.Equal(Ms(1701843962811), t.Timestamp);
    }

    [Fact]
    public void SpotTickerFromTheDocs()
    {
        var (frame, tickers) = Parse("spot-ticker.json");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var t = Assert.Single(tickers);
        Assert.Equal("ETHUSDT", t.Symbol);
        Assert.Equal("SPOT", t.InstType);
        Assert.Equal("2200.10", t.LastPrice!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1792m, t.BidPrice);
        Assert.Equal(2200.1m, t.AskPrice);
        Assert.Equal(408.1m, t.Spread);
        Assert.Equal(19740.8811m, t.AskSize);
        Assert.Equal(0m, t.ChangeUtc24h);
        Assert.Null(t.FundingRate);
        Assert.Null(t.NextFundingTime);
        Assert.Null(t.MarkPrice);
        Assert.Equal(Ms(1695702438018), t.Timestamp);
    }

    [Fact]
    public void SpotTickerObservedLive()
    {
        var (_, tickers) = Parse("spot-ticker-ccxt-observed.json");
        var t = Assert.Single(tickers);
        Assert.Equal(43528.19m, t.LastPrice);
        Assert.Equal(0.01m, t.Spread);
        Assert.Equal(-0.01232m, t.ChangeUtc24h);
        Assert.Equal(648006446.7164m, t.QuoteVolume);
    }

    [Fact]
    public void StaleDemoTickerWithV1NamesAndNumericTimes()
    {
        var (frame, tickers) = Parse("demo-susdt-futures-ticker.json");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var t = Assert.Single(tickers);
        Assert.Equal("SBTCSUSDT", t.Symbol);
        Assert.Equal("SUSDT-FUTURES", t.InstType);
        Assert.Equal(27000.5m, t.LastPrice);
        Assert.Equal(-0.00002m, t.Change24h);
        Assert.Equal(929.502m, t.HoldingAmount);
        Assert.Equal(Ms(1695722400000), t.NextFundingTime);
        Assert.Equal(Ms(1695715383021), t.Timestamp);
    }

    [Fact]
    public void LegacyV1SpotTickerMapsNamesAndInstType()
    {
        var (frame, tickers) = Parse("legacy-v1-spot-ticker.json");
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var t = Assert.Single(tickers);
        Assert.Equal("CULTUSDT", t.Symbol);
        Assert.Equal("SPOT", t.InstType);
        Assert.Equal(0.00003511m, t.LastPrice);
        Assert.Equal(0.000036m, t.BidPrice);
        Assert.Equal(0.000036m, t.AskPrice);
        Assert.Equal(0m, t.Spread);
        Assert.Equal(13526500963m, t.BaseVolume);
        Assert.Equal(Ms(1649290076193), t.Timestamp);
    }

    [Theory]
    [MemberData(nameof(EveryFixture))]
    public void EveryFixtureIsClassifiedAndOnlyTickerPushesYieldTickers(string fixture)
    {
        var (frame, tickers) = Parse(fixture);
        // What a client sends, and v3 (UTA) pushes, are not frames a v2 server pushes: counted as bad frames.
        var foreign = fixture.Contains("request") || fixture == "unsubscribe-response-as-published.json"
            || (fixture.StartsWith("uta-") && !fixture.Contains("ack") && !fixture.Contains("error"));
        Assert.Equal(foreign, frame.Kind == BitgetFrameKind.Invalid);
        var isTicker = fixture.Contains("ticker") && !fixture.StartsWith("uta-");
        Assert.Equal(isTicker, tickers.Count > 0);
        if (!foreign && fixture.StartsWith("error"))
        {
            Assert.Equal(BitgetFrameKind.Error, frame.Kind);
            Assert.NotNull(frame.Code);
        }
    }

    public static TheoryData<string> EveryFixture()
    {
        var data = new TheoryData<string>();
        foreach (var name in Fixtures.All().Order())
            data.Add(name);
        return data;
    }
}
