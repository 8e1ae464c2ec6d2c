using Bitget.Stream.Models;

namespace Bitget.Stream.Recording;

/// <summary>
/// <see cref="BitgetOrderBook"/> rows: the top of the book first (best bid and ask with their sizes, spread, mid), then
/// checksum, sequence numbers and times, then the whole depth in two columns, <c>Bids</c> and <c>Asks</c> (best first,
/// <c>price:size</c> pairs joined by <c>;</c>, see <see cref="CsvRow.Levels"/>), and the epoch milliseconds of the times.
/// </summary>
public sealed class OrderBookCsvFormat : CsvRowFormat<BitgetOrderBook>
{
    private static readonly string[] s_columns =
    [
        "Symbol", "InstType", "Channel", "Action", "IsSnapshot", "BestBid", "BestBidSize", "BestAsk", "BestAskSize", "Spread", "Mid",
        "Checksum", "Sequence", "PreviousSequence", "Timestamp", "ReceivedAt", "Bids", "Asks",
        "TimestampMs", "ReceivedAtMs",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => s_columns;

    /// <summary>The exchange's time of the book, else when it was received.</summary>
    public override DateTimeOffset RowTime(BitgetOrderBook item) => OwnTimeElse(item.ReceivedAt, item.Timestamp);

    /// <inheritdoc />
    public override void Write(CsvRow row, BitgetOrderBook b)
    {
        row.Text(b.Symbol);
        row.Text(b.InstType);
        row.Text(b.Channel);
        row.Text(b.Action);
        row.Boolean(b.IsSnapshot);
        row.Decimal(b.BestBid);
        row.Decimal(b.Bids.Length > 0 ? b.Bids[0].Size : null);
        row.Decimal(b.BestAsk);
        row.Decimal(b.Asks.Length > 0 ? b.Asks[0].Size : null);
        row.Decimal(b.Spread);
        row.Decimal(b.Mid);
        row.Integer(b.Checksum);
        row.Integer(b.Sequence);
        row.Integer(b.PreviousSequence);
        row.Time(b.Timestamp);
        row.Time(b.ReceivedAt);
        row.Levels(b.Bids);
        row.Levels(b.Asks);
        row.EpochMilliseconds(b.Timestamp);
        row.EpochMilliseconds(b.ReceivedAt);
    }
}
