using Bitget.Stream.Channels;
using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>
/// How one wanted topic stands: its owners, its shard, its state and counters; as a <see cref="TopicSlot"/> it holds
/// the topic's subscription generation and its channel handler's ordering state. Every field that both the receive
/// thread and the subscription sweep change is changed under the entry's own lock (<see cref="Sync"/>); counters are
/// atomic.
/// </summary>
internal sealed class SubscriptionEntry(BitgetTopic topic) : TopicSlot
{
    /// <summary>The lock for the entry's state fields.</summary>
    public readonly object Sync = new();
    public BitgetTopic Topic { get; } = topic;
    public readonly HashSet<object> Owners = [];
    public BitgetSubscriptionState State = BitgetSubscriptionState.Pending;
    /// <summary>The shard carrying the topic, or -1.</summary>
    public int Shard = -1;
    public long Messages;
    public long LastMessageTicks; // DateTimeOffset.UtcTicks, 0 = never
    public long LastActivityMs;   // Environment.TickCount64 of the last ack or push
    public long PendingSinceMs;   // when the topic became pending, or its last send attempt failed
    public long RequestedAtMs;
    public int RequestAttempts;
    public bool AckWarned;
    public bool ResubscribePending;
    public int Resubscribes;
    public string? LastError;

    /// <summary>
    /// What the subscription sweep must do for this topic now, if anything: a request that could not be queued is sent
    /// again, one never acknowledged is sent once more and then reported, a subscription silent for
    /// <paramref name="staleAfterMs"/> is resubscribed once and then reported as stale.
    /// </summary>
    public SweepAction? Sweep(long nowMs, long ackTimeoutMs, long staleAfterMs, long retryPendingMs)
    {
        lock (Sync)
        {
            switch (State)
            {
                case BitgetSubscriptionState.Pending when Shard >= 0 && nowMs - PendingSinceMs >= retryPendingMs:
                    PendingSinceMs = nowMs;
                    return new SweepAction(Topic, Shard, SweepActionKind.Send);
                case BitgetSubscriptionState.Requested when nowMs - RequestedAtMs >= ackTimeoutMs:
                    if (RequestAttempts < 2)
                        return new SweepAction(Topic, Shard, SweepActionKind.Resend);
                    if (AckWarned)
                        return null;
                    AckWarned = true;
                    return new SweepAction(Topic, Shard, SweepActionKind.NoAcknowledgement);
                // Private channels speak only when the account changes: silence there is normal, never stale.
                case BitgetSubscriptionState.Subscribed when staleAfterMs > 0 && nowMs - LastActivityMs >= staleAfterMs
                    && !BitgetChannelNames.IsPrivate(Topic.Channel):
                    if (ResubscribePending)
                    {
                        State = BitgetSubscriptionState.Stale;
                        return new SweepAction(Topic, Shard, SweepActionKind.Stale);
                    }
                    ResubscribePending = true;
                    Resubscribes++;
                    // The clock restarts: the resubscribed topic gets a whole period to deliver.
                    LastActivityMs = nowMs;
                    return new SweepAction(Topic, Shard, SweepActionKind.Resubscribe);
                default:
                    return null;
            }
        }
    }

    /// <summary>How the topic stands, for <c>Get-BitgetStream</c>.</summary>
    public BitgetSubscriptionInfo Snapshot()
    {
        lock (Sync)
        {
            return new BitgetSubscriptionInfo
            {
                InstType = Topic.InstType,
                Channel = Topic.Channel,
                Symbol = Topic.InstId,
                State = State,
                Messages = Interlocked.Read(ref Messages),
                LastMessageAt = SessionCounters.TicksToTime(Volatile.Read(ref LastMessageTicks)),
                LastError = LastError,
                Resubscribes = Resubscribes,
                Connection = Shard + 1,
            };
        }
    }
}
