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

    /// <summary>
    /// On a Unified session the one account-wide topic covers every symbol and product: what -Symbol and -InstType
    /// asked for is kept here and checked against each item's own Symbol and InstType (null: everything passes).
    /// </summary>
    public static Func<string, string, bool>? LocalFilter(string[]? symbols, string? instType)
    {
        var wanted = symbols?.Where(s => !string.Equals(s, PrivateScope.All, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Trim().ToUpperInvariant()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var type = string.IsNullOrWhiteSpace(instType) ? null : BitgetInstTypes.Normalize(instType, out _);
        if ((wanted is null || wanted.Count == 0) && type is null)
            return null;
        return (symbol, itemType) => (wanted is not { Count: > 0 } || wanted.Contains(symbol))
            && (type is null || string.Equals(itemType, type, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The channel's topics for the symbols (none: every symbol / the whole account), or a terminating error.</summary>
    public static IReadOnlyList<BitgetTopic> Topics(PSCmdlet cmdlet, string channel, string[]? symbols, string? instType,
        BitgetApi api = BitgetApi.Classic)
    {
        var warnings = new List<string>();
        try
        {
            var topics = PrivateScope.Topics(channel, symbols, instType, warnings, api);
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
