using System.Globalization;
using Bitget.Stream.Recording;

namespace Bitget.Stream.Tests.Recording;

public class CsvRowTests
{
    public static TheoryData<string> Decimals() =>
    [
        "0", "0.0", "0.000010", "-0.5", "1", "-1", "27000.50", "26999.0", "0.00000000000000000000000001", "123456789.123456789",
        "18446744073709551615", "18446744073709551616", "-18446744073709551615.5", "79228162514264337593543950335",
        "-79228162514264337593543950335", "1.0000000000000000000000000000", "0.1000000000000000000000000000", "-0.0",
    ];

    [Theory]
    [MemberData(nameof(Decimals))]
    public void DecimalsAreWrittenAsTheInvariantToStringWrites(string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(value.ToString(CultureInfo.InvariantCulture), CsvRow.FormatDecimal(value));
    }

    [Fact]
    public void ManyRandomDecimalsMatchToString()
    {
        var random = new Random(11);
        for (var i = 0; i < 200_000; i++)
        {
            var value = new decimal(random.Next(), random.Next(), random.Next(4) == 0 ? random.Next() : 0, random.Next(2) == 0, (byte)random.Next(29));
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), CsvRow.FormatDecimal(value));
        }
    }

    [Fact]
    public void TimesMatchTheIsoFormatInUtc()
    {
        var random = new Random(7);
        var times = new List<DateTimeOffset>
        {
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new(2026, 11, 30, 23, 59, 59, 999, TimeSpan.Zero),
            new(2026, 1, 2, 3, 4, 5, 6, TimeSpan.FromHours(2)), new DateTimeOffset(2023, 9, 26, 8, 3, 3, 21, TimeSpan.Zero).AddTicks(9999),
        };
        for (var i = 0; i < 10_000; i++)
            times.Add(new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), TimeSpan.Zero));
        foreach (var t in times)
            Assert.Equal(t.UtcDateTime.ToString(CsvRow.TimeFormat, CultureInfo.InvariantCulture), CsvRow.FormatTime(t));
    }
}
