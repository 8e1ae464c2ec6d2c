using System.Buffers.Text;
using System.Text;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Tests.Parsing;

/// <summary>The fast decimal path must give exactly what Utf8Parser gives: value, scale and sign of zero.</summary>
public class Utf8DecimalTests
{
    private static void AssertSameAsUtf8Parser(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var expectedOk = Utf8Parser.TryParse(bytes, out decimal expected, out var consumed) && consumed == bytes.Length;
        var ok = Utf8Decimal.TryParse(bytes, out var actual);
        Assert.True(expectedOk == ok, $"'{text}': Utf8Parser {expectedOk}, fast path {ok}");
        if (ok)
            Assert.True(decimal.GetBits(expected).SequenceEqual(decimal.GetBits(actual)), $"'{text}': {expected} vs {actual}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("0.00")]
    [InlineData("007")]
    [InlineData("00.10")]
    [InlineData("27000.50")]
    [InlineData("26999.0")]
    [InlineData("-0.00002")]
    [InlineData("0.000010")]
    [InlineData("10152429.961")]
    [InlineData("9999999999999999999")]
    [InlineData("99999999999999999999")]
    [InlineData("18446744073709551615")]
    [InlineData("18446744073709551616")]
    [InlineData("0.000000012339999999")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("0.00000000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("1.234E-8")]
    [InlineData("1e3")]
    [InlineData("+5")]
    [InlineData("1.")]
    [InlineData("-1.")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("1.2.3")]
    [InlineData(" 5")]
    [InlineData("5 ")]
    [InlineData("1,5")]
    [InlineData("--1")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("٣")]
    public void EdgeCasesMatchUtf8Parser(string text) => AssertSameAsUtf8Parser(text);

    [Fact]
    public void RandomNumbersMatchUtf8Parser()
    {
        var random = new Random(20261124);
        const string alphabet = "0123456789.-+eE ,x";
        var sb = new StringBuilder();
        for (var n = 0; n < 50_000; n++)
        {
            sb.Clear();
            if (n % 3 == 0)
            {
                // Anything from the alphabet: exercises the rejections and the fallback.
                var length = random.Next(0, 12);
                for (var i = 0; i < length; i++)
                    sb.Append(alphabet[random.Next(alphabet.Length)]);
            }
            else
            {
                // Number-shaped, like the exchange's strings, with lengths around the 19-digit fast-path limit.
                if (random.Next(4) == 0)
                    sb.Append('-');
                sb.Append(Digits(random, random.Next(1, 22)));
                if (random.Next(3) > 0)
                    sb.Append('.').Append(Digits(random, random.Next(1, 22)));
            }
            AssertSameAsUtf8Parser(sb.ToString());
        }
    }

    private static string Digits(Random random, int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
            chars[i] = (char)('0' + random.Next(10));
        return new string(chars);
    }
}
