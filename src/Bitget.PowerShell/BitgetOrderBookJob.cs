using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell;

/// <summary>
/// The job returned by <c>Register-BitgetOrderBook -Action</c>: runs the action for every order book (see
/// <see cref="BitgetActionJob{T}"/>); PSJobTypeName <c>BitgetOrderBookJob</c>.
/// </summary>
public sealed class BitgetOrderBookJob : BitgetActionJob<BitgetOrderBook>
{
    internal BitgetOrderBookJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action, PSEventManager events, string command)
        : base(session, topics, action, events, command, nameof(BitgetOrderBookJob))
    {
    }
}
