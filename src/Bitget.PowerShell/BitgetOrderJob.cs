using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell;

/// <summary>
/// The job returned by <c>Register-BitgetOrder -Action</c>: runs the action for every private order event, none skipped
/// (see <see cref="BitgetActionJob{T}"/>); PSJobTypeName <c>BitgetOrderJob</c>.
/// </summary>
public sealed class BitgetOrderJob : BitgetActionJob<BitgetOrder>
{
    internal BitgetOrderJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action, PSEventManager events, string command,
        Func<string, string, bool>? localFilter = null)
        : base(session, topics, action, events, command, nameof(BitgetOrderJob),
            localFilter is null ? null : o => localFilter(o.Symbol, o.InstType))
    {
    }
}
