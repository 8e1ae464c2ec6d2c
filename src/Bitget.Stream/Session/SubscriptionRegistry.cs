using System.Collections.Concurrent;
using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>
/// The topics a session wants, who wants each (the user's registrations, each open feed), which shard carries each,
/// and how each stands: acknowledged, silent, refused. A topic is unsubscribed only when its last owner lets go;
/// every wanted topic that the server has not refused is replayed on every new connection. Owners change under the
/// registry's lock; an entry's state changes under the entry's lock, from the receive thread and the sweep alike.
/// </summary>
internal sealed class SubscriptionRegistry
{
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<BitgetTopic, SubscriptionEntry> _entries = new();

    /// <summary>
    /// Adds an owner to each topic; returns the topics that must now be subscribed. <paramref name="added"/> gets the
    /// topics the owner did not hold before (what a refused request gives back).
    /// </summary>
    public List<BitgetTopic> Acquire(IEnumerable<BitgetTopic> topics, object owner, List<BitgetTopic>? added = null)
    {
        var toSend = new List<BitgetTopic>();
        var now = Environment.TickCount64;
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                var entry = _entries.GetOrAdd(topic, static t => new SubscriptionEntry(t));
                lock (entry.Sync)
                {
                    var wasWanted = entry.Owners.Count > 0;
                    if (entry.Owners.Add(owner))
                        added?.Add(topic);
                    // A refused topic asked for again is tried again: the user may know better (a listing just went live).
                    if (!wasWanted || entry.State == BitgetSubscriptionState.Failed)
                    {
                        entry.State = BitgetSubscriptionState.Pending;
                        entry.PendingSinceMs = now;
                        entry.LastError = null;
                        entry.RequestAttempts = 0;
                        toSend.Add(topic);
                    }
                }
            }
        }
        return toSend;
    }

    /// <summary>Removes an owner from each topic; returns the topics nobody wants any more, with their shard.</summary>
    public List<(BitgetTopic Topic, int Shard)> Release(IEnumerable<BitgetTopic> topics, object owner)
    {
        var toDrop = new List<(BitgetTopic, int)>();
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                if (!_entries.TryGetValue(topic, out var entry))
                    continue;
                lock (entry.Sync)
                {
                    if (!entry.Owners.Remove(owner) || entry.Owners.Count > 0)
                        continue;
                    _entries.TryRemove(topic, out _);
                    if (entry.State != BitgetSubscriptionState.Failed)
                        toDrop.Add((topic, entry.Shard));
                }
            }
        }
        return toDrop;
    }

    /// <summary>Whether <paramref name="owner"/> holds the topic.</summary>
    public bool IsOwnedBy(BitgetTopic topic, object owner)
    {
        if (!_entries.TryGetValue(topic, out var entry))
            return false;
        lock (entry.Sync)
            return entry.Owners.Contains(owner);
    }

    /// <summary>The entry of a wanted topic, or null (nobody owns the topic).</summary>
    public SubscriptionEntry? Find(BitgetTopic topic) => _entries.GetValueOrDefault(topic);

    /// <summary>The shard carrying the topic, or -1.</summary>
    public int ShardOf(BitgetTopic topic) => _entries.TryGetValue(topic, out var entry) ? Volatile.Read(ref entry.Shard) : -1;

    /// <summary>Puts the topic on a shard.</summary>
    public void Assign(BitgetTopic topic, int shard)
    {
        if (_entries.TryGetValue(topic, out var entry))
            Volatile.Write(ref entry.Shard, shard);
    }

    /// <summary>How many live (not refused) topics each shard carries.</summary>
    public Dictionary<int, int> CountByShard()
    {
        var counts = new Dictionary<int, int>();
        foreach (var entry in _entries.Values)
        {
            var shard = Volatile.Read(ref entry.Shard);
            if (shard >= 0 && entry.State != BitgetSubscriptionState.Failed)
                counts[shard] = counts.GetValueOrDefault(shard) + 1;
        }
        return counts;
    }

    /// <summary>Whether any live (not refused) topic is on the shard.</summary>
    public bool AnyOnShard(int shard)
    {
        foreach (var entry in _entries.Values)
        {
            if (Volatile.Read(ref entry.Shard) == shard && entry.State != BitgetSubscriptionState.Failed)
                return true;
        }
        return false;
    }

    /// <summary>A new connection: the topics it carries that the server has not refused are pending again; returns them.</summary>
    public List<BitgetTopic> ResetForShard(int shard)
    {
        var replay = new List<BitgetTopic>();
        var now = Environment.TickCount64;
        foreach (var (topic, entry) in _entries)
        {
            lock (entry.Sync)
            {
                if (entry.Shard != shard || entry.State == BitgetSubscriptionState.Failed)
                    continue;
                entry.State = BitgetSubscriptionState.Pending;
                entry.PendingSinceMs = now;
                entry.RequestAttempts = 0;
                entry.ResubscribePending = false;
            }
            replay.Add(topic);
        }
        return replay;
    }

    /// <summary>Subscribe requests for the topics are on their way: a new subscription for each handler's ordering rule.</summary>
    public void MarkRequested(IEnumerable<BitgetTopic> topics)
    {
        var now = Environment.TickCount64;
        foreach (var topic in topics)
        {
            if (!_entries.TryGetValue(topic, out var entry))
                continue;
            lock (entry.Sync)
            {
                if (entry.State == BitgetSubscriptionState.Failed)
                    continue;
                entry.RequestedAtMs = now;
                entry.RequestAttempts++;
                Interlocked.Increment(ref entry.Generation);
                if (entry.State is BitgetSubscriptionState.Pending or BitgetSubscriptionState.Requested)
                    entry.State = BitgetSubscriptionState.Requested;
            }
        }
    }

    /// <summary>
    /// Takes the topics that are still pending and marks them requested, in one step per topic: of two paths that want
    /// to send a pending topic (the replay on a new connection, the sweep's retry), only one does.
    /// </summary>
    public List<BitgetTopic> ClaimPending(IEnumerable<BitgetTopic> topics)
    {
        var claimed = new List<BitgetTopic>();
        var now = Environment.TickCount64;
        foreach (var topic in topics)
        {
            if (!_entries.TryGetValue(topic, out var entry))
                continue;
            lock (entry.Sync)
            {
                if (entry.State != BitgetSubscriptionState.Pending)
                    continue;
                entry.State = BitgetSubscriptionState.Requested;
                entry.RequestedAtMs = now;
                entry.RequestAttempts++;
                Interlocked.Increment(ref entry.Generation);
            }
            claimed.Add(topic);
        }
        return claimed;
    }

    /// <summary>Requests for the topics could not be queued (the send queue was full): the sweep tries again.</summary>
    public void MarkSendFailed(IEnumerable<BitgetTopic> topics)
    {
        var now = Environment.TickCount64;
        foreach (var topic in topics)
        {
            if (!_entries.TryGetValue(topic, out var entry))
                continue;
            lock (entry.Sync)
            {
                if (entry.State is BitgetSubscriptionState.Pending or BitgetSubscriptionState.Requested)
                {
                    entry.State = BitgetSubscriptionState.Pending;
                    entry.PendingSinceMs = now;
                }
            }
        }
    }

    public void MarkSubscribed(BitgetTopic topic)
    {
        if (!_entries.TryGetValue(topic, out var entry))
            return;
        lock (entry.Sync)
        {
            if (entry.State == BitgetSubscriptionState.Failed)
                return;
            entry.LastActivityMs = Environment.TickCount64;
            entry.AckWarned = false;
            if (entry.State != BitgetSubscriptionState.Stale)
                entry.State = BitgetSubscriptionState.Subscribed;
        }
    }

    /// <summary>The server refused the topic: it is no longer replayed.</summary>
    public void MarkFailed(BitgetTopic topic, string error)
    {
        if (!_entries.TryGetValue(topic, out var entry))
            return;
        lock (entry.Sync)
        {
            entry.State = BitgetSubscriptionState.Failed;
            entry.LastError = error;
        }
    }

    /// <summary>
    /// Counts a push for a topic (delivered or not: a push the handler skips still proves the subscription alive) and
    /// returns its entry, or null when nobody owns the topic. <paramref name="resumed"/> says the topic had been
    /// reported stale.
    /// </summary>
    public SubscriptionEntry? OnPush(BitgetTopic topic, long utcTicks, out bool resumed)
    {
        resumed = false;
        if (!_entries.TryGetValue(topic, out var entry))
            return null;
        Interlocked.Increment(ref entry.Messages);
        Volatile.Write(ref entry.LastMessageTicks, utcTicks);
        lock (entry.Sync)
        {
            entry.LastActivityMs = Environment.TickCount64;
            entry.ResubscribePending = false;
            entry.AckWarned = false;
            // Data proves the subscription even when the ack was lost.
            var previous = entry.State;
            if (previous is BitgetSubscriptionState.Pending or BitgetSubscriptionState.Requested or BitgetSubscriptionState.Stale)
            {
                entry.State = BitgetSubscriptionState.Subscribed;
                resumed = previous == BitgetSubscriptionState.Stale;
            }
        }
        return entry;
    }

    /// <summary>
    /// Finds topics that need attention: topics whose request could not be queued (sent again), requests never
    /// acknowledged (sent again once, then reported) and subscriptions silent for <paramref name="staleAfterMs"/>
    /// (resubscribed once, then reported as stale).
    /// </summary>
    public List<SweepAction> Sweep(long nowMs, long ackTimeoutMs, long staleAfterMs, long retryPendingMs)
    {
        var actions = new List<SweepAction>();
        foreach (var entry in _entries.Values)
        {
            if (entry.Sweep(nowMs, ackTimeoutMs, staleAfterMs, retryPendingMs) is { } action)
                actions.Add(action);
        }
        return actions;
    }

    public int Count => _entries.Count;

    /// <summary>Topics acknowledged but silent even after a resubscribe.</summary>
    public int StaleCount => _entries.Values.Count(e => e.State == BitgetSubscriptionState.Stale);

    public IReadOnlyList<BitgetSubscriptionInfo> Snapshot() =>
        _entries.Values
            .Select(entry => entry.Snapshot())
            .OrderBy(info => info.InstType, StringComparer.Ordinal)
            .ThenBy(info => info.Channel, StringComparer.Ordinal)
            .ThenBy(info => info.Symbol, StringComparer.Ordinal)
            .ToList();
}
