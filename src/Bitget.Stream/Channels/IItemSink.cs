using Bitget.Stream.Models;

namespace Bitget.Stream.Channels;

/// <summary>
/// Where a channel handler puts the items that pass its ordering rule: the consumers of one item type. Called on the
/// receive thread of the topic's connection; never blocks.
/// </summary>
internal interface IItemSink<in T> where T : class
{
    /// <summary>Whether some consumer takes items of the topic (lets a handler skip building an item nobody wants).</summary>
    bool Takes(BitgetTopic topic);

    /// <summary>Offers an item of <paramref name="topic"/> to every consumer that takes the topic.</summary>
    void Post(BitgetTopic topic, T item);
}
