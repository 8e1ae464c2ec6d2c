using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell;

/// <summary>
/// The job returned by <c>Register-BitgetTicker -Action</c>: runs the action for every ticker (see
/// <see cref="BitgetActionJob{T}"/>); PSJobTypeName <c>BitgetTickerJob</c>.
/// </summary>
public sealed class BitgetTickerJob : BitgetActionJob<BitgetTicker>
{
    internal BitgetTickerJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action, PSEventManager events, string command)
        : base(session, topics, action, events, command, nameof(BitgetTickerJob))
    {
    }

    /// <summary>Tickers dropped because the action was slower than the feed (the same as <see cref="BitgetActionJob{T}.DroppedItems"/>).</summary>
    public long DroppedTickers => DroppedItems;
}
