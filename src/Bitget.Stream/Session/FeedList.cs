using Bitget.Stream.Channels;
using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>
/// The open feeds of one item type. Read lock-free on the receive threads (an array swapped on change), changed
/// under the hub's lock.
/// </summary>
internal sealed class FeedList<T> : IItemSink<T> where T : class
{
    private BitgetFeed<T>[] _feeds = [];

    public BitgetFeed<T>[] Current => Volatile.Read(ref _feeds);

    public void Add(BitgetFeed<T> feed) => Volatile.Write(ref _feeds, [.. _feeds, feed]);

    public void Remove(BitgetFeed<T> feed) => Volatile.Write(ref _feeds, _feeds.Where(f => !ReferenceEquals(f, feed)).ToArray());

    /// <summary>Whether some feed takes items of the topic (lets a caller skip building an item nobody wants).</summary>
    public bool Takes(BitgetTopic topic)
    {
        foreach (var feed in Current)
        {
            if (feed.Topics is null || feed.Topics.Contains(topic))
                return true;
        }
        return false;
    }

    /// <summary>Offers an item of <paramref name="topic"/> to every feed that takes the topic.</summary>
    public void Post(BitgetTopic topic, T item)
    {
        foreach (var feed in Current)
        {
            if (feed.Topics is null || feed.Topics.Contains(topic))
                feed.Post(item);
        }
    }
}
