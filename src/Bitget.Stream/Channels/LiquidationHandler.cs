using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Channels;

/// <summary>
/// The v3 <c>liquidation</c> channel: every liquidation received is delivered, in the order it came. The stream has no
/// snapshot and no ids: nothing is re-sent after a reconnect, so there is nothing to de-duplicate.
/// </summary>
internal sealed class LiquidationHandler(IChannelServices services) : ChannelHandler<BitgetLiquidation, LiquidationPushFormat>(services)
{
    protected override void Accept(List<BitgetLiquidation> items, in PushContext push)
    {
        foreach (var item in items)
            Feeds.Post(push.Topic, item);
    }
}
