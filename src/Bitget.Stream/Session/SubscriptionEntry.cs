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
}
