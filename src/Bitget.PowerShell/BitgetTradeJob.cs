using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell;

/// <summary>
/// The job returned by <c>Register-BitgetTrade -Action</c>: runs the action for every trade, each trade id once (see
/// <see cref="BitgetActionJob{T}"/>); PSJobTypeName <c>BitgetTradeJob</c>.
/// </summary>
public sealed class BitgetTradeJob : BitgetActionJob<BitgetTrade>
{
    internal BitgetTradeJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action, PSEventManager events, string command)
        : base(session, topics, action, events, command, nameof(BitgetTradeJob))
    {
    }
}
