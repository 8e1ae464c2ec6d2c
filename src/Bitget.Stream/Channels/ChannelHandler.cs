using Bitget.Stream.Parsing;

namespace Bitget.Stream.Channels;

/// <summary>
/// The part of a session that knows one channel family (tickers, candles, trades, books, private events): it reads the
/// family's data into its model, applies the family's ordering rule per topic (reset whenever the topic is
/// subscribed again) and hands what passes to the feeds of its item type. Adding a channel means adding a handler and
/// listing it in <see cref="ChannelFamilies"/>; the session does not change.
/// </summary>
internal abstract class ChannelHandler
{
    /// <summary>Whether the family carries this channel name.</summary>
    public abstract bool Handles(string channel);

    /// <summary>A reader for one connection (its parse buffers are used only on that connection's receive thread).</summary>
    public abstract IPushReader CreateReader(SymbolTable symbols);

    /// <summary>Hands a valid push over: ordering rule, then the feeds. On the receive thread of the topic's connection.</summary>
    public abstract void Deliver(IPushReader reader, in PushContext push);
}
