namespace Bitget.MockExchange;

/// <summary>Which of Bitget's WebSocket APIs a connection speaks: v2 ("Classic", <c>/v2/ws/…</c>) or v3 ("UTA", <c>/v3/ws/…</c>).</summary>
internal enum ProtocolVersion
{
    V2,
    V3,
}
