using System.Globalization;
using Bitget.Stream.Models;
using CsvHelper;
using CsvHelper.Configuration;

namespace Bitget.Stream.Recording;

/// <summary>
/// Writes tickers as CSV rows in the contract's column order, culture-proof: decimals in invariant culture
/// with their full scale, times as ISO 8601 UTC with milliseconds ("O"), empty cells for values not sent.
/// Unlike Export-Csv, the file reads back identically on any machine.
/// </summary>
public sealed class TickerCsvWriter : IDisposable
{
    /// <summary>The columns, in order (the properties of <see cref="BitgetTicker"/>).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "Symbol", "InstType", "LastPrice", "BidPrice", "AskPrice", "BidSize", "AskSize", "Spread", "Open24h", "High24h",
        "Low24h", "Change24h", "BaseVolume", "QuoteVolume", "FundingRate", "NextFundingTime", "MarkPrice", "IndexPrice",
        "HoldingAmount", "DeliveryPrice", "OpenUtc", "ChangeUtc24h", "Timestamp", "ReceivedAt",
    ];

    private readonly CsvWriter _csv;

    /// <summary>Writes to <paramref name="writer"/>, starting with a header row unless told otherwise (appending).</summary>
    public TickerCsvWriter(TextWriter writer, bool writeHeader = true, bool leaveOpen = false)
    {
        _csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen);
        if (writeHeader)
        {
            foreach (var column in Columns)
                _csv.WriteField(column);
            _csv.NextRecord();
        }
    }

    /// <summary>Rows written (without the header).</summary>
    public long Rows { get; private set; }

    /// <summary>Writes one row.</summary>
    public void Write(BitgetTicker t)
    {
        _csv.WriteField(t.Symbol);
        _csv.WriteField(t.InstType);
        Field(t.LastPrice);
        Field(t.BidPrice);
        Field(t.AskPrice);
        Field(t.BidSize);
        Field(t.AskSize);
        Field(t.Spread);
        Field(t.Open24h);
        Field(t.High24h);
        Field(t.Low24h);
        Field(t.Change24h);
        Field(t.BaseVolume);
        Field(t.QuoteVolume);
        Field(t.FundingRate);
        Field(t.NextFundingTime);
        Field(t.MarkPrice);
        Field(t.IndexPrice);
        Field(t.HoldingAmount);
        Field(t.DeliveryPrice);
        Field(t.OpenUtc);
        Field(t.ChangeUtc24h);
        Field(t.Timestamp);
        Field(t.ReceivedAt);
        _csv.NextRecord();
        Rows++;
    }

    private void Field(decimal? value) => _csv.WriteField(value?.ToString(CultureInfo.InvariantCulture) ?? "", shouldQuote: false);

    private void Field(DateTimeOffset? value) =>
        _csv.WriteField(value?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? "", shouldQuote: false);

    /// <summary>Pushes buffered rows to the underlying writer.</summary>
    public void Flush() => _csv.Flush();

    /// <inheritdoc />
    public void Dispose() => _csv.Dispose();
}
