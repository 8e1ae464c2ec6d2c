namespace Bitget.Stream.Credentials;

/// <summary>
/// Assembles credentials piece by piece from, in this order: what the caller passed (parameters), the environment
/// (<see cref="ApiKeyVariable"/>, <see cref="SecretVariable"/>, <see cref="PassphraseVariable"/>: the seed's names),
/// then a <c>.env</c> file (<see cref="DotEnvFile"/>). A missing piece is named in the error, before anything connects.
/// </summary>
public static class CredentialResolver
{
    /// <summary>The API key's variable.</summary>
    public const string ApiKeyVariable = "BITGET_API_KEY";

    /// <summary>The secret's variable.</summary>
    public const string SecretVariable = "BITGET_SECRET_KEY";

    /// <summary>The passphrase's variable.</summary>
    public const string PassphraseVariable = "BITGET_PASSPHRASE";

    /// <summary>The variable a piece is read from.</summary>
    public static string VariableOf(CredentialPiece piece) => piece switch
    {
        CredentialPiece.ApiKey => ApiKeyVariable,
        CredentialPiece.Secret => SecretVariable,
        _ => PassphraseVariable,
    };

    /// <summary>Resolves the three pieces; takes ownership of the arrays passed (wiped if resolution fails).</summary>
    /// <param name="apiKey">From a parameter, or null.</param>
    /// <param name="secret">From a parameter, or null.</param>
    /// <param name="passphrase">From a parameter, or null.</param>
    /// <param name="environment">Reads an environment variable (null or empty: not set).</param>
    /// <param name="envFile">The <c>.env</c> file to read for pieces still missing, or null for none.</param>
    /// <param name="envFileRequired">True when the user named the file: then it must exist. The default <c>./.env</c> may be absent.</param>
    /// <exception cref="BitgetCredentialException">A piece is missing everywhere, or the named file cannot be read.</exception>
    public static BitgetCredentials Resolve(char[]? apiKey, char[]? secret, char[]? passphrase,
        Func<string, string?> environment, string? envFile, bool envFileRequired)
    {
        ArgumentNullException.ThrowIfNull(environment);
        char[]?[] pieces = [Usable(apiKey), Usable(secret), Usable(passphrase)];
        try
        {
            for (var p = 0; p < 3; p++)
                pieces[p] ??= Usable(environment(VariableOf((CredentialPiece)p))?.ToCharArray());

            if (envFile is not null && pieces.Any(p => p is null))
            {
                IReadOnlyDictionary<string, string>? file = null;
                if (File.Exists(envFile))
                {
                    try
                    {
                        file = DotEnvFile.Read(envFile);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        throw new BitgetCredentialException($"The .env file '{envFile}' cannot be read: {ex.Message}", [], ex);
                    }
                }
                else if (envFileRequired && Directory.Exists(envFile))
                {
                    throw new BitgetCredentialException(
                        $"'{envFile}' is a folder, not a .env file: name the file itself, e.g. -EnvFile '{Path.Combine(envFile, ".env")}'.", []);
                }
                else if (envFileRequired)
                {
                    throw new BitgetCredentialException($"The .env file '{envFile}' does not exist.", []);
                }
                if (file is not null)
                {
                    for (var p = 0; p < 3; p++)
                    {
                        if (pieces[p] is null && file.TryGetValue(VariableOf((CredentialPiece)p), out var value))
                            pieces[p] = Usable(value.ToCharArray());
                    }
                }
            }

            var missing = Enumerable.Range(0, 3).Where(p => pieces[p] is null).Select(p => (CredentialPiece)p).ToList();
            if (missing.Count > 0)
                throw new BitgetCredentialException(MissingMessage(missing, envFile), missing);
            return new BitgetCredentials(pieces[0]!, pieces[1]!, pieces[2]!);
        }
        catch
        {
            foreach (var piece in pieces)
            {
                if (piece is not null)
                    Array.Clear(piece);
            }
            throw;
        }
    }

    private static char[]? Usable(char[]? piece)
    {
        if (piece is null || piece.Length == 0)
            return null;
        return piece;
    }

    private static string MissingMessage(List<CredentialPiece> missing, string? envFile)
    {
        var names = string.Join(", ", missing.Select(p => p switch
        {
            CredentialPiece.ApiKey => $"the API key (-Credential user name, -ApiKey or {ApiKeyVariable})",
            CredentialPiece.Secret => $"the API secret (-Credential password, -ApiSecret or {SecretVariable})",
            _ => $"the passphrase (-Passphrase or {PassphraseVariable})",
        }));
        var where = envFile is null ? "the parameters and the environment" : $"the parameters, the environment and '{envFile}'";
        return $"Private channels need an API key, its secret and its passphrase. Missing: {names}. Looked in {where}.";
    }
}
