using System.Globalization;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Recording;
using CsvHelper;

namespace Bitget.Stream.Tests.Recording;

public class TickerCsvWriterTests
{
    [Fact]
    public void RowsReadBackExactlyWhateverTheCurrentCulture()
    {
        var tickers = new List<BitgetTicker>();
        var parser = new BitgetFrameParser();
        var receivedAt = new DateTimeOffset(2026, 11, 24, 10, 0, 0, 123, TimeSpan.Zero);
        parser.Parse(Fixtures.Bytes("futures-ticker-snapshot.json"), receivedAt, tickers);
        parser.Parse(Fixtures.Bytes("spot-ticker.json"), receivedAt, tickers);

        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        string text;
        try
        {
            using var writer = new StringWriter();
            using (var csv = new TickerCsvWriter(writer, leaveOpen: true))
            {
                foreach (var t in tickers)
                    csv.Write(t);
                Assert.Equal(2, csv.Rows);
            }
            text = writer.ToString();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", TickerCsvWriter.Columns), lines[0]);
        Assert.Equal(typeof(BitgetTicker).GetProperties().Select(p => p.Name), TickerCsvWriter.Columns);

        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        reader.Read();
        Assert.Equal("BTCUSDT", reader.GetField("Symbol"));
        Assert.Equal("26999.0", reader.GetField("Low24h"));
        Assert.Equal("0.000010", reader.GetField("FundingRate"));
        Assert.Equal("0.5", reader.GetField("Spread"));
        Assert.Equal("2023-09-26T08:03:03.0210000+00:00", reader.GetField("Timestamp"));
        Assert.Equal("2026-11-24T10:00:00.1230000+00:00", reader.GetField("ReceivedAt"));
        reader.Read();
        Assert.Equal("2200.10", reader.GetField("LastPrice"));
        Assert.Equal("", reader.GetField("FundingRate"));
        Assert.Equal("", reader.GetField("NextFundingTime"));
    }
}
