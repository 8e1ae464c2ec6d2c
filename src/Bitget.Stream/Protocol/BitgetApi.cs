namespace Bitget.Stream.Protocol;

/// <summary>
/// Which of Bitget's two WebSocket APIs a session speaks. The topics, objects and guarantees are the same on both;
/// only the wire differs (<see cref="WireDialect"/>).
/// </summary>
public enum BitgetApi
{
    /// <summary>The v2 API of the Classic account (<c>/v2/ws/…</c>), in maintenance mode at Bitget.</summary>
    Classic,

    /// <summary>The v3 API of the Unified Trading Account (<c>/v3/ws/…</c>).</summary>
    Unified,
}
