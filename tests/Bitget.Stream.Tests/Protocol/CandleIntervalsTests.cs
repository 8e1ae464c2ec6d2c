using Bitget.Stream.Protocol;

namespace Bitget.Stream.Tests.Protocol;

public class CandleIntervalsTests
{
    [Theory]
    [InlineData("1m", "1m")]
    [InlineData("1M", "1M")]
    [InlineData("5m", "5m")]
    [InlineData("1h", "1H")]
    [InlineData("1H", "1H")]
    [InlineData("4h", "4H")]
    [InlineData("1d", "1D")]
    [InlineData("1w", "1W")]
    [InlineData("1min", "1m")]
    [InlineData("1MIN", "1m")]
    [InlineData("1month", "1M")]
    [InlineData("1Dutc", "1Dutc")]
    [InlineData("1dutc", "1Dutc")]
    [InlineData("1Mutc", "1Mutc")]
    [InlineData(" 15m ", "15m")]
    public void BitgetNamesExactlyAndFriendlySpellingsInAnyCase(string typed, string expected) =>
        Assert.Equal(expected, CandleIntervals.Normalize(typed));

    [Theory]
    [InlineData("5M", "lower-case m")]
    [InlineData("1mutc", "1Mutc")]
    [InlineData("2h", "Use one of")]
    [InlineData("", "Use one of")]
    public void AmbiguousOrUnknownIntervalsAreRefused(string typed, string hint)
    {
        var error = Assert.Throws<BitgetArgumentException>(() => CandleIntervals.Normalize(typed));
        Assert.Equal("Interval", error.ParamName);
        Assert.Contains(hint, error.Message);
    }

    [Fact]
    public void EveryNameIsItsOwnChannel()
    {
        Assert.Equal(18, CandleIntervals.All.Count);
        foreach (var name in CandleIntervals.All)
            Assert.Equal("candle" + name, CandleIntervals.ChannelOf(name));
        Assert.NotEqual(CandleIntervals.ChannelOf("1m"), CandleIntervals.ChannelOf("1M"));
    }

    [Theory]
    [InlineData("1m", "1m")]
    [InlineData("3m", "3m")]
    [InlineData("3min", "3m")]
    [InlineData("1h", "1H")]
    [InlineData("12H", "12H")]
    [InlineData("1d", "1D")]
    public void UnifiedTakesItsTenIntervals(string typed, string expected) =>
        Assert.Equal(expected, CandleIntervals.Normalize(typed, BitgetApi.Unified));

    [Theory]
    [InlineData("1W")]
    [InlineData("1M")]
    [InlineData("3D")]
    [InlineData("1Dutc")]
    [InlineData("1week")]
    public void UnifiedRefusesWhatOnlyClassicHasAndListsWhatItOffers(string typed)
    {
        var error = Assert.Throws<BitgetArgumentException>(() => CandleIntervals.Normalize(typed, BitgetApi.Unified));
        Assert.Equal("Interval", error.ParamName);
        Assert.Contains("1m, 3m, 5m, 15m, 30m, 1H, 4H, 6H, 12H, 1D", error.Message);
        Assert.Equal(10, CandleIntervals.Unified.Count);
    }

    [Fact]
    public void ClassicHasNoThreeMinuteCandles() =>
        Assert.Throws<BitgetArgumentException>(() => CandleIntervals.Normalize("3m", BitgetApi.Classic));
}
