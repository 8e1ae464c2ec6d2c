namespace Bitget.Stream.Protocol;

/// <summary>
/// The authentication error codes of Bitget's socket and what the user should do about each. Reconnecting cannot
/// fix any of them, so a private session ends on them.
/// </summary>
public static class LoginErrors
{
    /// <summary>Whether <paramref name="code"/> rejects the login or says the connection is not logged in.</summary>
    public static bool IsAuthentication(int code) => code is 30004 or 30005 or (>= 30011 and <= 30015);

    /// <summary>How to fix the cause of an authentication error.</summary>
    public static string Fix(int code) => code switch
    {
        30004 => "The connection is not logged in: private channels need a private session (Connect-BitgetStream -Private with credentials).",
        30005 => "Check the API key, secret and passphrase, and that the key matches the endpoint (demo keys work only with -Demo, live keys only without).",
        30011 => "The API key is unknown to this endpoint: check BITGET_API_KEY (or the -Credential user name), that the key was not deleted, and that demo keys are used with -Demo.",
        30012 => "The passphrase does not match the API key: check BITGET_PASSPHRASE (or -Passphrase); it is the one chosen when the key was created.",
        30013 => "The login timestamp was refused: the system clock is off. Synchronise it (NTP, e.g. w32tm /resync or timedatectl set-ntp true).",
        30014 => "The login timestamp expired: the system clock is off by more than 30 seconds. Synchronise it (NTP, e.g. w32tm /resync or timedatectl set-ntp true).",
        30015 => "The signature does not match: the API secret is wrong. Check BITGET_SECRET_KEY (or the -Credential password / -ApiSecret).",
        _ => "Check the credentials.",
    };

    /// <summary>The whole message for an authentication error: code, meaning, fix. Never includes a credential.</summary>
    public static string Describe(int code, string? serverMessage) => $"{WhatHappened(code, serverMessage)} {Fix(code)}";

    /// <summary>What happened, without the fix (shown beside <see cref="Fix"/> where a fix has its own place).</summary>
    public static string WhatHappened(int code, string? serverMessage) =>
        $"Bitget refused the login ({code} {BitgetErrorCodes.Describe(code) ?? ServerText.Escape(serverMessage) ?? "error"}).";
}
