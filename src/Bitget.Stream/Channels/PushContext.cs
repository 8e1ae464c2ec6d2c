using Bitget.Stream.Models;

namespace Bitget.Stream.Channels;

/// <summary>One parsed push on its way to its channel handler: its topic, the topic's slot and its data bytes.</summary>
internal readonly ref struct PushContext(BitgetTopic topic, TopicSlot slot, ReadOnlySpan<byte> data, DateTimeOffset receivedAt)
{
    /// <summary>The topic, from the envelope's <c>arg</c>.</summary>
    public BitgetTopic Topic { get; } = topic;

    /// <summary>The topic's slot: its subscription generation and the handler's per-topic state.</summary>
    public TopicSlot Slot { get; } = slot;

    /// <summary>The <c>data</c> array's UTF-8 bytes: what a duplicate is judged on (never the envelope, whose ts changes).</summary>
    public ReadOnlySpan<byte> Data { get; } = data;

    /// <summary>When the frame arrived.</summary>
    public DateTimeOffset ReceivedAt { get; } = receivedAt;
}
