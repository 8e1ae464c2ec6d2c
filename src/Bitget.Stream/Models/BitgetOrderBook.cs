namespace Bitget.Stream.Models;

/// <summary>
/// One push of Bitget's order book channels: <c>books1</c>, <c>books5</c> and <c>books15</c> send a full snapshot
/// of that many levels every time; <c>books</c> sends a full snapshot first and then incremental updates (merge by
/// price; size 0 deletes the level; check <see cref="PreviousSequence"/> against the last <see cref="Sequence"/>).
/// </summary>
public sealed class BitgetOrderBook
{
    /// <summary>The instrument, e.g. <c>BTCUSDT</c> (the push's <c>arg.instId</c>).</summary>
    public string Symbol { get; set; } = "";

    /// <summary>The product type in its v2 spelling, e.g. <c>SPOT</c> or <c>USDT-FUTURES</c>.</summary>
    public string InstType { get; set; } = "";

    /// <summary>The channel: <c>books</c>, <c>books1</c>, <c>books5</c> or <c>books15</c>.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The push's <c>action</c>: <c>snapshot</c> or <c>update</c> (only <c>books</c> sends updates).</summary>
    public string Action { get; set; } = "";

    /// <summary>True when this push replaces the whole book rather than amending it.</summary>
    public bool IsSnapshot => Action == "snapshot";

    /// <summary>Ask levels as sent: ascending by price. Empty when the push changed no ask.</summary>
    public BitgetBookLevel[] Asks { get; set; } = [];

    /// <summary>Bid levels as sent: descending by price. Empty when the push changed no bid.</summary>
    public BitgetBookLevel[] Bids { get; set; } = [];

    /// <summary>
    /// The CRC-32 of the first 25 levels as a signed 32-bit value (<c>checksum</c>); null when the frame carries none
    /// (current v2 frames often do not; <c>books1/5/15</c> send 0).
    /// </summary>
    public int? Checksum { get; set; }

    /// <summary>The book's sequence number (<c>seq</c>); a 64-bit integer, never rounded through double.</summary>
    public long? Sequence { get; set; }

    /// <summary>The previous push's <see cref="Sequence"/> (<c>pseq</c>); 0 on a snapshot. A mismatch means a gap.</summary>
    public long? PreviousSequence { get; set; }

    /// <summary>The exchange's time of this book (<c>ts</c>, else the envelope's), UTC.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>When this process received the frame, UTC.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <inheritdoc />
    public override string ToString()
    {
        var bid = Bids.Length > 0 ? Bids[0].Price.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
        var ask = Asks.Length > 0 ? Asks[0].Price.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
        return $"{Symbol} {Channel} {Action} {bid}/{ask} ({Bids.Length}x{Asks.Length}) @ {Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
