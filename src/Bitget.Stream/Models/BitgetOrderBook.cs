namespace Bitget.Stream.Models;

/// <summary>
/// One push of Bitget's order book channels: <c>books1</c>, <c>books5</c> and <c>books15</c> send a full snapshot
/// of that many levels every time; <c>books</c> sends a full snapshot first and then incremental updates (merge by
/// price; size 0 deletes the level; check <see cref="PreviousSequence"/> against the last <see cref="Sequence"/>).
/// A session delivers whole books: for <c>books</c> a copy of its local book after each push. A book handed to a feed is
/// never changed afterwards (its setters are internal; the session builds a new book for every push).
/// Properties are declared as traders read a book (Symbol, InstType, Bids, Asks, BestBid, BestAsk, Spread, Mid,
/// Sequence, Timestamp, ReceivedAt, then the rest): Format-List and Select-Object * show them in this order.
/// </summary>
public sealed class BitgetOrderBook
{
    /// <summary>The instrument, e.g. <c>BTCUSDT</c> (the push's <c>arg.instId</c>).</summary>
    public string Symbol { get; internal set; } = "";

    /// <summary>The product type in its v2 spelling, e.g. <c>SPOT</c> or <c>USDT-FUTURES</c>.</summary>
    public string InstType { get; internal set; } = "";

    /// <summary>Bid levels as sent: descending by price. Empty when the push changed no bid.</summary>
    public BitgetBookLevel[] Bids { get; internal set; } = [];

    /// <summary>Ask levels as sent: ascending by price. Empty when the push changed no ask.</summary>
    public BitgetBookLevel[] Asks { get; internal set; } = [];

    /// <summary>The best (highest) bid price, or null when the book has no bids.</summary>
    public decimal? BestBid => Bids.Length > 0 ? Bids[0].Price : null;

    /// <summary>The best (lowest) ask price, or null when the book has no asks.</summary>
    public decimal? BestAsk => Asks.Length > 0 ? Asks[0].Price : null;

    /// <summary><see cref="BestAsk"/> minus <see cref="BestBid"/>, or null when a side is empty.</summary>
    public decimal? Spread => BestBid is { } bid && BestAsk is { } ask ? ask - bid : null;

    /// <summary>The mid price, (<see cref="BestBid"/> + <see cref="BestAsk"/>) / 2, or null when a side is empty.</summary>
    public decimal? Mid => BestBid is { } bid && BestAsk is { } ask ? (bid + ask) / 2 : null;

    /// <summary>The book's sequence number (<c>seq</c>); a 64-bit integer, never rounded through double.</summary>
    public long? Sequence { get; internal set; }

    /// <summary>The exchange's time of this book (<c>ts</c>, else the envelope's), UTC.</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>When this process received the frame, UTC.</summary>
    public DateTimeOffset ReceivedAt { get; internal set; }

    /// <summary>The channel: <c>books</c>, <c>books1</c>, <c>books5</c> or <c>books15</c>.</summary>
    public string Channel { get; internal set; } = "";

    /// <summary>The push's <c>action</c>: <c>snapshot</c> or <c>update</c> (only <c>books</c> sends updates).</summary>
    public string Action { get; internal set; } = "";

    /// <summary>True when this push replaces the whole book rather than amending it.</summary>
    public bool IsSnapshot => Action == "snapshot";

    /// <summary>The previous push's <see cref="Sequence"/> (<c>pseq</c>); 0 on a snapshot. A mismatch means a gap.</summary>
    public long? PreviousSequence { get; internal set; }

    /// <summary>
    /// The CRC-32 of the first 25 levels as a signed 32-bit value (<c>checksum</c>); null when the frame carries none
    /// (current v2 frames often do not; <c>books1/5/15</c> send 0).
    /// </summary>
    public int? Checksum { get; internal set; }

    /// <summary>
    /// This book with at most <paramref name="depth"/> levels a side: itself when it has no more, else a new book
    /// (this one is left as it is, since others may hold it).
    /// </summary>
    /// <param name="depth">Levels a side to keep; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is below 1.</exception>
    public BitgetOrderBook Top(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        if (Bids.Length <= depth && Asks.Length <= depth)
            return this;
        var copy = (BitgetOrderBook)MemberwiseClone();
        copy.Bids = Bids.Length <= depth ? Bids : Bids[..depth];
        copy.Asks = Asks.Length <= depth ? Asks : Asks[..depth];
        return copy;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var bid = Bids.Length > 0 ? Bids[0].Price.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
        var ask = Asks.Length > 0 ? Asks[0].Price.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
        return Protocol.ServerText.Escape($"{Symbol} {Channel} {Action} {bid}/{ask} ({Bids.Length}x{Asks.Length}) @ {Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}");
    }
}
