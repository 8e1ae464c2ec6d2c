using System.Management.Automation;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Commands;

/// <summary>What the private Receive/Register/Unregister cmdlets share: their session must log in; topics default to "default".</summary>
internal static class PrivateCommandSupport
{
    /// <summary>The private session to use (given, else the default one), or a terminating error.</summary>
    public static BitgetSession RequirePrivate(PSCmdlet cmdlet, BitgetSession? given, BitgetSession? @default)
    {
        var session = given ?? @default;
        if (session is null || !session.IsPrivate)
            cmdlet.ThrowTerminatingError(BitgetErrorRecords.PrivateSessionRequired(cmdlet.MyInvocation.MyCommand.Name));
        return session!;
    }

    /// <summary>The channel's topics for the symbols (none: every symbol / the whole account), or a terminating error.</summary>
    public static IReadOnlyList<BitgetTopic> Topics(PSCmdlet cmdlet, string channel, string[]? symbols, string? instType)
    {
        var warnings = new List<string>();
        try
        {
            var topics = PrivateScope.Topics(channel, symbols, instType, warnings);
            foreach (var warning in warnings)
                cmdlet.WriteWarning(warning);
            return topics;
        }
        catch (BitgetArgumentException ex)
        {
            cmdlet.ThrowTerminatingError(BitgetErrorRecords.InvalidArgument(ex));
            throw; // not reached
        }
    }
}
