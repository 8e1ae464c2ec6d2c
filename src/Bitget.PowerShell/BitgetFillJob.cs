using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell;

/// <summary>
/// The job returned by <c>Register-BitgetFill -Action</c>: runs the action for every private fill event, none skipped
/// (see <see cref="BitgetActionJob{T}"/>); PSJobTypeName <c>BitgetFillJob</c>.
/// </summary>
public sealed class BitgetFillJob : BitgetActionJob<BitgetFill>
{
    internal BitgetFillJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action, PSEventManager events, string command,
        Func<string, string, bool>? localFilter = null)
        : base(session, topics, action, events, command, nameof(BitgetFillJob),
            localFilter is null ? null : o => localFilter(o.Symbol, o.InstType))
    {
    }
}
