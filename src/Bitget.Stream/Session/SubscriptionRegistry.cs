using System.Collections.Concurrent;
using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>
/// The topics a session wants, who wants each (the user's registrations, each open feed), which connection
/// carries each, and how each stands: acknowledged, silent, refused. A topic is unsubscribed only when its last
/// owner lets go; every wanted topic that the server has not refused is replayed on every new connection.
/// </summary>
internal sealed class SubscriptionRegistry
{
    internal sealed class Entry
    {
        public readonly HashSet<object> Owners = [];
        public volatile BitgetSubscriptionState State = BitgetSubscriptionState.Pending;
        public int Connection = -1;
        public long Messages;
        public long LastMessageTicks; // DateTimeOffset.UtcTicks, 0 = never
        public long LastActivityMs;   // Environment.TickCount64 of the last ack or push
        public long RequestedAtMs;
        public int RequestAttempts;
        public bool AckWarned;
        public bool ResubscribePending;
        public int Resubscribes;
        public long LastTimestamp;    // exchange ts (ms) of the last accepted push
        public int LastHash;
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
                    entry.RequestAttempts = 0;
                    toSend.Add(topic);
                }
            }
        }
        return toSend;
    }

    /// <summary>Removes an owner from each topic; returns the topics nobody wants any more, with their connection.</summary>
    public List<(BitgetChannel Topic, int Connection)> Release(IEnumerable<BitgetChannel> topics, object owner)
    {
        var toDrop = new List<(BitgetChannel, int)>();
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                if (!_entries.TryGetValue(topic, out var entry) || !entry.Owners.Remove(owner) || entry.Owners.Count > 0)
                    continue;
                _entries.TryRemove(topic, out _);
                if (entry.State != BitgetSubscriptionState.Failed)
                    toDrop.Add((topic, entry.Connection));
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

    /// <summary>The connection index carrying the topic, or -1.</summary>
    public int ConnectionOf(BitgetChannel topic) => _entries.TryGetValue(topic, out var entry) ? entry.Connection : -1;

    /// <summary>Puts the topic on a connection.</summary>
    public void Assign(BitgetChannel topic, int connection)
    {
        if (_entries.TryGetValue(topic, out var entry))
            entry.Connection = connection;
    }

    /// <summary>How many live (not refused) topics each connection carries.</summary>
    public Dictionary<int, int> CountByConnection()
    {
        var counts = new Dictionary<int, int>();
        foreach (var entry in _entries.Values)
        {
            if (entry.Connection >= 0 && entry.State != BitgetSubscriptionState.Failed)
                counts[entry.Connection] = counts.GetValueOrDefault(entry.Connection) + 1;
        }
        return counts;
    }

    /// <summary>A new connection: the topics it carries that the server has not refused are pending again; returns them.</summary>
    public List<BitgetChannel> ResetForConnection(int connection)
    {
        var replay = new List<BitgetChannel>();
        lock (_gate)
        {
            foreach (var (topic, entry) in _entries)
            {
                if (entry.Connection != connection || entry.State == BitgetSubscriptionState.Failed)
                    continue;
                entry.State = BitgetSubscriptionState.Pending;
                entry.RequestAttempts = 0;
                entry.ResubscribePending = false;
                replay.Add(topic);
            }
        }
        return replay;
    }

    public void MarkRequested(IEnumerable<BitgetChannel> topics)
    {
        var now = Environment.TickCount64;
        foreach (var topic in topics)
        {
            if (!_entries.TryGetValue(topic, out var entry) || entry.State == BitgetSubscriptionState.Failed)
                continue;
            entry.RequestedAtMs = now;
            entry.RequestAttempts++;
            if (entry.State is BitgetSubscriptionState.Pending or BitgetSubscriptionState.Requested)
                entry.State = BitgetSubscriptionState.Requested;
        }
    }

    public void MarkSubscribed(BitgetChannel topic)
    {
        if (!_entries.TryGetValue(topic, out var entry) || entry.State == BitgetSubscriptionState.Failed)
            return;
        Volatile.Write(ref entry.LastActivityMs, Environment.TickCount64);
        entry.AckWarned = false;
        if (entry.State != BitgetSubscriptionState.Stale)
            entry.State = BitgetSubscriptionState.Subscribed;
    }

    /// <summary>The server refused the topic: it is no longer replayed.</summary>
    public void MarkFailed(BitgetChannel topic, string error)
    {
        if (!_entries.TryGetValue(topic, out var entry))
            return;
        entry.State = BitgetSubscriptionState.Failed;
        entry.LastError = error;
    }

    /// <summary>
    /// Counts a push for the topic and tells whether to deliver it. A push whose exchange time is older than the
    /// last one of its topic (out of order), or equal to it with the same content (a duplicate, e.g. the snapshot
    /// replayed after a resubscribe), is skipped. Hot path: no registry lock.
    /// </summary>
    public PushVerdict OnPush(BitgetChannel topic, long utcTicks, long exchangeMs, int contentHash)
    {
        if (!_entries.TryGetValue(topic, out var entry))
            return PushVerdict.Accepted;
        lock (entry)
        {
            if (exchangeMs != 0 && entry.LastTimestamp != 0)
            {
                if (exchangeMs < entry.LastTimestamp)
                    return PushVerdict.OutOfOrder;
                if (exchangeMs == entry.LastTimestamp && contentHash == entry.LastHash)
                    return PushVerdict.Duplicate;
            }
            entry.LastTimestamp = exchangeMs;
            entry.LastHash = contentHash;
        }
        Interlocked.Increment(ref entry.Messages);
        Volatile.Write(ref entry.LastMessageTicks, utcTicks);
        Volatile.Write(ref entry.LastActivityMs, Environment.TickCount64);
        entry.ResubscribePending = false;
        entry.AckWarned = false;
        // Data proves the subscription even when the ack was lost.
        var previous = entry.State;
        if (previous == BitgetSubscriptionState.Subscribed || previous == BitgetSubscriptionState.Failed)
            return PushVerdict.Accepted;
        entry.State = BitgetSubscriptionState.Subscribed;
        return previous == BitgetSubscriptionState.Stale ? PushVerdict.Resumed : PushVerdict.Accepted;
    }

    /// <summary>
    /// Finds topics that need attention: requests never acknowledged (sent again once, then reported) and
    /// subscriptions silent for <paramref name="staleAfterMs"/> (resubscribed once, then reported as stale).
    /// </summary>
    public List<SweepAction> Sweep(long nowMs, long ackTimeoutMs, long staleAfterMs)
    {
        var actions = new List<SweepAction>();
        lock (_gate)
        {
            foreach (var (topic, entry) in _entries)
            {
                switch (entry.State)
                {
                    case BitgetSubscriptionState.Requested when nowMs - entry.RequestedAtMs >= ackTimeoutMs:
                        if (entry.RequestAttempts < 2)
                            actions.Add(new SweepAction(topic, entry.Connection, SweepActionKind.Resend));
                        else if (!entry.AckWarned)
                        {
                            entry.AckWarned = true;
                            actions.Add(new SweepAction(topic, entry.Connection, SweepActionKind.NoAcknowledgement));
                        }
                        break;
                    case BitgetSubscriptionState.Subscribed when staleAfterMs > 0 && nowMs - Volatile.Read(ref entry.LastActivityMs) >= staleAfterMs:
                        if (!entry.ResubscribePending)
                        {
                            entry.ResubscribePending = true;
                            entry.Resubscribes++;
                            // The clock restarts: the resubscribed topic gets a whole period to deliver.
                            Volatile.Write(ref entry.LastActivityMs, nowMs);
                            actions.Add(new SweepAction(topic, entry.Connection, SweepActionKind.Resubscribe));
                        }
                        else
                        {
                            entry.State = BitgetSubscriptionState.Stale;
                            actions.Add(new SweepAction(topic, entry.Connection, SweepActionKind.Stale));
                        }
                        break;
                }
            }
        }
        return actions;
    }

    public int Count => _entries.Count;

    /// <summary>Topics acknowledged but silent even after a resubscribe.</summary>
    public int StaleCount => _entries.Values.Count(e => e.State == BitgetSubscriptionState.Stale);

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
                    Resubscribes = pair.Value.Resubscribes,
                    Connection = pair.Value.Connection + 1,
                };
            })
            .OrderBy(info => info.InstType, StringComparer.Ordinal)
            .ThenBy(info => info.Symbol, StringComparer.Ordinal)
            .ToList();
}
