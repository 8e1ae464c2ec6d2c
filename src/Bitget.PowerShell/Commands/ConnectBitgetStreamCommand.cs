using System.Management.Automation;
using System.Security;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Opens a Bitget streaming session and makes it the default session of the runspace.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "BitgetStream", DefaultParameterSetName = PublicParameterSet)]
[OutputType(typeof(BitgetSession))]
public sealed class ConnectBitgetStreamCommand : BitgetCmdlet
{
    private const string PublicParameterSet = "Public";
    private const string EndpointParameterSet = "Endpoint";
    private const string ReplayParameterSet = "Replay";

    /// <summary>The WebSocket endpoint, e.g. a local mock exchange (ws://127.0.0.1:8765/v2/ws/public).</summary>
    [Parameter(ParameterSetName = EndpointParameterSet, Mandatory = true)]
    [ValidateNotNull]
    public Uri Endpoint { get; set; } = null!;

    /// <summary>Use Bitget's demo-trading endpoint (wspap.bitget.com).</summary>
    [Parameter(ParameterSetName = PublicParameterSet)]
    public SwitchParameter Demo { get; set; }

    /// <summary>
    /// Which Bitget API to speak: Classic (v2, the Classic account), Unified (v3, the Unified Trading Account) or Auto
    /// (default): a public session is Classic; a private one asks the exchange which account the key belongs to. An
    /// -Endpoint whose path is /v3/ws/… is Unified, /v2/ws/… Classic.
    /// </summary>
    [Parameter(ParameterSetName = PublicParameterSet)]
    [Parameter(ParameterSetName = EndpointParameterSet)]
    [ValidateSet(ApiChoice.Auto, ApiChoice.Classic, ApiChoice.Unified)]
    public string Api { get; set; } = ApiChoice.Auto;

    /// <summary>Store every received frame with its receipt time in this file (JSON lines; gzip when it ends in .gz).</summary>
    [Parameter(ParameterSetName = PublicParameterSet)]
    [Parameter(ParameterSetName = EndpointParameterSet)]
    [ValidateNotNullOrEmpty]
    public string? RecordPath { get; set; }

