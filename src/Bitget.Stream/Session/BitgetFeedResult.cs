namespace Bitget.Stream.Session;

/// <summary>The outcome of <see cref="BitgetFeed{T}.Take"/>.</summary>
public enum BitgetFeedResult
{
    /// <summary>An item was taken.</summary>
    Item,
    /// <summary>A notice was taken.</summary>
    Notice,
    /// <summary>Nothing arrived within the timeout.</summary>
    TimedOut,
    /// <summary>The feed ended and is drained.</summary>
    Completed,
}
