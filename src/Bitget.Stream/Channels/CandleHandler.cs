using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Channels;

/// <summary>
/// The <c>candle&lt;interval&gt;</c> channels. Per topic, the same start time replaces: each push's rows are taken
/// oldest first; a row of the live candle's period is delivered as an update (an unchanged one is a duplicate), an older
/// period is late and skipped. When a newer period starts, the previous candle is delivered once more, closed
/// (<see cref="BitgetCandle.IsClosed"/>), so a closed-only consumer sees each candle exactly once. The past rows of the
/// first snapshot are delivered closed and marked <see cref="BitgetCandle.IsHistory"/>; the snapshot after a reconnect
/// adds only the candles that closed meanwhile (what was delivered closed before is skipped as a duplicate), so no
/// candle is delivered closed twice and none that the snapshot covers is missed.
/// </summary>
internal sealed class CandleHandler(IChannelServices services) : ChannelHandler<BitgetCandle, CandlePushFormat>(services)
{
    protected override void Accept(List<BitgetCandle> items, in PushContext push)
    {
        var state = push.Slot.HandlerState as CandleState;
        if (state is null)
            push.Slot.HandlerState = state = new CandleState();
        OrderByOpenTime(items);
        var newest = items[^1].OpenTime;
        var history = !state.Started;
        state.Started = true;
        var generation = Volatile.Read(ref push.Slot.Generation);
        var resubscribed = state.Generation != generation;
        state.Generation = generation;
        foreach (var candle in items)
        {
            var openMs = candle.OpenTime.ToUnixTimeMilliseconds();
            if (openMs <= state.LastClosedMs)
            {
                // Delivered closed already: the snapshot of a new subscription overlaps what came before (a repeat);
                // within a subscription it is a late row of a finished period.
                Interlocked.Increment(ref resubscribed ? ref Counters.Duplicates : ref Counters.OutOfOrder);
                continue;
            }
            var current = state.Current;
            if (current is not null && candle.OpenTime < current.OpenTime)
            {
                Interlocked.Increment(ref Counters.OutOfOrder);
                continue;
            }
            if (current is not null && current.OpenTime < candle.OpenTime)
            {
                // The next period started: the previous candle closes with its last values.
                state.LastClosedMs = current.OpenTime.ToUnixTimeMilliseconds();
                Feeds.Post(push.Topic, current.ClosedCopy());
                state.Current = current = null;
            }
            if (candle.OpenTime < newest)
            {
                // A newer row follows in this push: this period is over; the row holds its final values.
                candle.IsClosed = true;
                candle.IsHistory = history;
                state.LastClosedMs = openMs;
                state.Current = null;
                Feeds.Post(push.Topic, candle);
                continue;
            }
            if (current is not null && candle.SameValues(current))
            {
                Interlocked.Increment(ref Counters.Duplicates);
                continue;
            }
            state.Current = candle;
            Feeds.Post(push.Topic, candle);
        }
    }

    // Snapshots may come newest first; the rule needs oldest first. Equal times keep their order (the later row wins).
    private static void OrderByOpenTime(List<BitgetCandle> items)
    {
        var ascending = true;
        var descending = true;
        for (var i = 1; i < items.Count; i++)
        {
            var c = items[i - 1].OpenTime.CompareTo(items[i].OpenTime);
            ascending &= c <= 0;
            descending &= c > 0;
        }
        if (ascending)
            return;
        if (descending)
        {
            items.Reverse();
            return;
        }
        var sorted = items.OrderBy(c => c.OpenTime).ToList();
        items.Clear();
        items.AddRange(sorted);
    }
}
