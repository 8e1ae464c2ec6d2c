using System.Management.Automation;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.PowerShell;

/// <summary>The module's error records: one id, category and target per failure, as documented in about_Bitget.</summary>
internal static class BitgetErrorRecords
{
    public static ErrorRecord InvalidArgument(BitgetArgumentException ex) =>
        new(ex, ex.ParamName switch { "InstType" => "InvalidInstType", "Interval" => "InvalidInterval", _ => "InvalidSymbol" },
            ErrorCategory.InvalidArgument, ex.Value);

    public static ErrorRecord ConnectFailed(BitgetConnectException ex) =>
        new(ex, "BitgetConnectFailed", ErrorCategory.ConnectionError, ex.Endpoint)
        {
            ErrorDetails = new ErrorDetails(ex.Message)
            {
                RecommendedAction = "Check the endpoint and the network; Bitget's public endpoint is wss://ws.bitget.com/v2/ws/public.",
            },
        };

    public static ErrorRecord ServerError(BitgetServerException ex) =>
        new(ex, "BitgetServerError", ex.Code switch
        {
            BitgetErrorCodes.ChannelDoesNotExist => ErrorCategory.ObjectNotFound,
            BitgetErrorCodes.ParamError => ErrorCategory.InvalidArgument,
            BitgetErrorCodes.TooManyRequests or BitgetErrorCodes.OverLimit => ErrorCategory.LimitsExceeded,
            BitgetErrorCodes.ServiceUpgrade => ErrorCategory.ResourceUnavailable,
            _ => ErrorCategory.ProtocolError,
        }, (object?)ex.Channel ?? ex.Code)
        {
            ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.Hint },
        };

    public static ErrorRecord SessionFailed(string message, object? target) =>
        new(new InvalidOperationException(message), "BitgetSessionFailed", ErrorCategory.ConnectionError, target);

    public static ErrorRecord SessionNotFound(string name) =>
        new(new ItemNotFoundException($"No Bitget session is named '{name}'. Get-BitgetStream lists the sessions."),
            "BitgetSessionNotFound", ErrorCategory.ObjectNotFound, name);

    public static ErrorRecord NoSession() =>
        new(new InvalidOperationException("There is no Bitget session: connect one with Connect-BitgetStream or pass -Session."),
            "NoBitgetSession", ErrorCategory.ObjectNotFound, null);

    public static ErrorRecord SessionNameInUse(string name) =>
        new(new InvalidOperationException($"A Bitget session named '{name}' already exists; pick another -Name or disconnect it first."),
            "BitgetSessionNameInUse", ErrorCategory.ResourceExists, name);

    public static ErrorRecord SessionClosed(BitgetSession session) =>
        new(new InvalidOperationException($"Session '{session.Name}' is {session.State.ToString().ToLowerInvariant()}: {session.EndReason}. Connect a new one with Connect-BitgetStream."),
            "BitgetSessionClosed", ErrorCategory.InvalidOperation, session);

    public static ErrorRecord SymbolRequired() =>
        new(new ArgumentException("Name at least one -Symbol, or pass a -Session to stream every ticker it has."),
            "SymbolRequired", ErrorCategory.InvalidArgument, null);

    /// <summary>The error record for an error notice of a session.</summary>
    public static ErrorRecord FromNotice(BitgetNotice notice) => notice.Exception switch
    {
        BitgetServerException server => ServerError(server),
        _ when notice.Kind == BitgetNoticeKind.SessionEnded => SessionFailed(notice.Message, notice.Target),
        { } other => new ErrorRecord(other, "BitgetStreamError", ErrorCategory.NotSpecified, notice.Target),
        null => new ErrorRecord(new InvalidOperationException(notice.Message), "BitgetStreamError", ErrorCategory.NotSpecified, notice.Target),
    };

    public static ErrorRecord CredentialsMissing(Bitget.Stream.Credentials.BitgetCredentialException ex) =>
        new(ex, ex.Missing.Count > 0 ? "BitgetCredentialsMissing" : "BitgetEnvFileUnreadable", ErrorCategory.AuthenticationError,
            ex.Missing.Count > 0 ? string.Join(",", ex.Missing) : null)
        {
            ErrorDetails = new ErrorDetails(ex.Message)
            {
                RecommendedAction = "Pass -Credential (API key as user name, secret as password) and -Passphrase, set BITGET_API_KEY, BITGET_SECRET_KEY and BITGET_PASSPHRASE, or put them in a .env file (-EnvFile).",
            },
        };

    public static ErrorRecord LoginRefused(BitgetSessionFatalException ex, Uri endpoint) =>
        new(ex, "BitgetLoginFailed", ErrorCategory.AuthenticationError, endpoint)
        {
            ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = Bitget.Stream.Protocol.LoginErrors.Fix((ex.InnerException as BitgetServerException)?.Code ?? 30005) },
        };

    public static ErrorRecord InsecureLoginEndpoint(BitgetArgumentException ex) =>
        new(ex, "BitgetInsecureLoginEndpoint", ErrorCategory.SecurityError, ex.Value)
        {
            ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Use wss:// (Bitget: wss://ws.bitget.com/v2/ws/private), or ws:// only to a local mock on 127.0.0.1." },
        };

    public static ErrorRecord PrivateSessionRequired(string command) =>
        new(new InvalidOperationException($"{command} needs a private session: connect one with Connect-BitgetStream -Private (credentials from -Credential/-Passphrase, the BITGET_* variables or .env) or pass it with -Session."),
            "BitgetPrivateSessionRequired", ErrorCategory.InvalidOperation, null);
}
