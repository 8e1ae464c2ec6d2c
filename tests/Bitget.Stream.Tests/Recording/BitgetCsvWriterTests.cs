using System.Globalization;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Recording;
using CsvHelper;

namespace Bitget.Stream.Tests.Recording;

public class BitgetCsvWriterTests
{
    internal static List<BitgetTicker> FixtureTickers()
    {
        var tickers = new List<BitgetTicker>();
        var parser = new BitgetFrameParser();
        var receivedAt = new DateTimeOffset(2026, 11, 24, 10, 0, 0, 123, TimeSpan.Zero);
        parser.Parse(Fixtures.Bytes("futures-ticker-snapshot.json"), receivedAt, tickers);
        parser.Parse(Fixtures.Bytes("spot-ticker.json"), receivedAt, tickers);
        return tickers;
    }

    [Fact]
    public void RowsReadBackExactlyWhateverTheCurrentCulture()
    {
        var tickers = FixtureTickers();
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        string text;
        try
        {
            using var writer = new StringWriter();
            using (var csv = new BitgetCsvWriter(writer, new TickerCsvFormat(), leaveOpen: true))
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
        var format = new TickerCsvFormat();
        Assert.Equal(string.Join(",", format.Columns), lines[0]);
        // The contract's properties in their order, then the epoch-millisecond companions of the times.
        Assert.Equal(typeof(BitgetTicker).GetProperties().Select(p => p.Name).Concat(["NextFundingTimeMs", "TimestampMs", "ReceivedAtMs", "DeliveryTimeMs", "DeliveryStartTimeMs"]), format.Columns);

        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        reader.Read();
        Assert.Equal("BTCUSDT", reader.GetField("Symbol"));
        Assert.Equal("26999.0", reader.GetField("Low24h"));
        Assert.Equal("0.000010", reader.GetField("FundingRate"));
        Assert.Equal("0.5", reader.GetField("Spread"));
        Assert.Equal("2023-09-26T08:03:03.021Z", reader.GetField("Timestamp"));
        Assert.Equal("1695715383021", reader.GetField("TimestampMs"));
        Assert.Equal("2026-11-24T10:00:00.123Z", reader.GetField("ReceivedAt"));
        Assert.Equal(tickers[0].ReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), reader.GetField("ReceivedAtMs"));
        Assert.Equal(tickers[0].Timestamp, DateTimeOffset.Parse(reader.GetField("Timestamp")!, CultureInfo.GetCultureInfo("de-DE")));
        reader.Read();
        Assert.Equal("2200.10", reader.GetField("LastPrice"));
        Assert.Equal("", reader.GetField("FundingRate"));
        Assert.Equal("", reader.GetField("NextFundingTime"));
        Assert.Equal("", reader.GetField("NextFundingTimeMs"));
    }

    [Fact]
    public void EveryFormatListsAsManyFieldsAsColumns()
    {
        foreach (var format in CsvRowFormats.All)
            Assert.Same(format, CsvRowFormats.Find(format.ItemType));
        var ticker = FixtureTickers()[0];
        using var writer = new StringWriter();
        using (var csv = new BitgetCsvWriter(writer, CsvRowFormats.Find(typeof(BitgetTicker))!, leaveOpen: true))
            csv.Write(ticker);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines[0].Split(',').Length, lines[1].Split(',').Length);
        Assert.Null(CsvRowFormats.Find(typeof(string)));
    }
}
