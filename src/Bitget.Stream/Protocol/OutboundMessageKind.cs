namespace Bitget.Stream.Protocol;

/// <summary>What a client message to Bitget is; the pacer and budgets decide by this, never by the JSON text.</summary>
public enum OutboundMessageKind
{
    /// <summary>The keep-alive text <c>ping</c>: never held back by request budgets.</summary>
    Ping,
    /// <summary>A <c>subscribe</c> request (counts against the hourly subscribe budget).</summary>
    Subscribe,
    /// <summary>An <c>unsubscribe</c> request.</summary>
    Unsubscribe,
    /// <summary>A <c>login</c> request (private connections).</summary>
    Login,
}
