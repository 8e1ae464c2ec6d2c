namespace Bitget.Stream.Credentials;

/// <summary>
/// An API key, its secret and its passphrase, held as character arrays that <see cref="Dispose"/> wipes. Nothing
/// of them appears in <see cref="ToString"/>; a private session keeps them until it ends, to log in again on every
/// reconnect.
/// </summary>
public sealed class BitgetCredentials : IDisposable
{
    private readonly char[] _apiKey;
    private readonly char[] _secret;
    private readonly char[] _passphrase;
    private int _disposed;

    /// <summary>Takes ownership of the three arrays (they are wiped on <see cref="Dispose"/>).</summary>
    /// <exception cref="ArgumentException">A piece is empty.</exception>
    public BitgetCredentials(char[] apiKey, char[] secret, char[] passphrase)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(passphrase);
        // Messages name the piece, never its value.
        if (apiKey.Length == 0) throw new ArgumentException("The API key is empty.", nameof(apiKey));
        if (secret.Length == 0) throw new ArgumentException("The API secret is empty.", nameof(secret));
        if (passphrase.Length == 0) throw new ArgumentException("The passphrase is empty.", nameof(passphrase));
        _apiKey = apiKey;
        _secret = secret;
        _passphrase = passphrase;
    }

    /// <summary>Whether <see cref="Dispose"/> has wiped the pieces.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The API key.</summary>
    internal ReadOnlySpan<char> ApiKey => Use(_apiKey);

    /// <summary>The API secret (the HMAC key).</summary>
    internal ReadOnlySpan<char> Secret => Use(_secret);

    /// <summary>The passphrase chosen when the key was created.</summary>
    internal ReadOnlySpan<char> Passphrase => Use(_passphrase);

    private ReadOnlySpan<char> Use(char[] piece)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return piece;
    }

    /// <summary>Overwrites the three pieces with zeros.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Array.Clear(_apiKey);
        Array.Clear(_secret);
        Array.Clear(_passphrase);
    }

    /// <inheritdoc />
    public override string ToString() => "BitgetCredentials (redacted)";
}
