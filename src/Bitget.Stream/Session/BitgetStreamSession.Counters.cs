using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

// The session's counters and connection figures, read by Get-BitgetStream; the session itself is in BitgetStreamSession.cs.
public sealed partial class BitgetStreamSession
{
    /// <summary>Frames received (all kinds), over all connections.</summary>
    public long MessagesReceived => Interlocked.Read(ref _counters.MessagesReceived);

    /// <summary>Frames that could not be used: invalid JSON, binary, malformed or missing fields, unknown channels.</summary>
    public long BadFrames => Interlocked.Read(ref _counters.BadFrames);

    /// <summary>
    /// Malformed values of known fields (a price that is no number, a time out of range) that were left empty in items
    /// that were kept rather than dropped with their frame: one per field of each item. Each field is reported once per channel.
    /// </summary>
    public long BadFields => Interlocked.Read(ref _counters.BadFields);

    /// <summary>Items dropped over all consumers because a consumer fell behind.</summary>
    public long DroppedMessages => Interlocked.Read(ref _counters.Dropped);

    /// <summary>Pushes skipped because they repeated the data of the last push of their topic (judged on the data, not the envelope).</summary>
    public long DuplicateMessages => Interlocked.Read(ref _counters.Duplicates);

    /// <summary>Pushes skipped because they were older than data already delivered for their topic.</summary>
    public long OutOfOrderMessages => Interlocked.Read(ref _counters.OutOfOrder);

    /// <summary>Times a topic's exchange time stepped far back and was followed as a restarted clock.</summary>
    public long TimestampRestarts => Interlocked.Read(ref _counters.Restarts);

    /// <summary>Pushes for topics nobody holds: dropped, and the server asked to stop sending them.</summary>
    public long UnownedMessages => Interlocked.Read(ref _counters.Unowned);

    /// <summary>Order book updates whose <c>pseq</c> was not the book's last <c>seq</c>: each discarded the book and asked for a fresh snapshot.</summary>
    public long OrderBookSequenceGaps => Interlocked.Read(ref _counters.SequenceGaps);

    /// <summary>Order book pushes after which the local book did not match the exchange's checksum: each discarded the book and asked for a fresh snapshot.</summary>
    public long OrderBookChecksumMismatches => Interlocked.Read(ref _counters.ChecksumMismatches);

    /// <summary>Order book updates not applied because the book was waiting for a snapshot (after a gap, a mismatch or a new subscription).</summary>
    public long OrderBookUpdatesDiscarded => Interlocked.Read(ref _counters.BookUpdatesDiscarded);

    /// <summary>Connections opened to replace one (over all of the session's connections).</summary>
    public int ReconnectCount => Volatile.Read(ref _counters.Reconnects);

    /// <summary>When the last frame arrived.</summary>
    public DateTimeOffset? LastMessageAt => SessionCounters.TicksToTime(Interlocked.Read(ref _counters.LastMessageTicks));

    /// <summary>Since when every connection of the session has been open; null while any is down.</summary>
    public DateTimeOffset? ConnectedSince => _pool.ConnectedSince;

    /// <summary>Connections the session holds open or is opening (one per <see cref="BitgetSessionOptions.MaxTopicsPerConnection"/> topics).</summary>
    public int ConnectionCount => _pool.ActiveCount;

    /// <summary>Topics acknowledged by the server but silent even after a resubscribe.</summary>
    public int StaleSubscriptionCount => _registry.StaleCount;
}
