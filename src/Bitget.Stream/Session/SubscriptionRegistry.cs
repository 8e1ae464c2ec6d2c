using System.Collections.Concurrent;
using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>
/// The topics a session wants, who wants each (the user's registrations, each open feed), and how each
/// stands on the current connection. A topic is unsubscribed only when its last owner lets go; every
/// wanted topic that the server has not refused is replayed on every new connection.
/// </summary>
internal sealed class SubscriptionRegistry
{
    internal sealed class Entry
    {
        public readonly HashSet<object> Owners = [];
        public volatile BitgetSubscriptionState State = BitgetSubscriptionState.Pending;
        public long Messages;
        public long LastMessageTicks; // DateTimeOffset.UtcTicks, 0 = never
        public string? LastError;
    }

    private readonly object _gate = new();
    private readonly ConcurrentDictionary<BitgetChannel, Entry> _entries = new();

    /// <summary>Adds an owner to each topic; returns the topics that must now be subscribed.</summary>
    public List<BitgetChannel> Acquire(IEnumerable<BitgetChannel> topics, object owner)
    {
        var toSend = new List<BitgetChannel>();
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                var entry = _entries.GetOrAdd(topic, static _ => new Entry());
                var wasWanted = entry.Owners.Count > 0;
                entry.Owners.Add(owner);
                // A refused topic asked for again is tried again: the user may know better (a listing just went live).
                if (!wasWanted || entry.State == BitgetSubscriptionState.Failed)
                {
                    entry.State = BitgetSubscriptionState.Pending;
                    entry.LastError = null;
                    toSend.Add(topic);
                }
            }
        }
        return toSend;
    }

    /// <summary>Removes an owner from each topic; returns the topics nobody wants any more (to unsubscribe).</summary>
    public List<BitgetChannel> Release(IEnumerable<BitgetChannel> topics, object owner)
    {
        var toDrop = new List<BitgetChannel>();
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                if (!_entries.TryGetValue(topic, out var entry) || !entry.Owners.Remove(owner) || entry.Owners.Count > 0)
                    continue;
                _entries.TryRemove(topic, out _);
                if (entry.State != BitgetSubscriptionState.Failed)
                    toDrop.Add(topic);
            }
        }
        return toDrop;
    }

    /// <summary>Whether <paramref name="owner"/> holds the topic.</summary>
    public bool IsOwnedBy(BitgetChannel topic, object owner)
    {
        lock (_gate)
            return _entries.TryGetValue(topic, out var entry) && entry.Owners.Contains(owner);
    }

    /// <summary>A new connection: every topic the server has not refused is pending again; returns them.</summary>
    public List<BitgetChannel> ResetForNewConnection()
    {
        var replay = new List<BitgetChannel>();
        lock (_gate)
        {
            foreach (var (topic, entry) in _entries)
            {
                if (entry.State == BitgetSubscriptionState.Failed)
                    continue;
                entry.State = BitgetSubscriptionState.Pending;
                replay.Add(topic);
            }
        }
        return replay;
    }

    public void MarkRequested(IEnumerable<BitgetChannel> topics)
    {
        foreach (var topic in topics)
        {
            if (_entries.TryGetValue(topic, out var entry) && entry.State == BitgetSubscriptionState.Pending)
                entry.State = BitgetSubscriptionState.Requested;
        }
    }

    public void MarkSubscribed(BitgetChannel topic)
    {
        if (_entries.TryGetValue(topic, out var entry) && entry.State != BitgetSubscriptionState.Failed)
            entry.State = BitgetSubscriptionState.Subscribed;
    }

    /// <summary>The server refused the topic: it is no longer replayed. False when the session does not hold it.</summary>
    public bool MarkFailed(BitgetChannel topic, string error)
    {
        if (!_entries.TryGetValue(topic, out var entry))
            return false;
        entry.State = BitgetSubscriptionState.Failed;
        entry.LastError = error;
        return true;
    }

    /// <summary>Counts a push for the topic (hot path: no lock).</summary>
    public void OnPush(BitgetChannel topic, long utcTicks)
    {
        if (!_entries.TryGetValue(topic, out var entry))
            return;
        Interlocked.Increment(ref entry.Messages);
        Volatile.Write(ref entry.LastMessageTicks, utcTicks);
        // Data proves the subscription even when the ack was lost.
        if (entry.State != BitgetSubscriptionState.Subscribed)
            entry.State = BitgetSubscriptionState.Subscribed;
    }

    public int Count => _entries.Count;

    public IReadOnlyList<BitgetSubscriptionInfo> Snapshot() =>
        _entries
            .Select(pair =>
            {
                var ticks = Volatile.Read(ref pair.Value.LastMessageTicks);
                return new BitgetSubscriptionInfo
                {
                    InstType = pair.Key.InstType,
                    Channel = pair.Key.Channel,
                    Symbol = pair.Key.InstId,
                    State = pair.Value.State,
                    Messages = Interlocked.Read(ref pair.Value.Messages),
                    LastMessageAt = ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero),
                    LastError = pair.Value.LastError,
                };
            })
            .OrderBy(info => info.InstType, StringComparer.Ordinal)
            .ThenBy(info => info.Symbol, StringComparer.Ordinal)
            .ToList();
}
