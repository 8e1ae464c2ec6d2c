using System.Text;
using Bitget.Stream.Channels;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Channels;

/// <summary>One channel handler with a feed of everything it delivers and one topic slot, driven by frame texts.</summary>
internal sealed class HandlerHarness<T> where T : class
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly BitgetFrameParser _parser = new();
    private readonly ChannelHandler _handler;
    private readonly IPushReader _reader;
    private TopicSlot? _slot;

    public HandlerHarness(Func<IChannelServices, ChannelHandler> create)
    {
        Hub = new FeedHub(Counters);
        _handler = create(new SessionChannelServices(Hub, Counters, _ => { }));
        _reader = _handler.CreateReader(_parser.Symbols);
        Feed = Hub.Open<T>(100_000, null, _ => { });
    }

    public SessionCounters Counters { get; } = new();

    public FeedHub Hub { get; }

    public BitgetFeed<T> Feed { get; }

    /// <summary>A new subscribe of the topic (a reconnect): the entry's generation moves on, its handler state stays.</summary>
    public void Resubscribe() => Interlocked.Increment(ref _slot!.Generation);

    public void Push(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var frame = _parser.Parse(bytes, ReceivedAt, (IPushReaderSource)_reader);
        Assert.Equal(BitgetFrameKind.Push, frame.Kind);
        var topic = new BitgetTopic(frame.InstType!, frame.Channel!, frame.InstId!);
        _slot ??= new TopicSlot();
        _handler.Deliver(_reader, new PushContext(topic, _slot, bytes.AsSpan(frame.DataStart, frame.DataLength), ReceivedAt));
    }

    public List<T> Take()
    {
        var items = new List<T>();
        while (Feed.TryTakeItem(out var item))
            items.Add(item!);
        return items;
    }
}
