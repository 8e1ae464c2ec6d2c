using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Channels;

/// <summary>The channel families a session handles, one handler each: a new family is one more entry here.</summary>
internal static class ChannelFamilies
{
    /// <summary>A handler per family for one session.</summary>
    public static ChannelHandler[] Create(IChannelServices services) =>
    [
        new TickerHandler(services),
        new CandleHandler(services),
        new TradeHandler(services),
        new BooksHandler(services),
        new LiquidationHandler(services),
        // Private families: delivered only on a session that logs in (EnableLogin), every event kept.
        new PrivateEventHandler<BitgetOrder, OrderPushFormat>(services),
        new PrivateEventHandler<BitgetPosition, PositionPushFormat>(services),
        new PrivateEventHandler<BitgetAccount, AccountPushFormat>(services),
        new PrivateEventHandler<BitgetFill, FillPushFormat>(services),
    ];
}
