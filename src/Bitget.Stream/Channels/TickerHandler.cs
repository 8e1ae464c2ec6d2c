using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Session;

namespace Bitget.Stream.Channels;

/// <summary>
/// The <c>ticker</c> channel: tickers in exchange-time order per topic (<see cref="TimeOrder"/>); duplicates and late
/// pushes are skipped and counted apart, a restarted clock is followed (with a verbose notice), and skipping that
/// goes on is reported as a warning.
/// </summary>
internal sealed class TickerHandler(FeedHub hub, SessionCounters counters) : ChannelHandler<BitgetTicker, TickerPushFormat>(hub)
{
    protected override void Accept(List<BitgetTicker> items, in PushContext push)
    {
        long ts = 0;
        foreach (var ticker in items)
            ts = Math.Max(ts, ticker.Timestamp.ToUnixTimeMilliseconds());
        var order = push.Entry.HandlerState as TimeOrder;
        if (order is null)
            push.Entry.HandlerState = order = new TimeOrder();
        switch (order.Judge(ts, DataHash.Of(push.Data), Volatile.Read(ref push.Entry.Generation)))
        {
            case TimeOrderVerdict.Duplicate:
                Interlocked.Increment(ref counters.Duplicates);
                ReportPersistentSkipping(order, push.Topic);
                return;
            case TimeOrderVerdict.OutOfOrder:
                Interlocked.Increment(ref counters.OutOfOrder);
                ReportPersistentSkipping(order, push.Topic);
                return;
            case TimeOrderVerdict.Restarted:
                Interlocked.Increment(ref counters.Restarts);
                Hub.Notify([push.Topic], new BitgetNotice(BitgetNoticeKind.Verbose,
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
            Hub.Notify([topic], new BitgetNotice(BitgetNoticeKind.Warning,
                $"The last {TimeOrder.PersistentSkips} pushes of {topic} were repeats or older than data already delivered, and were skipped; still watching.",
                target: topic.ToString()));
    }
}
