using System.Text;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Tests.Protocol;

public sealed class ServerTextTests
{
    [Theory]
    [InlineData("\u001b]0;pwned\u0007\u001b[2J", "\\u001b]0;pwned\\u0007\\u001b[2J")]
    [InlineData("a\r\nb\tc\0d", "a\\u000d\\u000ab\\u0009c\\u0000d")]
    [InlineData("del\u007f c1\u0080 csi\u009b2J nel\u0085", "del\\u007f c1\\u0080 csi\\u009b2J nel\\u0085")]
    [InlineData("file\u202Egnp.exe", "file\\u202egnp.exe")]
    [InlineData("\u2066\u2067\u2068\u2069\u200e\u200f\u061c", "\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c")]
    [InlineData("zero\u200bwidth\ufeff joiner\u200d", "zero\\u200bwidth\\ufeff joiner\\u200d")]
    [InlineData("line\u2028para\u2029", "line\\u2028para\\u2029")]
    [InlineData("tag\U000E0041", "tag\\U000e0041")]
    [InlineData("unassigned\u0378 nonchar\uffff", "unassigned\\u0378 nonchar\\uffff")]
    public void ControlFormatAndSeparatorCharactersAreEscaped(string text, string expected)
    {
        Assert.Equal(expected, ServerText.Escape(text));
    }

    [Theory]
    [InlineData("BTCUSDT")]
    [InlineData("Param error: instType:X,channel:ticker,instId:Y doesn't exist")]
    [InlineData("Grüße, 価格 €5 ½ — “quoted” \\u001b stays as typed")]
    [InlineData("emoji \U0001F600 and a private-use \uE000, no-break\u00a0space")]
    public void PrintableTextIsReturnedAsItIs(string text)
    {
        Assert.Same(text, ServerText.Escape(text));
        Assert.Equal(text, ServerText.Escape(text.AsSpan()));
        Assert.Equal(text, ServerText.EscapeUtf8(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void LoneSurrogatesAreEscapedAndNeverProduceInvalidText()
    {
        var escaped = ServerText.Escape("a\ud800b\udc00c\ud83d");
        Assert.Equal("a\\ud800b\\udc00c\\ud83d", escaped);
        // Valid UTF-16 now: a strict encoder takes it.
        new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(escaped);
        Assert.Equal("pair \U0001F600", ServerText.Escape("pair \U0001F600"));
    }

    [Fact]
    public void LongTextIsCappedWithAVisibleMarkerNeverInsideAnEscapeOrAPair()
    {
        Assert.Equal("abcde…(5 more chars)", ServerText.Escape("abcdefghij", 5));
        // The escape of ESC (6 characters) does not fit after "abc" in 8: it is left out whole.
        Assert.Equal("abc…(2 more chars)", ServerText.Escape("abc\u001bd", 8));
        // Nor is a surrogate pair split.
        Assert.Equal("abcd…(2 more chars)", ServerText.Escape("abcd\U0001F600", 5));
        var huge = ServerText.Escape(new string('\u001b', 100_000));
        Assert.Equal(ServerText.DefaultMaxLength / 6 * 6 + "…(99950 more chars)".Length, huge.Length);
        Assert.EndsWith("…(99950 more chars)", huge);
        Assert.Throws<ArgumentOutOfRangeException>(() => ServerText.Escape("x", 0));
    }

    [Fact]
    public void BytesThatAreNotUtf8AreShownAsHexAndTheRestDecoded()
    {
        byte[] frame = [0x1b, (byte)'[', (byte)'2', (byte)'J', 0xC2, 0x9B, (byte)'1', (byte)'m', 0x9B, 0xFF, 0xE2, 0x82, (byte)'x', 0xE2, 0x82, 0xAC, 0xF0, 0x9F];
        Assert.Equal("\\u001b[2J\\u009b1m\\x9b\\xff\\xe2\\x82x€\\xf0\\x9f", ServerText.EscapeUtf8(frame));
        Assert.Equal("{\"a\"…(996 more bytes)", ServerText.EscapeUtf8(Encoding.UTF8.GetBytes("{\"a\"" + new string(' ', 996)), 4));
        Assert.Equal("", ServerText.EscapeUtf8([]));
        Assert.Null(ServerText.Escape(null));
    }
}
