using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell;

/// <summary>
/// The job returned by <c>Register-BitgetPosition -Action</c>: runs the action for every private position event, none skipped
/// (see <see cref="BitgetActionJob{T}"/>); PSJobTypeName <c>BitgetPositionJob</c>.
/// </summary>
public sealed class BitgetPositionJob : BitgetActionJob<BitgetPosition>
{
    internal BitgetPositionJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action, PSEventManager events, string command,
        Func<string, string, bool>? localFilter = null)
        : base(session, topics, action, events, command, nameof(BitgetPositionJob),
            localFilter is null ? null : o => localFilter(o.Symbol, o.InstType))
    {
    }
}
