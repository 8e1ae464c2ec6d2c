using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>
/// A consumer's run over its feed, bounded in time or not (<c>Receive-* -Timeout</c>): items and notices as they come,
/// until the feed ends or the time limit passes. Its time is measured on a monotonic clock (the timestamp of a
/// <see cref="TimeProvider"/>, not its wall clock), so a step of the system clock (an NTP correction, a manual change)
/// neither ends a run early nor makes it last longer.
/// </summary>
/// <typeparam name="T">The item type, e.g. <see cref="BitgetTicker"/>.</typeparam>
public sealed class BoundedFeedRun<T> where T : class
{
    private readonly BitgetFeed<T> _feed;
    private readonly TimeProvider _time;
    private readonly long _started;

    /// <summary>Starts the run now.</summary>
    /// <param name="feed">The consumer's feed.</param>
    /// <param name="limit">How long the run may last; null: until the feed ends.</param>
    /// <param name="time">The clock, of which only the timestamp is read (<see cref="TimeProvider.System"/> unless a test drives it).</param>
    public BoundedFeedRun(BitgetFeed<T> feed, TimeSpan? limit, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (limit is { } l)
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(l, TimeSpan.Zero, nameof(limit));
        _feed = feed;
        Limit = limit;
        _time = time ?? TimeProvider.System;
        _started = _time.GetTimestamp();
    }

    /// <summary>How long the run may last; null when only the feed's end (or the consumer) ends it.</summary>
    public TimeSpan? Limit { get; }

    /// <summary>How long the run has lasted.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>The time left, or <see cref="Timeout.InfiniteTimeSpan"/> without a limit.</summary>
    public TimeSpan Remaining => Limit is { } limit ? Max(TimeSpan.Zero, limit - Elapsed) : Timeout.InfiniteTimeSpan;

    /// <summary>True once the time limit has passed (the run ended on its limit, not on the feed's end).</summary>
    public bool TimeIsUp { get; private set; }

    /// <summary>
    /// The next notice or item, waiting at most <paramref name="maxWait"/> (and never past the limit):
    /// <see cref="BitgetFeedResult.TimedOut"/> when nothing came in that time, <see cref="BitgetFeedResult.Completed"/>
    /// when the feed ended or the time is up.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public BitgetFeedResult Next(TimeSpan maxWait, CancellationToken cancellation, out T? item, out BitgetNotice? notice)
    {
        while (true)
        {
            item = null;
            notice = null;
            if (Limit is not null && Remaining <= TimeSpan.Zero)
            {
                TimeIsUp = true;
                return BitgetFeedResult.Completed;
            }
            var remaining = Remaining;
            var wait = remaining != Timeout.InfiniteTimeSpan && (maxWait == Timeout.InfiniteTimeSpan || remaining < maxWait) ? remaining : maxWait;
            var result = _feed.Take(wait, cancellation, out item, out notice);
            // Timed out because the limit came: the top of the loop ends the run.
            if (result == BitgetFeedResult.TimedOut && wait != maxWait)
                continue;
            return result;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
