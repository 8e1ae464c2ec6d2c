using System.Management.Automation;
using Bitget.Stream.Channels;
using Bitget.Stream.Models;

namespace Bitget.PowerShell;

/// <summary>
/// The job returned by <c>Register-BitgetOrderBook -Action</c>: runs the action for every order book (see
/// <see cref="BitgetActionJob{T}"/>), or with an interval for at most one book per symbol per interval, the newest (on
/// the wall clock live, in the books' own time in a replay), and the newest still held when the session ends;
/// PSJobTypeName <c>BitgetOrderBookJob</c>.
/// </summary>
public sealed class BitgetOrderBookJob : BitgetActionJob<BitgetOrderBook>
{
    // Used on the runspace's thread only (Admit and TakeHeld run inside InvokePending).
    private readonly OrderBookThrottle _throttle;

    internal BitgetOrderBookJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action, PSEventManager events, string command,
        TimeSpan interval)
        : base(session, topics, action, events, command, nameof(BitgetOrderBookJob)) =>
        // A replay plays far faster (or slower) than it was recorded: its books are paced by their own time.
        _throttle = new OrderBookThrottle(interval, paceByDataTime: session.IsReplay);

    /// <summary>Least time between two runs of the action for one symbol (zero: every book).</summary>
    public TimeSpan Interval => _throttle.Interval;

    /// <summary>Books replaced by a newer one of their symbol before the action ran for them (-Interval).</summary>
    public long SupersededBooks => _throttle.Superseded;

    private protected override BitgetOrderBook? Admit(BitgetOrderBook item) => _throttle.Offer(item);

    private protected override BitgetOrderBook? TakeHeld(out TimeSpan? wait)
    {
        var due = _throttle.TakeDue();
        wait = due is null ? _throttle.UntilDue() : null;
        return due;
    }

    private protected override IReadOnlyList<BitgetOrderBook> TakeRemaining() => _throttle.Flush();
}
