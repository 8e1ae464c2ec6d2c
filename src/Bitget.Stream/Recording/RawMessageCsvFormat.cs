using Bitget.Stream.Models;

namespace Bitget.Stream.Recording;

/// <summary>
/// <see cref="BitgetRawMessage"/> rows: its properties in contract order (the frame's JSON text in one quoted field), then
/// the epoch milliseconds of its times (<c>TimestampMs</c>, <c>ReceivedAtMs</c>).
/// </summary>
public sealed class RawMessageCsvFormat : CsvRowFormat<BitgetRawMessage>
{
    private static readonly string[] s_columns =
    [
        "Channel", "InstType", "InstId", "Action", "Json", "Timestamp", "ReceivedAt",
        "TimestampMs", "ReceivedAtMs",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => s_columns;

    /// <summary>The envelope's exchange time, else when the frame was received.</summary>
    public override DateTimeOffset RowTime(BitgetRawMessage item) => OwnTimeElse(item.ReceivedAt, item.Timestamp);

    /// <inheritdoc />
    public override void Write(CsvRow row, BitgetRawMessage m)
    {
        row.Text(m.Channel);
        row.Text(m.InstType);
        row.Text(m.InstId);
        row.Text(m.Action);
        row.Text(m.Json);
        row.Time(m.Timestamp);
        row.Time(m.ReceivedAt);
        row.EpochMilliseconds(m.Timestamp);
        row.EpochMilliseconds(m.ReceivedAt);
    }
}
