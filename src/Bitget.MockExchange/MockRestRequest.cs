namespace Bitget.MockExchange;

/// <summary>A REST request the mock received (<see cref="MockBitgetExchange.ReceivedRestRequests"/>).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path with its query string (<c>?…</c>), as received.</param>
/// <param name="Headers">Every header, by name (case-insensitive), values comma-joined.</param>
/// <param name="Body">The body text (empty for none).</param>
public sealed record MockRestRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The <c>ACCESS-KEY</c> header, or null.</summary>
    public string? ApiKey => Headers.TryGetValue("ACCESS-KEY", out var v) ? v : null;

    /// <summary>Whether the request had the demo-trading header <c>paptrading: 1</c>.</summary>
    public bool Demo => Headers.TryGetValue("paptrading", out var v) && v == "1";
}
