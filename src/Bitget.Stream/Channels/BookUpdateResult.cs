namespace Bitget.Stream.Channels;

/// <summary>What <see cref="LocalOrderBook.Apply"/> made of one <c>books</c> push.</summary>
internal enum BookUpdateResult
{
    /// <summary>Applied; the book is in sync (its checksum matched, where the push carried one).</summary>
    Applied,

    /// <summary>An update whose <c>seq</c> is not past the book's: a repeat or a late push, skipped; the book is unchanged.</summary>
    Stale,

    /// <summary>An update while the book waits for a snapshot (never had one, or lost sync): skipped.</summary>
    AwaitingSnapshot,

    /// <summary>An update whose <c>pseq</c> is not the book's <c>seq</c>: pushes were missed. The book now waits for a snapshot.</summary>
    SequenceGap,

    /// <summary>The book after the push does not match the push's checksum. The book now waits for a snapshot.</summary>
    ChecksumMismatch,
}