    /// <summary>Play a recording (-RecordPath) instead of connecting: every cmdlet works offline on it.</summary>
    [Parameter(ParameterSetName = ReplayParameterSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string ReplayPath { get; set; } = "";

    /// <summary>0 plays the recording as fast as its consumers take it (default), 1 at the recorded pace, N times faster.</summary>
    [Parameter(ParameterSetName = ReplayParameterSet)]
    [ValidateRange(0.0, 1_000_000.0)]
    public double ReplaySpeed { get; set; }
    /// <summary>
    /// Log in and use the private channels (orders, positions, account, fills): Bitget's /v2/ws/private endpoint (with
    /// -Demo the demo one), or the -Endpoint given. Implied by -Credential, -ApiKey, -ApiSecret and -Passphrase.
    /// </summary>
    [Parameter]
    public SwitchParameter Private { get; set; }

    /// <summary>API key as the user name and API secret as the password, e.g. from Get-Credential or Get-Secret.</summary>
    [Parameter]
    [ValidateNotNull]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The API key (instead of -Credential).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ApiKey { get; set; }

    /// <summary>The API secret (instead of -Credential).</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? ApiSecret { get; set; }

    /// <summary>The passphrase chosen when the API key was created.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? Passphrase { get; set; }

    /// <summary>A .env file to read BITGET_API_KEY, BITGET_SECRET_KEY and BITGET_PASSPHRASE from when neither parameters nor
    /// the environment supply them (default: .env in the current directory, if there is one).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EnvFile { get; set; }

    /// <summary>Seconds between pings (Bitget expects one at least every 30 s).</summary>
    [Parameter]
    [ValidateRange(1, 120)]
    public int PingInterval { get; set; } = 30;

    /// <summary>Seconds of silence after a ping before the connection is replaced.</summary>
    [Parameter]
    [ValidateRange(1, 300)]
    public int PongTimeout { get; set; } = 10;

    /// <summary>Consecutive failed reconnects before the session gives up; 0 (default) retries forever.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaxReconnectAttempts { get; set; }

    /// <summary>
    /// Items kept per kind and symbol for Get-BitgetTicker. Default: 1,000 per symbol and 100,000 in all (about 50 MiB;
    /// with more than 100 symbols each keeps its share). Given: that many per symbol, however many symbols (about 0.5 MiB
    /// per 1,000 tickers).
    /// </summary>
    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int BufferSize { get; set; } = BitgetSession.DefaultBufferSize;

    /// <summary>A name for the session (default Bitget1, Bitget2, …).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (Name is not null && Sessions.IsNameTaken(Name))
            ThrowTerminatingError(BitgetErrorRecords.SessionNameInUse(Name));

        if (Credential is not null && (ApiKey is not null || ApiSecret is not null))
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Pass either -Credential or -ApiKey and -ApiSecret, not both."),
                "BitgetCredentialConflict", ErrorCategory.InvalidArgument, null));
        var isPrivate = Private || Credential is not null || ApiKey is not null || ApiSecret is not null || Passphrase is not null;
        // An -Endpoint without a path names a server (a mock exchange, a gateway): the API's own path is appended.
        var serverRoot = ParameterSetName == EndpointParameterSet && Endpoint.IsAbsoluteUri && Endpoint.AbsolutePath == "/";
        // A login on Bitget's public path is never answered: say so now rather than after the login times out.
        if (isPrivate && ParameterSetName == EndpointParameterSet && BitgetErrorRecords.PrivatePathOf(Endpoint) is { } privateEndpoint)
            ThrowTerminatingError(BitgetErrorRecords.PublicEndpointForPrivate(Endpoint, privateEndpoint));
        var chosen = ParameterSetName == EndpointParameterSet && !serverRoot
            ? WireDialect.ApiOfEndpoint(Endpoint) is null && ApiChoice.Parse(Api) is null ? (BitgetApi?)null : ApiForOwnSession(Api, Endpoint)
            : ApiChoice.Parse(Api);
        // Auto: public sessions are Classic (the seed's v2); a private one asks the exchange which account the key is of.
        var credentials = isPrivate ? CredentialResolution.Resolve(this, ApiKey, Credential, ApiSecret, Passphrase, EnvFile) : null;
        var api = chosen ?? (credentials is null ? BitgetApi.Classic : ProbeAccountMode(credentials, serverRoot || ParameterSetName == EndpointParameterSet ? Endpoint : null));
        var dialect = WireDialect.For(api);
        var endpoint = ParameterSetName == EndpointParameterSet && !serverRoot
            ? Endpoint
            : isPrivate ? dialect.PrivateEndpoint(Demo) : dialect.PublicEndpoint(Demo);
        if (serverRoot)
            endpoint = new Uri(Endpoint, endpoint.AbsolutePath);
        if (isPrivate && !LoginSigner.IsSafeForLogin(endpoint))
        {
            credentials?.Dispose();
            ThrowTerminatingError(BitgetErrorRecords.InsecureLoginEndpoint(new BitgetArgumentException("Endpoint", endpoint.ToString(),
                $"Refusing to log in to {endpoint}: a login is sent only over wss://, or over ws:// to a loopback address (a local mock exchange).")));
        }
        BitgetStreamSession stream;
        try
        {
            stream = new BitgetStreamSession(new BitgetSessionOptions
            {
                Endpoint = endpoint,
                Api = api,
                Name = Name ?? "Bitget",
                PingInterval = TimeSpan.FromSeconds(PingInterval),
                PongTimeout = TimeSpan.FromSeconds(PongTimeout),
                MaxReconnectAttempts = MaxReconnectAttempts,
                RecordPath = RecordPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(RecordPath),
                ReplayPath = ParameterSetName == ReplayParameterSet ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(ReplayPath) : null,
                ReplaySpeed = ReplaySpeed,
            });
        }
        catch (BitgetArgumentException ex) when (ex.ParamName == nameof(BitgetSessionOptions.ReplayPath))
        {
            ThrowTerminatingError(new ErrorRecord(ex, "ReplayFileNotFound", ErrorCategory.ObjectNotFound, ex.Value));
            return;
        }
        catch (InvalidDataException ex) when (ParameterSetName == ReplayParameterSet)
        {
            // Not a capture at all (or damaged throughout): refused before a session exists. A partly damaged one plays.
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ReplayPath);
            ThrowTerminatingError(new ErrorRecord(ex, "ReplayFileInvalid", ErrorCategory.InvalidData, path)
            {
                ErrorDetails = new ErrorDetails($"Cannot replay '{path}': {ex.Message}")
                {
                    RecommendedAction = "Pass a file written by Connect-BitgetStream -RecordPath (JSON lines, .gz for gzip), e.g. the bundled samples/bitget-sample.jsonl.gz.",
                },
            });
            return;
        }
        catch (Exception ex) when (ParameterSetName == ReplayParameterSet && ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "ReplayFileUnreadable", ErrorCategory.ReadError, ReplayPath));
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "RecordFileFailed", ErrorCategory.WriteError, RecordPath));
            return;
        }
        catch (BitgetArgumentException ex)
        {
            // An option the core refuses (an http:// endpoint, a value out of range): its named error.
            credentials?.Dispose();
            ThrowTerminatingError(BitgetErrorRecords.InvalidArgument(ex));
            return;
        }
        catch (ArgumentException ex)
        {
            credentials?.Dispose();
            ThrowTerminatingError(new ErrorRecord(ex, "InvalidEndpoint", ErrorCategory.InvalidArgument, endpoint));
            return;
        }

        if (credentials is not null)
        {
            // From here the session owns the credentials and wipes them when it ends.
            stream.EnableLogin(credentials);
            WriteVerbose($"Private session: logging in to {endpoint} on every connection.");
        }
        if (!Connect(stream))
            return;

        // -BufferSize given: that depth for every symbol; otherwise the default depth within the default total.
        var session = Sessions.Add(stream, Name, BufferSize,
            MyInvocation.BoundParameters.ContainsKey(nameof(BufferSize)) ? 0 : BitgetSession.DefaultBufferLimit);
        if (session is null)
        {
            stream.Dispose();
            ThrowTerminatingError(BitgetErrorRecords.SessionNameInUse(Name!));
            return;
        }
        WriteObject(session);
    
    }

    // One signed REST call (GET /api/v3/account/settings) says Classic (40084) or Unified; on Bitget's own hosts unless
    // the -Endpoint names another server (its http(s) twin: a mock exchange answers the same call).
    private BitgetApi ProbeAccountMode(Bitget.Stream.Credentials.BitgetCredentials credentials, Uri? server)
    {
        var options = new Bitget.Stream.Rest.AccountModeProbeOptions { Demo = Demo };
        if (server is not null)
            options.BaseAddress = new UriBuilder(server) { Scheme = server.Scheme == "wss" ? "https" : "http", Path = "/", Query = "" }.Uri;
        WriteVerbose($"Asking {options.BaseAddress} which account the key belongs to (-Api Classic or -Api Unified skips this).");
        try
        {
            var result = Bitget.Stream.Rest.AccountModeProbe.ProbeAsync(credentials, options, Cancellation.Token).GetAwaiter().GetResult();
            var api = result.Mode == Bitget.Stream.Rest.BitgetAccountMode.Unified ? BitgetApi.Unified : BitgetApi.Classic;
            WriteVerbose(api == BitgetApi.Unified
                ? $"The key belongs to a Unified Trading Account (account mode {result.AccountMode ?? "unknown"}): using the Unified (v3) API."
                : "The key belongs to a Classic account (Bitget answered 40084): using the Classic (v2) API.");
            return api;
        }
        catch (Bitget.Stream.Rest.AccountModeProbeException ex)
        {
            credentials.Dispose();
            ThrowTerminatingError(new ErrorRecord(ex, "BitgetAccountModeUnknown", ErrorCategory.ConnectionError, ex.RequestUri)
            {
                ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Check the key and the network, or name the API: Connect-BitgetStream -Private -Api Classic (or -Api Unified)." },
            });
            throw; // not reached
        }
        catch (BitgetArgumentException ex)
        {
            credentials.Dispose();
            ThrowTerminatingError(BitgetErrorRecords.InvalidArgument(ex));
            throw; // not reached
        }
        catch (OperationCanceledException)
        {
            credentials.Dispose();
            throw new PipelineStoppedException();
        }
    }
}
