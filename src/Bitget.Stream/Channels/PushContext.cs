using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.Stream.Channels;

/// <summary>One parsed push on its way to its channel handler: its topic, the topic's subscription and its data bytes.</summary>
internal readonly ref struct PushContext(BitgetTopic topic, SubscriptionEntry entry, ReadOnlySpan<byte> data, DateTimeOffset receivedAt)
{
    /// <summary>The topic, from the envelope's <c>arg</c>.</summary>
    public BitgetTopic Topic { get; } = topic;

    /// <summary>The topic's subscription (its generation and the handler's per-topic state).</summary>
    public SubscriptionEntry Entry { get; } = entry;

    /// <summary>The <c>data</c> array's UTF-8 bytes: what a duplicate is judged on (never the envelope, whose ts changes).</summary>
    public ReadOnlySpan<byte> Data { get; } = data;

    /// <summary>When the frame arrived.</summary>
    public DateTimeOffset ReceivedAt { get; } = receivedAt;
}
