namespace Bitget.Stream.Credentials;

/// <summary>The three pieces a Bitget login needs, named as errors name them.</summary>
public enum CredentialPiece
{
    /// <summary>The API key (<c>BITGET_API_KEY</c>).</summary>
    ApiKey,
    /// <summary>The API secret (<c>BITGET_SECRET_KEY</c>).</summary>
    Secret,
    /// <summary>The passphrase (<c>BITGET_PASSPHRASE</c>).</summary>
    Passphrase,
}
