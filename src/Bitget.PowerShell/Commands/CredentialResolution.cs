using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using Bitget.Stream.Credentials;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// How every cmdlet that logs in finds its credentials (Connect-BitgetStream -Private, and the private Receive-* with
/// -Endpoint opening a session of their own): the parameters, then the BITGET_* environment variables, then the .env
/// file (-EnvFile, else .env in the current folder). A missing piece ends the command before anything connects.
/// </summary>
internal static class CredentialResolution
{
    /// <summary>The credentials, owned by the caller (dispose them, or hand them to a session); or a terminating error.</summary>
    public static BitgetCredentials Resolve(PSCmdlet cmdlet, string? apiKey, PSCredential? credential, SecureString? apiSecret,
        SecureString? passphrase, string? envFile)
    {
        var envPath = envFile is not null
            ? cmdlet.GetUnresolvedProviderPathFromPSPath(envFile)
            : Path.Combine(cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath, ".env");
        try
        {
            var credentials = CredentialResolver.Resolve(
                apiKey?.ToCharArray() ?? credential?.UserName.ToCharArray(),
                ToChars(apiSecret ?? credential?.Password),
                ToChars(passphrase),
                Environment.GetEnvironmentVariable,
                envPath,
                envFileRequired: envFile is not null);
            cmdlet.WriteVerbose("Credentials resolved (values not shown).");
            return credentials;
        }
        catch (BitgetCredentialException ex)
        {
            cmdlet.ThrowTerminatingError(BitgetErrorRecords.CredentialsMissing(ex));
            throw; // not reached
        }
    }

    // Copies a SecureString into a char array the credentials own; the unmanaged copy is zeroed at once.
    private static char[]? ToChars(SecureString? secure)
    {
        if (secure is null || secure.Length == 0)
            return null;
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            var chars = new char[secure.Length];
            Marshal.Copy(pointer, chars, 0, chars.Length);
            return chars;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
