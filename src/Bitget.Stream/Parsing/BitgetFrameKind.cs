namespace Bitget.Stream.Parsing;

/// <summary>What a received frame turned out to be.</summary>
public enum BitgetFrameKind
{
    /// <summary>Not a frame the protocol allows: invalid JSON, binary, missing or malformed fields.</summary>
    Invalid,
    /// <summary>The keep-alive answer <c>pong</c>.</summary>
    Pong,
    /// <summary>A data push (<c>action</c> + <c>arg</c> + <c>data</c>).</summary>
    Push,
    /// <summary>A subscribe acknowledgement.</summary>
    Subscribed,
    /// <summary>An unsubscribe acknowledgement.</summary>
    Unsubscribed,
    /// <summary>An <c>error</c> event.</summary>
    Error,
    /// <summary>A login answer.</summary>
    Login,
    /// <summary>Another event the module does not act on.</summary>
    OtherEvent,
}
