namespace Bitget.Stream.Rest;

/// <summary>
/// The account-mode check did not tell Classic from Unified: the exchange could not be reached, did not answer in time,
/// or answered something else (an HTTP error, JSON that is not Bitget's, another code). The message says what happened,
/// where, what to fix when the code says so, and that choosing the API skips the check. It never holds a credential; the
/// server's text in it is escaped and capped.
/// </summary>
public sealed class AccountModeProbeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="requestUri">The address asked.</param>
    /// <param name="httpStatus">The HTTP status, when an answer came.</param>
    /// <param name="code">Bitget's code, when the answer had one.</param>
    /// <param name="serverMessage">Bitget's <c>msg</c>, escaped and capped, when the answer had one.</param>
    /// <param name="inner">The network failure, if that was the cause.</param>
    public AccountModeProbeException(string message, Uri requestUri, int? httpStatus, string? code, string? serverMessage, Exception? inner = null)
        : base(message, inner)
    {
        RequestUri = requestUri;
        HttpStatus = httpStatus;
        Code = code;
        ServerMessage = serverMessage;
    }

    /// <summary>The address asked.</summary>
    public Uri RequestUri { get; }

    /// <summary>The HTTP status of the answer; null when none came.</summary>
    public int? HttpStatus { get; }

    /// <summary>Bitget's code (e.g. <c>40009</c>), as text; null when the answer had none.</summary>
    public string? Code { get; }

    /// <summary>Bitget's <c>msg</c>, escaped and capped; null when the answer had none.</summary>
    public string? ServerMessage { get; }
}
