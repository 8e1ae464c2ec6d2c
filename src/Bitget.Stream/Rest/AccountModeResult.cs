namespace Bitget.Stream.Rest;

/// <summary>What <see cref="AccountModeProbe"/> found out about a key.</summary>
/// <param name="Mode">Classic or Unified.</param>
/// <param name="AccountMode">
/// For a Unified key, the <c>accountMode</c> Bitget reported (<c>unified</c>, <c>hybrid</c>, <c>upgrading</c>,
/// <c>switching</c>), escaped for display; null for a Classic key.
/// </param>
/// <param name="RequestUri">The address asked.</param>
public sealed record AccountModeResult(BitgetAccountMode Mode, string? AccountMode, Uri RequestUri);
