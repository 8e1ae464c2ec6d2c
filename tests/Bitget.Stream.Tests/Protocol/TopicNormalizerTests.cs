using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Tests.Protocol;

public class TopicNormalizerTests
{
    private static (IReadOnlyList<BitgetTopic> Topics, List<string> Warnings) Normalize(string? instType, params string[] symbols)
    {
        var warnings = new List<string>();
        return (TopicNormalizer.Normalize(BitgetChannelNames.Ticker, symbols, instType, warnings), warnings);
    }

    [Fact]
    public void DefaultsToUsdtFuturesAndUpperCases()
    {
        var (topics, warnings) = Normalize(null, "btcusdt", " ETHUSDT ");
        Assert.Equal([BitgetTopic.Ticker("USDT-FUTURES", "BTCUSDT"), BitgetTopic.Ticker("USDT-FUTURES", "ETHUSDT")], topics);
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("spot", "SPOT")]
    [InlineData("usdt-futures", "USDT-FUTURES")]
    [InlineData("COIN-FUTURES", "COIN-FUTURES")]
    [InlineData("Susdc-Futures", "SUSDC-FUTURES")]
    public void V2NamesAreCaseInsensitiveWithoutWarning(string given, string expected)
    {
        var (topics, warnings) = Normalize(given, "BTCUSDT");
        Assert.Equal(expected, topics[0].InstType);
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("mc", "USDT-FUTURES")]
    [InlineData("umcbl", "USDT-FUTURES")]
    [InlineData("UMCBL", "USDT-FUTURES")]
    [InlineData("dmcbl", "COIN-FUTURES")]
    [InlineData("cmcbl", "USDC-FUTURES")]
    [InlineData("SP", "SPOT")]
    [InlineData("spbl", "SPOT")]
    [InlineData("sumcbl", "SUSDT-FUTURES")]
    public void LegacyNamesMapWithAWarning(string given, string expected)
    {
        var (topics, warnings) = Normalize(given, "BTCUSDT");
        Assert.Equal(expected, topics[0].InstType);
        Assert.Contains(given, Assert.Single(warnings));
        Assert.Contains("v1", warnings[0]);
    }

    [Theory]
    [InlineData("BTCUSDT_UMCBL", null, "USDT-FUTURES")]
    [InlineData("btcusd_dmcbl", null, "COIN-FUTURES")]
    [InlineData("BTCPERP_CMCBL", null, "USDC-FUTURES")]
    [InlineData("BTCUSDT_SPBL", null, "SPOT")]
    [InlineData("BTCUSDT_UMCBL", "USDT-FUTURES", "USDT-FUTURES")]
    public void SuffixedSymbolsAreStrippedWithAWarning(string symbol, string? instType, string expected)
    {
        var (topics, warnings) = Normalize(instType, symbol);
        Assert.Equal(expected, topics[0].InstType);
        Assert.DoesNotContain('_', topics[0].InstId);
        Assert.Single(warnings);
    }

    [Theory]
    [InlineData("bogus", "BTCUSDT", "InstType", "bogus")]
    [InlineData("MARGIN", "BTCUSDT", "InstType", "MARGIN")]
    [InlineData(null, "BTC-USDT", "Symbol", "BTC-USDT")]
    [InlineData(null, "BTC USDT", "Symbol", "BTC USDT")]
    [InlineData(null, "   ", "Symbol", "   ")]
    [InlineData("SPOT", "BTCUSDT_UMCBL", "Symbol", "BTCUSDT_UMCBL")]
    public void RefusedValuesNameTheParameterAndTheValue(string? instType, string symbol, string parameter, string value)
    {
        var ex = Assert.Throws<BitgetArgumentException>(() => Normalize(instType, symbol));
        Assert.Equal(parameter, ex.ParamName);
        Assert.Equal(value, ex.Value);
        Assert.DoesNotContain("(Parameter", ex.Message);
    }

    [Fact]
    public void DuplicatesCollapse()
    {
        var (topics, _) = Normalize(null, "BTCUSDT", "btcusdt", "BTCUSDT_UMCBL");
        Assert.Single(topics);
    }

