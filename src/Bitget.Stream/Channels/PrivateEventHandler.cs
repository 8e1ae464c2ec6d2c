using Bitget.Stream.Parsing;

namespace Bitget.Stream.Channels;

/// <summary>
/// A private channel family (orders, positions, account, fills): every event received is delivered, in the order it
/// came. Nothing is skipped by time or by repetition: an order update that repeats a state or carries an older time is
/// still an event the user must see. A consumer that falls behind loses items only through its bounded feed, which
/// counts them (the cmdlets warn with the count).
/// </summary>
internal sealed class PrivateEventHandler<TItem, TFormat>(IChannelServices services) : ChannelHandler<TItem, TFormat>(services)
    where TItem : class
    where TFormat : struct, IPushFormat<TItem>
{
    protected override void Accept(List<TItem> items, in PushContext push)
    {
        foreach (var item in items)
            Feeds.Post(push.Topic, item);
    }
}
