using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Channels;

/// <summary>
/// The <c>trade</c> channel: trades de-duplicated by trade id per topic (the snapshot of recent trades Bitget sends after
/// every subscribe overlaps what was delivered before a reconnect), delivered oldest first. Repeats are skipped and
/// counted as duplicates; the window of remembered ids is bounded (<see cref="WindowSize"/> per topic).
/// </summary>
internal sealed class TradeHandler(IChannelServices services) : ChannelHandler<BitgetTrade, TradePushFormat>(services)
{
    /// <summary>Trade ids remembered per topic: far more than a snapshot of recent trades (Bitget sends tens).</summary>
    public const int WindowSize = 4096;

    protected override void Accept(List<BitgetTrade> items, in PushContext push)
    {
        var window = push.Slot.HandlerState as TradeIdWindow;
        if (window is null)
            push.Slot.HandlerState = window = new TradeIdWindow(WindowSize);
        // Bitget sends a push's trades newest first.
        var newestFirst = items.Count > 1 && IsNewer(items[0], items[^1]);
        for (var n = 0; n < items.Count; n++)
        {
            var trade = items[newestFirst ? items.Count - 1 - n : n];
            if (window.Add(trade.TradeId))
                Feeds.Post(push.Topic, trade);
            else
                Interlocked.Increment(ref Counters.Duplicates);
        }
    }

    // By time; trades of the same millisecond by id, which Bitget sends as increasing integers.
    private static bool IsNewer(BitgetTrade a, BitgetTrade b)
    {
        if (a.Timestamp != b.Timestamp)
            return a.Timestamp > b.Timestamp;
        var (x, y) = (a.TradeId, b.TradeId);
        return x.Length != y.Length ? x.Length > y.Length : string.CompareOrdinal(x, y) > 0;
    }
}
