namespace Bitget.MockExchange;

/// <summary>A test API key the mock's private and REST endpoints accept: key, secret, passphrase and account mode.</summary>
/// <param name="ApiKey">The API key.</param>
/// <param name="Secret">The secret the login and REST signatures are checked with.</param>
/// <param name="Passphrase">The passphrase.</param>
/// <param name="Mode">The account mode the REST endpoints answer for (default Classic).</param>
public sealed record MockPrivateAccount(string ApiKey, string Secret, string Passphrase, MockAccountMode Mode = MockAccountMode.Classic)
{
    /// <summary>The Classic key every mock accepts unless <see cref="MockExchangeOptions.PrivateAccounts"/> is changed.</summary>
    public static MockPrivateAccount Test { get; } = new("bg_mock_test_key", "mock-test-secret-0123456789abcdef", "mockpassphrase");

    /// <summary>The Unified (UTA) key every mock accepts unless <see cref="MockExchangeOptions.PrivateAccounts"/> is changed.</summary>
    public static MockPrivateAccount UnifiedTest { get; } =
        new("bg_mock_uta_key", "mock-uta-secret-fedcba9876543210", "mockutapassphrase", MockAccountMode.Unified);

    /// <inheritdoc />
    public override string ToString() => $"MockPrivateAccount {ApiKey} ({Mode})";
}
