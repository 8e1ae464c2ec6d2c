using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>What the subscription sweep wants done for one topic on one shard.</summary>
internal readonly record struct SweepAction(BitgetTopic Topic, int Shard, SweepActionKind Kind);

/// <summary>The kinds of <see cref="SweepAction"/>.</summary>
internal enum SweepActionKind
{
    /// <summary>The subscribe request could not be queued (the send queue was full): send it now.</summary>
    Send,
    /// <summary>No acknowledgement yet: send the subscribe request again.</summary>
    Resend,
    /// <summary>Still no acknowledgement after a resend: report it (once).</summary>
    NoAcknowledgement,
    /// <summary>Subscribed but silent: unsubscribe and subscribe again.</summary>
    Resubscribe,
    /// <summary>Still silent after the resubscribe: report the topic as stale.</summary>
    Stale,
}
