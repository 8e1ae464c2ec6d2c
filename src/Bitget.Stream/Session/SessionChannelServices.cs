using Bitget.Stream.Channels;
using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>A session's side of its channel handlers: its feeds, counters and notices, and its resync.</summary>
internal sealed class SessionChannelServices(FeedHub hub, SessionCounters counters, Action<BitgetTopic> resync) : IChannelServices
{
    public IItemSink<T> SinkOf<T>() where T : class => hub.FeedsOf<T>();

    public ChannelCounters Counters => counters;

    public void Notify(BitgetTopic topic, BitgetNotice notice) => hub.Notify([topic], notice);

    public void Resync(BitgetTopic topic) => resync(topic);
}
