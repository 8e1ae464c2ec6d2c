using Bitget.Stream.Parsing;

namespace Bitget.Stream.Channels;

/// <summary>A channel handler whose family parses into <typeparamref name="TItem"/> lists with <typeparamref name="TFormat"/>.</summary>
internal abstract class ChannelHandler<TItem, TFormat>(IChannelServices services) : ChannelHandler
    where TItem : class
    where TFormat : struct, IPushFormat<TItem>
{
    /// <summary>The consumers this handler delivers to.</summary>
    protected IItemSink<TItem> Feeds { get; } = services.SinkOf<TItem>();

    /// <summary>The session, for notices and resyncs.</summary>
    protected IChannelServices Services { get; } = services;

    /// <summary>The session's counters of skipped pushes.</summary>
    protected ChannelCounters Counters => Services.Counters;

    public override bool Handles(string channel) => TFormat.Handles(channel);

    public override IPushReader CreateReader(SymbolTable symbols) => new PushListReader<TItem, TFormat>(symbols, new List<TItem>(4));

    public sealed override void Deliver(IPushReader reader, in PushContext push)
    {
        var items = ((PushListReader<TItem, TFormat>)reader).Items;
        try
        {
            if (items.Count > 0)
                Accept(items, in push);
        }
        finally
        {
            items.Clear();
        }
    }

    /// <summary>Applies the family's ordering rule to a push's items and posts those that pass to <see cref="Feeds"/>.</summary>
    protected abstract void Accept(List<TItem> items, in PushContext push);
}
