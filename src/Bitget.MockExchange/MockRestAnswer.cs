namespace Bitget.MockExchange;

/// <summary>A REST answer the mock sends instead of its own (see <see cref="MockExchangeOptions.RestAnswer"/>).</summary>
/// <param name="Status">The HTTP status, e.g. 500.</param>
/// <param name="Body">The body, sent as is with <c>Content-Type: application/json</c>.</param>
public sealed record MockRestAnswer(int Status, string Body);
