using Bitget.Stream.Models;

namespace Bitget.Stream.Channels;

/// <summary>
/// What the channel handlers need from their session: the consumers of each item type, counters, notices, and a
/// fresh snapshot of a topic. The session implements it; the handlers know nothing else of it.
/// </summary>
internal interface IChannelServices
{
    /// <summary>The consumers of <typeparamref name="T"/>; a handler takes its sink once, at start (the session then knows it delivers the type).</summary>
    IItemSink<T> SinkOf<T>() where T : class;

    /// <summary>The session's counters of skipped pushes and book repairs.</summary>
    ChannelCounters Counters { get; }

    /// <summary>Tells the consumers that take the topic.</summary>
    void Notify(BitgetTopic topic, BitgetNotice notice);

    /// <summary>Asks the server for a fresh snapshot of the topic (unsubscribe, then subscribe).</summary>
    void Resync(BitgetTopic topic);
}
