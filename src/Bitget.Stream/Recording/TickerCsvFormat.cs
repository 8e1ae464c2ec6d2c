using Bitget.Stream.Models;

namespace Bitget.Stream.Recording;

/// <summary>
/// <see cref="BitgetTicker"/> rows: its properties in contract order, then the epoch milliseconds of its times
/// (<c>NextFundingTimeMs</c>, <c>TimestampMs</c>, <c>ReceivedAtMs</c>).
/// </summary>
public sealed class TickerCsvFormat : CsvRowFormat<BitgetTicker>
{
    private static readonly string[] s_columns =
    [
        "Symbol", "InstType", "LastPrice", "BidPrice", "AskPrice", "BidSize", "AskSize", "Spread", "Open24h", "High24h",
        "Low24h", "Change24h", "BaseVolume", "QuoteVolume", "FundingRate", "NextFundingTime", "MarkPrice", "IndexPrice",
        "HoldingAmount", "DeliveryPrice", "OpenUtc", "ChangeUtc24h", "Timestamp", "ReceivedAt", "DeliveryTime", "DeliveryStartTime", "DeliveryStatus",
        "NextFundingTimeMs", "TimestampMs", "ReceivedAtMs", "DeliveryTimeMs", "DeliveryStartTimeMs",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => s_columns;

    /// <summary>The ticker's <see cref="BitgetTicker.Timestamp"/>, else when it was received.</summary>
    public override DateTimeOffset RowTime(BitgetTicker item) => OwnTimeElse(item.ReceivedAt, item.Timestamp);

    /// <inheritdoc />
    public override void Write(CsvRow row, BitgetTicker t)
    {
        row.Text(t.Symbol);
        row.Text(t.InstType);
        row.Decimal(t.LastPrice);
        row.Decimal(t.BidPrice);
        row.Decimal(t.AskPrice);
        row.Decimal(t.BidSize);
        row.Decimal(t.AskSize);
        row.Decimal(t.Spread);
        row.Decimal(t.Open24h);
        row.Decimal(t.High24h);
        row.Decimal(t.Low24h);
        row.Decimal(t.Change24h);
        row.Decimal(t.BaseVolume);
        row.Decimal(t.QuoteVolume);
        row.Decimal(t.FundingRate);
        row.Time(t.NextFundingTime);
        row.Decimal(t.MarkPrice);
        row.Decimal(t.IndexPrice);
        row.Decimal(t.HoldingAmount);
        row.Decimal(t.DeliveryPrice);
        row.Decimal(t.OpenUtc);
        row.Decimal(t.ChangeUtc24h);
        row.Time(t.Timestamp);
        row.Time(t.ReceivedAt);
        row.Time(t.DeliveryTime);
        row.Time(t.DeliveryStartTime);
        row.Text(t.DeliveryStatus);
        row.EpochMilliseconds(t.NextFundingTime);
        row.EpochMilliseconds(t.Timestamp);
        row.EpochMilliseconds(t.ReceivedAt);
        row.EpochMilliseconds(t.DeliveryTime);
        row.EpochMilliseconds(t.DeliveryStartTime);
    }
}
