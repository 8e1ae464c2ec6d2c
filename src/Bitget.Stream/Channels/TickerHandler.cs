using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Channels;

/// <summary>
/// The <c>ticker</c> channel: tickers in exchange-time order per topic (<see cref="TimeOrder"/>); duplicates and late
/// pushes are skipped and counted apart, a restarted clock is followed (with a verbose notice), and skipping that
/// goes on is reported as a warning.
/// </summary>
internal sealed class TickerHandler(IChannelServices services) : ChannelHandler<BitgetTicker, TickerPushFormat>(services)
{
    protected override void Accept(List<BitgetTicker> items, in PushContext push)
    {
        long ts = 0;
        foreach (var ticker in items)
            ts = Math.Max(ts, ticker.Timestamp.ToUnixTimeMilliseconds());
        var order = push.Slot.HandlerState as TimeOrder;
        if (order is null)
            push.Slot.HandlerState = order = new TimeOrder();
        switch (order.Judge(ts, DataHash.Of(push.Data), Volatile.Read(ref push.Slot.Generation)))
        {
            case TimeOrderVerdict.Duplicate:
                Interlocked.Increment(ref Counters.Duplicates);
                ReportPersistentSkipping(order, push.Topic);
                return;
            case TimeOrderVerdict.OutOfOrder:
                Interlocked.Increment(ref Counters.OutOfOrder);
                ReportPersistentSkipping(order, push.Topic);
                return;
            case TimeOrderVerdict.Restarted:
                Interlocked.Increment(ref Counters.Restarts);
                Services.Notify(push.Topic, new BitgetNotice(BitgetNoticeKind.Verbose,
                    $"The exchange time of {push.Topic} stepped back by {order.LastStepBackMs / 1000.0:0.###} s (a restarted or corrected clock); delivering from the new time on.",
                    target: push.Topic.ToString()));
                break;
        }
        foreach (var ticker in items)
            Feeds.Post(push.Topic, ticker);
    }

    private void ReportPersistentSkipping(TimeOrder order, BitgetTopic topic)
    {
        if (order.SkippingPersists)
            Services.Notify(topic, new BitgetNotice(BitgetNoticeKind.Warning,
                $"The last {TimeOrder.PersistentSkips} pushes of {topic} were repeats or older than data already delivered, and were skipped; still watching.",
                target: topic.ToString()));
    }
}
