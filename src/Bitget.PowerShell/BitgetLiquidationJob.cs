using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell;

/// <summary>
/// The job returned by <c>Register-BitgetLiquidation -Action</c>: runs the action for every liquidation of its
/// instType whose symbol matches its -Symbol filter (all without one); PSJobTypeName <c>BitgetLiquidationJob</c>.
/// </summary>
public sealed class BitgetLiquidationJob : BitgetActionJob<BitgetLiquidation>
{
    private readonly WildcardPattern[]? _filter;

    internal BitgetLiquidationJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, WildcardPattern[]? filter, ScriptBlock action,
        PSEventManager events, string command)
        : base(session, topics, action, events, command, nameof(BitgetLiquidationJob)) => _filter = filter;

    private protected override BitgetLiquidation? Admit(BitgetLiquidation item) =>
        _filter is null || _filter.Any(p => p.IsMatch(item.Symbol)) ? item : null;
}
