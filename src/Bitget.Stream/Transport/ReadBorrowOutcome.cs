namespace Bitget.Stream.Transport;

/// <summary>What became of a consumer's attempt to read a connection's socket itself (<see cref="ReadLender.Borrow"/>).</summary>
internal enum ReadBorrowOutcome
{
    /// <summary>Nothing is lent now; the wish was left, and the receive thread lends the read (and wakes the consumer) at its next pause.</summary>
    NotLent,

    /// <summary>Data came and was handled on the consumer's thread: look at the feed again.</summary>
    Delivered,

    /// <summary>Nothing came within the wait; the read stays lent.</summary>
    Idle,

    /// <summary>The socket reported its end or an error: the receive thread handles that, the consumer waits as usual.</summary>
    GaveBack,

    /// <summary>The connection is gone: stop borrowing from this lender.</summary>
    Closed,
}
