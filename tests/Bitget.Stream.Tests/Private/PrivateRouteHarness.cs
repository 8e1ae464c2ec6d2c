using Bitget.Stream.Channels;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Private;

/// <summary>
/// The route a session gives a received frame, without a socket: one connection's <see cref="ConnectionRoutes"/> (its
/// parser in the session's dialect and every channel family's reader), then the handler of the frame's channel, which
/// posts to feeds of every private item type.
/// </summary>
internal sealed class PrivateRouteHarness
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly ConnectionRoutes _routes;
    private readonly Dictionary<BitgetTopic, TopicSlot> _slots = [];

    public PrivateRouteHarness(WireDialect dialect)
    {
        var hub = new FeedHub(Counters);
        _routes = new ConnectionRoutes(ChannelFamilies.Create(new SessionChannelServices(hub, Counters, _ => { })), new SymbolTable(), dialect);
        Orders = hub.Open<BitgetOrder>(10_000, null, _ => { });
        Positions = hub.Open<BitgetPosition>(10_000, null, _ => { });
        Accounts = hub.Open<BitgetAccount>(10_000, null, _ => { });
        Fills = hub.Open<BitgetFill>(10_000, null, _ => { });
    }

    public SessionCounters Counters { get; } = new();
    public BitgetFeed<BitgetOrder> Orders { get; }
    public BitgetFeed<BitgetPosition> Positions { get; }
    public BitgetFeed<BitgetAccount> Accounts { get; }
    public BitgetFeed<BitgetFill> Fills { get; }

    /// <summary>Parses a frame as the session does and, when it is a push a family handles, delivers it.</summary>
    public BitgetFrame Push(byte[] bytes)
    {
        var frame = _routes.Parser.Parse(bytes, ReceivedAt, _routes);
        if (frame.Kind != BitgetFrameKind.Push)
            return frame;
        var (handler, reader) = _routes.Route(frame.Channel!);
        if (handler is null || reader is null)
            return frame;
        var topic = new BitgetTopic(frame.InstType ?? "", frame.Channel!, frame.InstId ?? "");
        if (!_slots.TryGetValue(topic, out var slot))
            _slots[topic] = slot = new TopicSlot();
        handler.Deliver(reader, new PushContext(topic, slot, bytes.AsSpan(frame.DataStart, frame.DataLength), ReceivedAt));
        return frame;
    }

    /// <summary>Whether a family of the session handles the channel (false: only a raw feed can take it).</summary>
    public bool Handles(string channel) => _routes.Route(channel).Handler is not null;

    public static List<T> Take<T>(BitgetFeed<T> feed) where T : class
    {
        var items = new List<T>();
        while (feed.TryTakeItem(out var item))
            items.Add(item!);
        return items;
    }
}