    [Theory]
    [InlineData("candle1m")]
    [InlineData("candle1M")]
    [InlineData("trade")]
    [InlineData("books5")]
    public void EveryChannelMapsSymbolsAndInstTypesLikeTickers(string channel)
    {
        var warnings = new List<string>();
        var topics = TopicNormalizer.Normalize(channel, ["btcusdt_spbl", "ETHUSDT_SPBL"], "sp", warnings);
        Assert.Equal([new BitgetTopic("SPOT", channel, "BTCUSDT"), new BitgetTopic("SPOT", channel, "ETHUSDT")], topics);
        Assert.Equal(3, warnings.Count);
        Assert.Throws<BitgetArgumentException>(() => TopicNormalizer.Normalize(channel, ["BTCUSDT_UMCBL"], "SPOT", warnings));
    }

    [Fact]
    public void MarginTakesOnlyItsOwnChannelsAndTheWholeMarket()
    {
        var warnings = new List<string>();
        var topics = TopicNormalizer.Normalize(BitgetChannelNames.IndexPrice, ["DEFAULT"], "margin", warnings);
        Assert.Equal([new BitgetTopic("MARGIN", "index-price", "default")], topics);
        Assert.Empty(warnings);

        var notUnderMargin = Assert.Throws<BitgetArgumentException>(() => TopicNormalizer.Normalize(BitgetChannelNames.Ticker, ["BTCUSDT"], "MARGIN", warnings));
        Assert.Contains("does not exist under MARGIN", notUnderMargin.Message);
        var onlyUnderMargin = Assert.Throws<BitgetArgumentException>(() => TopicNormalizer.Normalize(BitgetChannelNames.IndexPrice, ["default"], null, warnings));
        Assert.Contains("-InstType MARGIN", onlyUnderMargin.Message);
    }

    private static IReadOnlyList<BitgetTopic> Unified(string symbol, string? instType, List<string> notes) =>
        TopicNormalizer.Normalize("ticker", [symbol], instType, new List<string>(), BitgetApi.Unified, notes);

    [Fact]
    public void UnifiedSpellsCoinMarginedSymbolsWithCm()
    {
        var notes = new List<string>();
        Assert.Equal(new BitgetTopic("COIN-FUTURES", "ticker", "BTCUSD_CM"), Unified("btcusd", "COIN-FUTURES", notes).Single());
        Assert.Contains("BTCUSD_CM", Assert.Single(notes));
        Assert.Equal(new BitgetTopic("COIN-FUTURES", "ticker", "BTCUSD_CM"), Unified("BTCUSD_CM", null, notes).Single());
        Assert.Equal(new BitgetTopic("USDT-FUTURES", "ticker", "BTCUSDT"), Unified("BTCUSDT", null, notes).Single());
        Assert.Throws<BitgetArgumentException>(() => Unified("BTCUSD_CM", "SPOT", notes));
    }

    [Theory]
    [InlineData("SUSDT-FUTURES")]
    [InlineData("MARGIN")]
    public void UnifiedHasNoDemoOrMarginInstTypes(string instType)
    {
        var error = Assert.Throws<BitgetArgumentException>(() => Unified("BTCUSDT", instType, []));
        Assert.Equal("InstType", error.ParamName);
        Assert.Contains("Unified", error.Message);
    }

    [Fact]
    public void UtaNamesOneAccountWideTopicOnUnifiedOnlyAndTakesNoSymbol()
    {
        Assert.Equal(new BitgetTopic("UTA", "adl-notification", "default"),
            TopicNormalizer.Normalize("adl-notification", [], "uta", new List<string>(), BitgetApi.Unified, null).Single());
        var onClassic = Assert.Throws<BitgetArgumentException>(() =>
            TopicNormalizer.Normalize("adl-notification", [], "UTA", new List<string>(), BitgetApi.Classic, null));
        Assert.Equal("InstType", onClassic.ParamName);
        Assert.Contains("-Api Unified", onClassic.Message);
        var withSymbol = Assert.Throws<BitgetArgumentException>(() =>
            TopicNormalizer.Normalize("adl-notification", ["BTCUSDT"], "UTA", new List<string>(), BitgetApi.Unified, null));
        Assert.Equal("Symbol", withSymbol.ParamName);
    }

    [Fact]
    public void ClassicKeepsCoinMarginedSymbolsBare() =>
        Assert.Equal("BTCUSD", TopicNormalizer.Normalize("ticker", ["BTCUSD"], "COIN-FUTURES", new List<string>()).Single().InstId);
}
