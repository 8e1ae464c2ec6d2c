namespace Bitget.Stream.Channels;

/// <summary>What the channel handlers count: pushes skipped by their ordering rules and order book repairs; all atomic.</summary>
internal class ChannelCounters
{
    public long Duplicates;
    public long OutOfOrder;
    public long Restarts;
    public long SequenceGaps;
    public long ChecksumMismatches;
    public long BookUpdatesDiscarded;
}
