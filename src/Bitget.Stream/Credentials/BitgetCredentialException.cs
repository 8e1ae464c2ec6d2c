namespace Bitget.Stream.Credentials;

/// <summary>Credentials could not be assembled: pieces are missing, or the <c>.env</c> file named cannot be read.</summary>
public sealed class BitgetCredentialException(string message, IReadOnlyList<CredentialPiece> missing, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The pieces no source supplied (empty when the failure was reading the file).</summary>
    public IReadOnlyList<CredentialPiece> Missing { get; } = missing;
}
