using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell;

/// <summary>
/// The job returned by <c>Register-BitgetAccount -Action</c>: runs the action for every private account event, none skipped
/// (see <see cref="BitgetActionJob{T}"/>); PSJobTypeName <c>BitgetAccountJob</c>.
/// </summary>
public sealed class BitgetAccountJob : BitgetActionJob<BitgetAccount>
{
    internal BitgetAccountJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action, PSEventManager events, string command,
        Func<string, string, bool>? localFilter = null)
        : base(session, topics, action, events, command, nameof(BitgetAccountJob),
            localFilter is null ? null : o => localFilter(o.Coin, o.InstType))
    {
    }
}
