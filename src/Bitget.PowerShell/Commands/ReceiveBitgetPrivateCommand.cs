using Bitget.Stream.Models;
using System.Management.Automation;
using System.Security;
using Bitget.Stream.Credentials;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// What the private <c>Receive-Bitget&lt;Kind&gt;</c> cmdlets add to <see cref="ReceiveBitgetCommand{T}"/>: the session
/// must be a private one (Connect-BitgetStream -Private), and without -Symbol the topic is the account-wide
/// <c>default</c> one. Every event the session receives is written; one the pipeline could not keep up with is counted
/// and reported in a warning.
/// </summary>
/// <typeparam name="T">The private item type, e.g. <c>BitgetOrder</c>.</typeparam>
public abstract class ReceiveBitgetPrivateCommand<T> : ReceiveBitgetCommand<T> where T : class
{
    private BitgetCredentials? _credentials;

    /// <summary>
    /// With -Endpoint: the API key as the user name and the API secret as the password (e.g. from Get-Credential or
    /// Get-Secret) of the session the command opens for itself; else the BITGET_* variables or .env, as
    /// Connect-BitgetStream -Private finds them.
    /// </summary>
    [Parameter(ParameterSetName = "Endpoint")]
    [ValidateNotNull]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>With -Endpoint: the passphrase chosen when the API key was created (else BITGET_PASSPHRASE or .env).</summary>
    [Parameter(ParameterSetName = "Endpoint")]
    [ValidateNotNull]
    public SecureString? Passphrase { get; set; }

    /// <summary>
    /// With -Endpoint: a .env file to read BITGET_API_KEY, BITGET_SECRET_KEY and BITGET_PASSPHRASE from when neither
    /// parameters nor the environment supply them (default: .env in the current directory, if there is one).
    /// </summary>
    [Parameter(ParameterSetName = "Endpoint")]
    [ValidateNotNullOrEmpty]
    public string? EnvFile { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (ParameterSetName == "Endpoint")
            // A session of its own: the credentials are found (or the command ends) before anything connects.
            _credentials = CredentialResolution.Resolve(this, null, Credential, null, Passphrase, EnvFile);
        else
            PrivateCommandSupport.RequirePrivate(this, ParameterSetName == "Session" ? Session : null, Sessions.Default);
        base.BeginProcessing();
    }

    // A server root (no path) gets the private path of the command's API; a login goes only where it is safe.
    private protected override Uri OwnSessionEndpoint(Uri? given)
    {
        var privatePath = WireDialect.For(TargetApi).PrivateEndpoint(demo: false);
        var endpoint = given is null ? privatePath
            : given.IsAbsoluteUri && given.AbsolutePath == "/" ? new Uri(given, privatePath.AbsolutePath) : given;
        if (!LoginSigner.IsSafeForLogin(endpoint))
            ThrowTerminatingError(BitgetErrorRecords.InsecureLoginEndpoint(new BitgetArgumentException("Endpoint", endpoint.ToString(),
                $"Refusing to log in to {endpoint}: a login is sent only over wss://, or over ws:// to a loopback address (a local mock exchange).")));
        return endpoint;
    }

    private protected override void PrepareOwnSession(BitgetStreamSession stream)
    {
        // From here the session owns the credentials and wipes them when it ends (with the command).
        stream.EnableLogin(_credentials!);
        _credentials = null;
        WriteVerbose($"Private session of its own: logging in to {stream.Endpoint}.");
    }

    /// <inheritdoc />
    protected override void ReleaseResources()
    {
        base.ReleaseResources();
        _credentials?.Dispose();
    }

    private readonly List<Func<string, string, bool>> _localFilters = [];
    private bool _everything;

    /// <summary>The item's symbol (coin, for balances) and instType, for the local filter of a Unified session.</summary>
    private protected abstract (string Symbol, string InstType) KeyOf(T item);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Symbol is { Length: > 0 } && !PrivateScope.TakesSymbols(ChannelName) && TargetApi == BitgetApi.Classic)
            PrivateCommandSupport.Topics(this, ChannelName, Symbol, InstType); // ends the command with the reason
        Symbol = Symbol is { Length: > 0 } ? Symbol : [PrivateScope.All];
        base.ProcessRecord();
    }

    // On Unified one account-wide topic carries every product: what each input object asked for filters locally.
    private protected override IEnumerable<BitgetTopic> TopicsOf(string[]? symbols, string? instType, ISet<string> warned)
    {
        if (TargetApi == BitgetApi.Classic)
            return base.TopicsOf(symbols, instType, warned);
        if (PrivateCommandSupport.LocalFilter(symbols, instType) is { } filter)
            _localFilters.Add(filter);
        else
            _everything = true;
        return PrivateCommandSupport.Topics(this, ChannelName, null, null, TargetApi);
    }

    private protected override bool Accept(T item)
    {
        if (_everything || _localFilters.Count == 0)
            return true;
        var (symbol, instType) = KeyOf(item);
        return _localFilters.Any(f => f(symbol, instType));
    }
}
