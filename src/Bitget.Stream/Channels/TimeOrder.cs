namespace Bitget.Stream.Channels;

/// <summary>
/// "Newest exchange time wins" for one topic. The watermark starts again with every new subscription (a server may
/// restart its timestamps after a reconnect or replay); a step back of <see cref="RestartStepMs"/> or more within a
/// subscription is taken as a clock restart, not as stale data. A duplicate is the same data at the same time as the
/// last push delivered, judged on the data bytes, so a re-sent snapshot is caught even across a resubscribe.
/// State of the receive thread of the topic's connection.
/// </summary>
internal sealed class TimeOrder
{
    /// <summary>A backward step this large is a restart of the exchange's clock, not a late push.</summary>
    public const long RestartStepMs = 5_000;

    /// <summary>Consecutive skipped pushes after which the skipping is reported.</summary>
    public const int PersistentSkips = 20;

    private int _generation = -1;
    private long _watermark;
    private long _lastTs = long.MinValue;
    private ulong _lastHash;
    private int _skipRun;

    /// <summary>How far the last <see cref="TimeOrderVerdict.Restarted"/> stepped back (ms).</summary>
    public long LastStepBackMs { get; private set; }

    /// <summary>Judges a push with exchange time <paramref name="ts"/> (ms) and data hash <paramref name="hash"/>.</summary>
    public TimeOrderVerdict Judge(long ts, ulong hash, int generation)
    {
        if (ts == _lastTs && hash == _lastHash)
            return Skip(TimeOrderVerdict.Duplicate);
        var verdict = TimeOrderVerdict.Accepted;
        if (generation == _generation && ts < _watermark)
        {
            if (_watermark - ts < RestartStepMs)
                return Skip(TimeOrderVerdict.OutOfOrder);
            LastStepBackMs = _watermark - ts;
            verdict = TimeOrderVerdict.Restarted;
        }
        _generation = generation;
        _watermark = ts;
        _lastTs = ts;
        _lastHash = hash;
        _skipRun = 0;
        return verdict;
    }

    /// <summary>True once, when the skipping has gone on for <see cref="PersistentSkips"/> pushes in a row.</summary>
    public bool SkippingPersists => _skipRun == PersistentSkips;

    private TimeOrderVerdict Skip(TimeOrderVerdict verdict)
    {
        _skipRun++;
        return verdict;
    }
}
