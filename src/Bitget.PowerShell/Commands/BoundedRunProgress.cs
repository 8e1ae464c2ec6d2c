using System.Globalization;
using System.Management.Automation;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// The progress of a Receive-* run bounded by -First and/or -Timeout: items so far, their rate and the time left (the
/// sooner of the two bounds). Records are produced at most every <see cref="Interval"/>, so a fast stream does not flood
/// the host; PowerShell drops them when $ProgressPreference is SilentlyContinue.
/// </summary>
internal sealed class BoundedRunProgress
{
    /// <summary>The least time between two records.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly int _activityId;
    private readonly string _activity;
    private readonly string _noun;
    private readonly int _first;
    private readonly TimeSpan _timeout;
    private TimeSpan? _lastWritten;

    /// <param name="activityId">The progress bar's id (per command instance).</param>
    /// <param name="activity">What runs, e.g. "Receive-BitgetTicker BTCUSDT".</param>
    /// <param name="noun">The item's name, e.g. ticker.</param>
    /// <param name="first">-First, 0 when not given.</param>
    /// <param name="timeout">-Timeout, zero when not given.</param>
    public BoundedRunProgress(int activityId, string activity, string noun, int first, TimeSpan timeout)
    {
        _activityId = activityId;
        _activity = activity;
        _noun = noun;
        _first = first;
        _timeout = timeout;
    }

    /// <summary>A record for the state after <paramref name="elapsed"/> of the run, or null when the last one is too recent.</summary>
    public ProgressRecord? Next(long items, TimeSpan elapsed)
    {
        if (_lastWritten is { } last && elapsed - last < Interval)
            return null;
        _lastWritten = elapsed;
        var rate = elapsed.TotalSeconds > 0 ? items / elapsed.TotalSeconds : 0;
        double? left = null;
        var percent = 0.0;
        if (_first > 0)
        {
            percent = Math.Max(percent, 100.0 * items / _first);
            if (rate > 0)
                left = (_first - items) / rate;
        }
        if (_timeout > TimeSpan.Zero)
        {
            percent = Math.Max(percent, 100.0 * elapsed.TotalSeconds / _timeout.TotalSeconds);
            var untilTimeout = (_timeout - elapsed).TotalSeconds;
            left = left is null ? untilTimeout : Math.Min(left.Value, untilTimeout);
        }
        var of = _first > 0 ? $" of {_first.ToString(CultureInfo.InvariantCulture)}" : "";
        var status = string.Create(CultureInfo.InvariantCulture, $"{items}{of} {_noun}(s), {rate:0.0}/s");
        return new ProgressRecord(_activityId, _activity, status)
        {
            PercentComplete = (int)Math.Clamp(percent, 0, 100),
            SecondsRemaining = left is { } l ? (int)Math.Ceiling(Math.Max(l, 0)) : -1,
        };
    }

    /// <summary>The record that removes the bar.</summary>
    public ProgressRecord Completed() =>
        new(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed, PercentComplete = 100 };
}
