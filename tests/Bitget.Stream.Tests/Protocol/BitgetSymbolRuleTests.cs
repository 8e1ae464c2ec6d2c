using System.Text;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Tests.Protocol;

public class BitgetSymbolRuleTests
{
    [Theory]
    [InlineData("BTCUSDT")]
    [InlineData("SBTCSUSDT")] // demo
    [InlineData("BTCPERP")] // USDC-M
    [InlineData("BTCUSD_CM")] // v3 coin-M
    [InlineData("BTCUSDT_UMCBL")] // v1
    [InlineData("BTCUSDT_241227")] // a dated contract
    [InlineData("1000PEPEUSDT")]
    [InlineData("default")] // the private channels' "every symbol"
    [InlineData("USDT")] // a coin
    [InlineData("A")]
    [InlineData("ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ")] // 40
    public void BitgetSymbolsAndCoinsPass(string symbol)
    {
        Assert.True(BitgetSymbolRule.IsValid(symbol));
        Assert.True(BitgetSymbolRule.IsValid(Encoding.UTF8.GetBytes(symbol)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("=HYPERLINK(\"x\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)")]
    [InlineData("-2+3")]
    [InlineData("_BTCUSDT")]
    [InlineData("BTC-USDT")]
    [InlineData("BTC USDT")]
    [InlineData(" BTCUSDT")]
    [InlineData("BTCUSDT,")]
    [InlineData("BTC\"USDT")]
    [InlineData("BTC'USDT")]
    [InlineData("BTC\nUSDT")]
    [InlineData("BTCUSDT\r")]
    [InlineData("BTC\tUSDT")]
    [InlineData("BTC;USDT")]
    [InlineData("BTC\u0000")]
    [InlineData("BTC\u001b[2J")]
    [InlineData("BTC.USDT")]
    [InlineData("BTCUSDT\u00A0")] // no-break space
    [InlineData("\u0412TC")] // Cyrillic capital Ve, looks like a B
    [InlineData("ＢＴＣ")] // full-width letters
    [InlineData("ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJK")] // 41
    public void AnythingElseFails(string symbol)
    {
        Assert.False(BitgetSymbolRule.IsValid(symbol));
        Assert.False(BitgetSymbolRule.IsValid(Encoding.UTF8.GetBytes(symbol)));
    }

    [Fact]
    public void QuoteEscapesWhatIsNotPrintableAsciiAndCapsTheLength()
    {
        Assert.Equal("'=A1'", BitgetSymbolRule.Quote("=A1"));
        Assert.Equal("'BTC\\u000AUSDT\\u001B[2J\\u0412'", BitgetSymbolRule.Quote("BTC\nUSDT\u001b[2J\u0412"));
        var quoted = BitgetSymbolRule.Quote(new string('X', 1000));
        Assert.StartsWith("'" + new string('X', BitgetSymbolRule.MaxLength) + "'", quoted);
        Assert.EndsWith("(1000 characters)", quoted);
    }
}
