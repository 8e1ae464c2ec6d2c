using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>
/// A consumer's run over its feed, bounded in time or not (<c>Receive-* -Timeout</c>): items and notices as they come,
/// until the feed ends or the time limit passes; at the limit what the feed holds is handed out, not thrown away
/// (<see cref="Next"/>). Its time is measured on a monotonic clock (the timestamp of a
/// <see cref="TimeProvider"/>, not its wall clock), so a step of the system clock (an NTP correction, a manual change)
/// neither ends a run early nor makes it last longer.
/// </summary>
/// <typeparam name="T">The item type, e.g. <see cref="BitgetTicker"/>.</typeparam>
public sealed class BoundedFeedRun<T> where T : class
{
    private readonly BitgetFeed<T> _feed;
    private readonly TimeProvider _time;
    private readonly long _started;
    private long _sealedAt;

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

    /// <summary>How long the end of a run may take to hand out what the feed held at the limit.</summary>
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

    /// <summary>Items handed out after the limit: those the feed held when the time was up.</summary>
    public long HandedOutAtEnd { get; private set; }

    /// <summary>Items the feed held at the limit that the consumer did not take within <see cref="DrainLimit"/>: dropped and counted.</summary>
    public long DroppedAtEnd { get; private set; }

    /// <summary>
    /// The next notice or item, waiting at most <paramref name="maxWait"/> (and never past the limit):
    /// <see cref="BitgetFeedResult.TimedOut"/> when nothing came in that time, <see cref="BitgetFeedResult.Completed"/>
    /// when the feed ended, or when the time is up and what the feed held then was handed out.
    /// </summary>
    /// <remarks>
    /// At the limit the feed is sealed: it takes nothing new in (what arrives later belongs to no one's run), and what it
    /// holds is handed out without waiting, for at most <see cref="DrainLimit"/>; what is left then is dropped and counted
    /// (<see cref="DroppedAtEnd"/>, the feed's and the session's drops). So a run that ends on time has delivered or
    /// counted everything its feed took in.
    /// </remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public BitgetFeedResult Next(TimeSpan maxWait, CancellationToken cancellation, out T? item, out BitgetNotice? notice)
    {
        while (true)
        {
            item = null;
            notice = null;
            if (TimeIsUp)
                return HandOutRest(out item, out notice);
            if (Limit is not null && Remaining <= TimeSpan.Zero)
            {
                TimeIsUp = true;
                _feed.Seal();
                _sealedAt = _time.GetTimestamp();
                continue;
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

    // After the limit: what the sealed feed holds, notices first, without waiting; then the end.
    private BitgetFeedResult HandOutRest(out T? item, out BitgetNotice? notice)
    {
        item = null;
        notice = null;
        if (_time.GetElapsedTime(_sealedAt) >= DrainLimit)
        {
            DroppedAtEnd += _feed.DropQueued();
            return BitgetFeedResult.Completed;
        }
        if (_feed.TryTakeNotice(out notice))
            return BitgetFeedResult.Notice;
        if (_feed.TryTakeItem(out item))
        {
            HandedOutAtEnd++;
            return BitgetFeedResult.Item;
        }
        return BitgetFeedResult.Completed;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
