namespace Bitget.Stream.Channels;

/// <summary>
/// What a channel handler keeps per topic: its ordering state, and the topic's subscription generation, which tells it
/// when the topic was subscribed again (the session's subscription entry is one).
/// </summary>
internal class TopicSlot
{
    /// <summary>
    /// Counts the topic's subscribe requests: a channel handler that sees it change resets its ordering rule (a new
    /// subscription may restart the exchange's timestamps or send a fresh snapshot).
    /// </summary>
    public int Generation;

    /// <summary>The channel handler's per-topic state (receive thread of the topic's connection only).</summary>
    public object? HandlerState;
}
