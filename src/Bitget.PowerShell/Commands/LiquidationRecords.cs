using System.Management.Automation;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Commands;

/// <summary>What the three liquidation cmdlets share: the topic of an instType and the error on a Classic session.</summary>
internal static class LiquidationRecords
{
    /// <summary>The liquidation topic of an instType; a spot or unknown one ends the command.</summary>
    public static BitgetTopic Topic(BitgetCmdlet command, string? instType, ISet<string> warned)
    {
        var warnings = new List<string>();
        try
        {
            var topic = TopicNormalizer.Liquidation(instType, warnings);
            foreach (var warning in warnings.Where(warned.Add))
                command.WriteWarning(warning);
            return topic;
        }
        catch (BitgetArgumentException ex)
        {
            command.ThrowTerminatingError(BitgetErrorRecords.InvalidArgument(ex));
            throw; // not reached
        }
    }

    /// <summary>Liquidations on a Classic session: what to do instead.</summary>
    public static ErrorRecord NeedsUnified(string? where) => new(
        new InvalidOperationException(
            $"Liquidations exist only on Bitget's Unified (v3) API, and {(where is null ? "this session" : $"'{where}'")} is Classic. " +
            "Omit -Session (the command opens a Unified session of its own), or connect one: Connect-BitgetStream -Api Unified."),
        "BitgetLiquidationNeedsUnified", ErrorCategory.InvalidOperation, where)
    {
        ErrorDetails = new ErrorDetails(
            $"Liquidations exist only on Bitget's Unified (v3) API, and {(where is null ? "this session" : $"'{where}'")} is Classic.")
        {
            RecommendedAction = "Omit -Session, or use a session from Connect-BitgetStream -Api Unified.",
        },
    };
}
