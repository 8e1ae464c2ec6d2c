namespace Bitget.Stream.Session;

/// <summary>A session's counters, shared by its parts; all atomic.</summary>
internal sealed class SessionCounters
{
    public long MessagesReceived;
    public long BadFrames;
    public long Dropped;
    public long Duplicates;
    public long OutOfOrder;
    public long Restarts;
    public long Unowned;
    public long SequenceGaps;
    public long ChecksumMismatches;
    public long BookUpdatesDiscarded;
    public int Reconnects;
    public long LastMessageTicks;

    public static DateTimeOffset? TicksToTime(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
