using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>What the subscription sweep wants done for one topic on one connection.</summary>
internal readonly record struct SweepAction(BitgetChannel Topic, int Connection, SweepActionKind Kind);

/// <summary>The kinds of <see cref="SweepAction"/>.</summary>
internal enum SweepActionKind
{
    /// <summary>No acknowledgement yet: send the subscribe request again.</summary>
    Resend,
    /// <summary>Still no acknowledgement after a resend: report it (once).</summary>
    NoAcknowledgement,
    /// <summary>Subscribed but silent: unsubscribe and subscribe again.</summary>
    Resubscribe,
    /// <summary>Still silent after the resubscribe: report the topic as stale.</summary>
    Stale,
}
