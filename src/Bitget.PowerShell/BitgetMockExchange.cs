using System.Management.Automation;
using System.Net;
using System.Security;
using Bitget.MockExchange;

namespace Bitget.PowerShell;

/// <summary>
/// A loopback Bitget exchange started by Start-BitgetMockExchange, running inside this pwsh on 127.0.0.1: its endpoints
/// (v2 "Classic" and v3 "Unified", public and private), the test API keys its private endpoints accept (fake keys that
/// work nowhere else, so they are shown), and the faults it was started with. Stop it with Stop-BitgetMockExchange; it
/// stops by itself when the module is removed or the runspace closes.
/// </summary>
public sealed class BitgetMockExchange
{
    private readonly MockBitgetExchange _server;
    private int _stopped;

    internal BitgetMockExchange(MockBitgetExchange server, string[] scenario, string[] refuseSymbol)
    {
        _server = server;
        Scenario = scenario;
        RefuseSymbol = refuseSymbol;
        Port = server.Port;
        PublicEndpoint = server.PublicEndpoint;
        PrivateEndpoint = server.PrivateEndpoint;
        UnifiedPublicEndpoint = server.V3PublicEndpoint;
        UnifiedPrivateEndpoint = server.V3PrivateEndpoint;
        BaseAddress = server.RestBaseAddress;
        var classic = MockPrivateAccount.Test;
        ApiKey = classic.ApiKey;
        ApiSecret = classic.Secret;
        Passphrase = classic.Passphrase;
        var unified = MockPrivateAccount.UnifiedTest;
        UnifiedApiKey = unified.ApiKey;
        UnifiedApiSecret = unified.Secret;
        UnifiedPassphrase = unified.Passphrase;
    }

    /// <summary>The TCP port it listens on, on 127.0.0.1 only.</summary>
    public int Port { get; }

    /// <summary>True until Stop-BitgetMockExchange (or the module's removal, or the runspace's close) stops it.</summary>
    public bool IsRunning => Volatile.Read(ref _stopped) == 0;

    /// <summary>The faults it was started with (-Scenario): Drop, Stall, LoginFailure; empty for none.</summary>
    public string[] Scenario { get; }

    /// <summary>Symbols whose subscriptions it refuses with error 30001 (-RefuseSymbol); empty for none.</summary>
    public string[] RefuseSymbol { get; }

    /// <summary>The v2 (Classic) public endpoint, <c>ws://127.0.0.1:PORT/v2/ws/public</c>.</summary>
    public Uri PublicEndpoint { get; }

    /// <summary>The v2 (Classic) private endpoint, <c>ws://127.0.0.1:PORT/v2/ws/private</c>.</summary>
    public Uri PrivateEndpoint { get; }

    /// <summary>The v3 (Unified) public endpoint, <c>ws://127.0.0.1:PORT/v3/ws/public</c>.</summary>
    public Uri UnifiedPublicEndpoint { get; }

    /// <summary>The v3 (Unified) private endpoint, <c>ws://127.0.0.1:PORT/v3/ws/private</c>.</summary>
    public Uri UnifiedPrivateEndpoint { get; }

    /// <summary>Its HTTP address: the signed REST calls (<c>/api/…</c>) and the fault switches (<c>/control/…</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The test API key of a Classic account (accepted by this mock only).</summary>
    public string ApiKey { get; }

    /// <summary>The secret of <see cref="ApiKey"/> (a test value, accepted by this mock only).</summary>
    public string ApiSecret { get; }

    /// <summary>The passphrase of <see cref="ApiKey"/> (a test value, accepted by this mock only).</summary>
    public string Passphrase { get; }

    /// <summary>The test API key of a Unified (UTA) account (accepted by this mock only).</summary>
    public string UnifiedApiKey { get; }

    /// <summary>The secret of <see cref="UnifiedApiKey"/> (a test value, accepted by this mock only).</summary>
    public string UnifiedApiSecret { get; }

    /// <summary>The passphrase of <see cref="UnifiedApiKey"/> (a test value, accepted by this mock only).</summary>
    public string UnifiedPassphrase { get; }

    /// <summary>The Classic test key as Connect-BitgetStream's -Credential takes it: the key as user name, the secret as password.</summary>
    public PSCredential Credential => new(ApiKey, ToSecureString(ApiSecret));

    /// <summary>The Classic test passphrase as Connect-BitgetStream's -Passphrase takes it.</summary>
    public SecureString SecurePassphrase => ToSecureString(Passphrase);

    /// <summary>The Unified test key as Connect-BitgetStream's -Credential takes it: the key as user name, the secret as password.</summary>
    public PSCredential UnifiedCredential => new(UnifiedApiKey, ToSecureString(UnifiedApiSecret));

    /// <summary>The Unified test passphrase as Connect-BitgetStream's -Passphrase takes it.</summary>
    public SecureString UnifiedSecurePassphrase => ToSecureString(UnifiedPassphrase);

    /// <summary>Stops listening and drops every connection; false when it was stopped already.</summary>
    internal bool Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return false;
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => PublicEndpoint.AbsoluteUri;

    private static SecureString ToSecureString(string value)
    {
        var secure = new NetworkCredential(string.Empty, value).SecurePassword;
        secure.MakeReadOnly();
        return secure;
    }
}
