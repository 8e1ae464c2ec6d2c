using Bitget.Stream.Channels;

namespace Bitget.Stream.Session;

/// <summary>A session's counters, shared by its parts (the channel handlers' among them); all atomic.</summary>
internal sealed class SessionCounters : ChannelCounters
{
    public long MessagesReceived;
    public long BadFrames;
    public long BadFields;
    public long Dropped;
    public long Unowned;
    public int Reconnects;
    public long LastMessageTicks;

    public static DateTimeOffset? TicksToTime(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
