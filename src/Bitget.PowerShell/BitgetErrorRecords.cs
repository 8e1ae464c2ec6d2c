using System.Management.Automation;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.PowerShell;

/// <summary>The module's error records: one id, category and target per failure, as documented in about_Bitget.</summary>
internal static class BitgetErrorRecords
{
    public static ErrorRecord InvalidArgument(BitgetArgumentException ex)
    {
        var (id, action) = ex.ParamName switch
        {
            "InstType" => ("InvalidInstType",
                "Use one of USDT-FUTURES, COIN-FUTURES, USDC-FUTURES, SPOT (or a demo type: SUSDT-FUTURES, SCOIN-FUTURES, SUSDC-FUTURES); press Tab after -InstType to pick one."),
            "Interval" => ("InvalidInterval", "Use a candle interval the message lists; press Tab after -Interval to pick one."),
            "Depth" => ("InvalidDepth", "Use a depth the message lists (Classic: 1, 5, 15, Full; Unified: 1, 5, 50, Full) or a number of levels."),
            "History" or "Fast" => ("InvalidForApi", "Omit the switch, or use a session of the API the message names."),
            "Channel" => ("InvalidChannel", "Use a channel name of letters, digits, '-' and '_', e.g. ticker or books5; press Tab after -Channel to pick one."),
            "Endpoint" => ("InvalidEndpoint", "Use a ws:// or wss:// address, e.g. wss://ws.bitget.com/v2/ws/public."),
            "Symbol" => ("InvalidSymbol",
                "Use a Bitget symbol of letters and digits without separators, e.g. BTCUSDT (futures and spot) or BTCUSD (coin futures); press Tab after -Symbol for common ones."),
            _ => ("InvalidSessionOption", "Use a value in the range the message names."),
        };
        return new ErrorRecord(ex, id, ErrorCategory.InvalidArgument, ex.Value)
        {
            ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = action },
        };
    }

    public static ErrorRecord ConnectFailed(BitgetConnectException ex) =>
        new(ex, "BitgetConnectFailed", ErrorCategory.ConnectionError, ex.Endpoint)
        {
            ErrorDetails = new ErrorDetails(ex.Message)
            {
                RecommendedAction = IsPrivatePath(ex.Endpoint)
                    ? "Check the endpoint and the network; Bitget's private endpoint is wss://ws.bitget.com/v2/ws/private (Unified: /v3/ws/private)."
                    : "Check the endpoint and the network; Bitget's public endpoint is wss://ws.bitget.com/v2/ws/public. " + OfflineWaysIn,
            },
        };

    /// <summary>Where a user without a network (or without Bitget) can still try the module.</summary>
    internal const string OfflineWaysIn =
        "Offline, replay the bundled capture: Connect-BitgetStream -ReplayPath (Join-Path (Split-Path (Get-Module Bitget).Path) samples/bitget-sample.jsonl.gz); "
        + "or run the loopback mock exchange: Start-BitgetMockExchange (README, 'Offline: the mock exchange').";

    private static bool IsPrivatePath(Uri endpoint) =>
        endpoint.IsAbsoluteUri && endpoint.AbsolutePath.TrimEnd('/').EndsWith("/ws/private", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// For Bitget's public path (<c>/v2/ws/public</c>, <c>/v3/ws/public</c>) the same address with the private path;
    /// null for any other endpoint.
    /// </summary>
    public static Uri? PrivatePathOf(Uri endpoint)
    {
        if (!endpoint.IsAbsoluteUri)
            return null;
        var path = endpoint.AbsolutePath.TrimEnd('/');
        foreach (var version in (string[])["/v2", "/v3"])
        {
            if (path.EndsWith(version + "/ws/public", StringComparison.OrdinalIgnoreCase))
                return new UriBuilder(endpoint) { Path = path[..^"public".Length] + "private" }.Uri;
        }
        return null;
    }

    /// <summary>A private session asked of a public endpoint: refused before connecting, with the private address.</summary>
    public static ErrorRecord PublicEndpointForPrivate(Uri endpoint, Uri privateEndpoint) =>
        new(new ArgumentException($"{endpoint} is a public endpoint (its path is {endpoint.AbsolutePath}): Bitget answers no login there, and private channels need a private one."),
            "BitgetPublicEndpointForPrivate", ErrorCategory.InvalidArgument, endpoint)
        {
            ErrorDetails = new ErrorDetails($"{endpoint} is a public endpoint (its path is {endpoint.AbsolutePath}): Bitget answers no login there.")
            {
                RecommendedAction = $"Use the private path: Connect-BitgetStream -Private -Endpoint {privateEndpoint} (or omit -Endpoint for Bitget's own); for public data, drop -Private and the credentials.",
            },
        };

    /// <summary>
    /// Topics that would need connections beyond Bitget's per-IP limit: refused before anything was subscribed or opened.
    /// The target is the number of new topics asked for.
    /// </summary>
    public static ErrorRecord ConnectionLimit(BitgetConnectionLimitException ex) =>
        new(ex, "BitgetConnectionLimit", ErrorCategory.LimitsExceeded, ex.TopicCount)
        {
            ErrorDetails = new ErrorDetails(ex.Message)
            {
                RecommendedAction = "Subscribe fewer symbols, or first close a session (Disconnect-BitgetStream) or unregister topics; Get-BitgetStream shows each session's ConnectionCount.",
            },
        };

    /// <summary>A topic the server refused when Register-* subscribed it; the target is the topic.</summary>
    public static ErrorRecord TopicRefused(Bitget.Stream.Models.BitgetSubscriptionInfo subscription)
    {
        var topic = $"{subscription.InstType}/{subscription.Channel}/{subscription.Symbol}";
        var reason = subscription.LastError ?? "no reason given";
        var code = System.Text.RegularExpressions.Regex.Match(reason, @"Bitget error (\d+)") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new ErrorRecord(new InvalidOperationException($"The server refused {topic}: {reason}"), "BitgetTopicRefused", Category(code), topic)
        {
            ErrorDetails = new ErrorDetails($"The server refused {topic}.")
            {
                RecommendedAction = "Check the symbol and its -InstType (press Tab after -Symbol); Unregister it, or register the right one.",
            },
        };
    }

    private static ErrorCategory Category(int code) => code switch
    {
        BitgetErrorCodes.ChannelDoesNotExist => ErrorCategory.ObjectNotFound,
        BitgetErrorCodes.ParamError => ErrorCategory.InvalidArgument,
        BitgetErrorCodes.TooManyRequests or BitgetErrorCodes.OverLimit => ErrorCategory.LimitsExceeded,
        BitgetErrorCodes.ServiceUpgrade => ErrorCategory.ResourceUnavailable,
        _ => ErrorCategory.ProtocolError,
    };

    public static ErrorRecord ServerError(BitgetServerException ex) =>
        // The target is the topic the server named: shown (CategoryInfo, the error view), so escaped.
        new(ex, "BitgetServerError", Category(ex.Code), (object?)ServerText.Escape(ex.Channel) ?? ex.Code)
        {
            // The exception's message ends with the hint; the details carry it once, as the recommended action.
            ErrorDetails = new ErrorDetails(WithoutHint(ex)) { RecommendedAction = ex.Hint },
        };

    private static string WithoutHint(BitgetServerException ex) =>
        ex.Message.EndsWith(". " + ex.Hint, StringComparison.Ordinal) ? ex.Message[..^(ex.Hint.Length + 1)] : ex.Message;

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

    public static ErrorRecord SymbolRequired(string itemNoun) =>
        new(new ArgumentException($"Name at least one -Symbol, or pass a -Session to stream every {itemNoun} it has."),
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
            // What happened in the message, the fix once, as the recommended action.
            ErrorDetails = new ErrorDetails(ex.InnerException is BitgetServerException refused
                ? Bitget.Stream.Protocol.LoginErrors.WhatHappened(refused.Code, refused.ServerMessage)
                : ex.Message)
            {
                RecommendedAction = Bitget.Stream.Protocol.LoginErrors.Fix((ex.InnerException as BitgetServerException)?.Code ?? 30005),
            },
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
