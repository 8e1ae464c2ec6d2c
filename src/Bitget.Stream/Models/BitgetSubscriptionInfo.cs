namespace Bitget.Stream.Models;

/// <summary>A snapshot of one subscription of a session, for display and diagnostics.</summary>
public sealed class BitgetSubscriptionInfo
{
    /// <summary>Product type.</summary>
    public required string InstType { get; init; }
    /// <summary>Channel name.</summary>
    public required string Channel { get; init; }
    /// <summary>Symbol.</summary>
    public required string Symbol { get; init; }
    /// <summary>Where the subscription stands on the current connection.</summary>
    public required BitgetSubscriptionState State { get; init; }
    /// <summary>Pushes received for this topic since the session started.</summary>
    public required long Messages { get; init; }
    /// <summary>When the last push for this topic arrived.</summary>
    public DateTimeOffset? LastMessageAt { get; init; }
    /// <summary>The server's last error for this topic, if any.</summary>
    public string? LastError { get; init; }
    /// <summary>How often the session resubscribed this topic because it went silent.</summary>
    public int Resubscribes { get; init; }
    /// <summary>Which of the session's connections carries the topic: 1 for the first; 0 while unassigned.</summary>
    public int Connection { get; init; }

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape($"{InstType}/{Channel}/{Symbol} ({State})");
}
