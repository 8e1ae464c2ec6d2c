using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>
/// A session's consumers: bounded feeds of any item type (one <see cref="FeedList{T}"/> per type a channel handler
/// delivers), and notices, which are not tied to an item type: a notice about a topic reaches every feed that takes
/// the topic, a session-wide one every feed. Once the session ends, every feed is completed and new ones open
/// completed.
/// </summary>
internal sealed class FeedHub(SessionCounters counters)
{
    private readonly object _gate = new();
    private readonly Dictionary<Type, object> _lists = [];
    private IFeedEndpoint[] _all = [];
    private BitgetNotice? _end;

    /// <summary>The feeds of one item type; a channel handler takes its list once, at start.</summary>
    public FeedList<T> FeedsOf<T>() where T : class
    {
        lock (_gate)
        {
            if (!_lists.TryGetValue(typeof(T), out var list))
                _lists[typeof(T)] = list = new FeedList<T>();
            return (FeedList<T>)list;
        }
    }

    /// <summary>Whether some channel handler delivers <typeparamref name="T"/>.</summary>
    public bool Delivers<T>() where T : class
    {
        lock (_gate)
            return _lists.ContainsKey(typeof(T));
    }

    /// <summary>Opens a feed; after the session's end it is returned already completed.</summary>
    public BitgetFeed<T> Open<T>(int capacity, IReadOnlySet<BitgetTopic>? topics, Action<BitgetFeed<T>> detach) where T : class
    {
        var feed = new BitgetFeed<T>(capacity, topics, detach, () => Interlocked.Increment(ref counters.Dropped));
        lock (_gate)
        {
            if (_end is not null)
            {
                ((IFeedEndpoint)feed).Complete(_end);
                return feed;
            }
            FeedsOf<T>().Add(feed);
            _all = [.. _all, feed];
        }
        return feed;
    }

    /// <summary>Forgets a feed (it was disposed).</summary>
    public void Remove<T>(BitgetFeed<T> feed) where T : class
    {
        lock (_gate)
        {
            FeedsOf<T>().Remove(feed);
            _all = _all.Where(f => !ReferenceEquals(f, feed)).ToArray();
        }
    }

    /// <summary>To the feeds that take any of these topics.</summary>
    public void Notify(IReadOnlyCollection<BitgetTopic> topics, BitgetNotice notice)
    {
        foreach (var feed in Volatile.Read(ref _all))
        {
            if (feed.Topics is null || topics.Any(feed.Topics.Contains))
                feed.PostNotice(notice);
        }
    }

    /// <summary>Whether some feed is at least half full: a replay then waits for its consumers instead of making them drop.</summary>
    public bool AnyFeedHalfFull()
    {
        foreach (var feed in Volatile.Read(ref _all))
        {
            if (feed.Count * 2L >= feed.Capacity)
                return true;
        }
        return false;
    }

    /// <summary>Items waiting in all feeds together.</summary>
    public long QueuedItems()
    {
        long total = 0;
        foreach (var feed in Volatile.Read(ref _all))
            total += feed.Count;
        return total;
    }

    /// <summary>To every feed.</summary>
    public void Broadcast(BitgetNotice notice)
    {
        foreach (var feed in Volatile.Read(ref _all))
            feed.PostNotice(notice);
    }

    /// <summary>Ends every feed with the session's last notice; later feeds open completed.</summary>
    public void Complete(BitgetNotice end)
    {
        IFeedEndpoint[] feeds;
        lock (_gate)
        {
            if (_end is not null)
                return;
            _end = end;
            feeds = _all;
        }
        foreach (var feed in feeds)
            feed.Complete(end);
    }
}
