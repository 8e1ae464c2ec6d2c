using Microsoft.AspNetCore.Http.Features;

namespace Bitget.MockExchange;

/// <summary>
/// Stands in for the server's upgrade feature (installed before the WebSockets middleware reads it) so that the stream the
/// WebSocket is built on is a <see cref="TapStream"/> the connection can also write pre-encoded frames to.
/// </summary>
internal sealed class TapUpgradeFeature(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    /// <summary>The upgraded stream, once <see cref="UpgradeAsync"/> ran.</summary>
    public TapStream? Stream { get; private set; }

    public async Task<Stream> UpgradeAsync()
    {
        Stream = new TapStream(await inner.UpgradeAsync().ConfigureAwait(false));
        return Stream;
    }
}
