using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell;

/// <summary>
/// The job returned by <c>Register-BitgetCandle -Action</c>: runs the action for every candle that passes the
/// command's -ClosedOnly and -IncludeHistory (see <see cref="BitgetActionJob{T}"/>); PSJobTypeName <c>BitgetCandleJob</c>.
/// </summary>
public sealed class BitgetCandleJob : BitgetActionJob<BitgetCandle>
{
    internal BitgetCandleJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action, PSEventManager events,
        string command, Func<BitgetCandle, bool> filter)
        : base(session, topics, action, events, command, nameof(BitgetCandleJob), filter)
    {
    }
}
