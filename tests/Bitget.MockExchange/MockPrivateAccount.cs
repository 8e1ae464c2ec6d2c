namespace Bitget.MockExchange;

/// <summary>A test API key the mock's private endpoint accepts: key, secret and passphrase.</summary>
/// <param name="ApiKey">The API key.</param>
/// <param name="Secret">The secret the login signature is checked with.</param>
/// <param name="Passphrase">The passphrase.</param>
public sealed record MockPrivateAccount(string ApiKey, string Secret, string Passphrase)
{
    /// <summary>The key every mock accepts unless <see cref="MockExchangeOptions.PrivateAccounts"/> is changed.</summary>
    public static MockPrivateAccount Test { get; } = new("bg_mock_test_key", "mock-test-secret-0123456789abcdef", "mockpassphrase");

    /// <inheritdoc />
    public override string ToString() => $"MockPrivateAccount {ApiKey}";
}
