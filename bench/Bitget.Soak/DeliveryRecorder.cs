using System.Diagnostics;

namespace Bitget.Soak;

/// <summary>
/// Counts deliveries and notices when they stop: a silent stall is a gap of more than <c>stallAfter</c> without a
/// single ticker while no fault is being injected or recovered from (the stream says it is fine but delivers nothing).
/// </summary>
internal sealed class DeliveryRecorder(TimeSpan stallAfter)
{
    private readonly object _gate = new();
    private long _delivered;
    private long _lastDelivery = Stopwatch.GetTimestamp();
    private bool _faultWindow;
    private long _firstAfterClear;
    private long _clearedAt;
    private readonly HashSet<string> _seenSinceClear = [];

    public long Delivered => Interlocked.Read(ref _delivered);
    public int SilentStalls { get; private set; }
    public TimeSpan LongestQuietGap { get; private set; }

    public void OnTicker(string symbol)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _delivered);
        lock (_gate)
        {
            _lastDelivery = now;
            if (_clearedAt != 0)
            {
                if (_firstAfterClear == 0)
                    _firstAfterClear = now;
                _seenSinceClear.Add(symbol);
            }
        }
    }

    /// <summary>A fault starts: gaps from now on are expected until data is back.</summary>
    public void FaultStarted()
    {
        lock (_gate)
        {
            _faultWindow = true;
            _clearedAt = 0;
            _firstAfterClear = 0;
            _seenSinceClear.Clear();
        }
    }

    /// <summary>The server is healthy again; the recovery clock starts.</summary>
    public void FaultCleared()
    {
        lock (_gate)
        {
            _clearedAt = Stopwatch.GetTimestamp();
            _firstAfterClear = 0;
            _seenSinceClear.Clear();
        }
    }

    /// <summary>Time from clear to first ticker, and to every symbol having delivered again (null while not yet).</summary>
    public (TimeSpan? First, TimeSpan? All) Recovery(int symbols)
    {
        lock (_gate)
        {
            if (_clearedAt == 0)
                return (null, null);
            TimeSpan? first = _firstAfterClear == 0 ? null : Stopwatch.GetElapsedTime(_clearedAt, _firstAfterClear);
            TimeSpan? all = _seenSinceClear.Count >= symbols ? Stopwatch.GetElapsedTime(_clearedAt) : null;
            return (first, all);
        }
    }

    /// <summary>Recovery is complete: gaps count as stalls again.</summary>
    public void FaultOver()
    {
        lock (_gate)
        {
            _faultWindow = false;
            _clearedAt = 0;
            _lastDelivery = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Called every 100 ms.</summary>
    public void Sample()
    {
        lock (_gate)
        {
            if (_faultWindow)
                return;
            var gap = Stopwatch.GetElapsedTime(_lastDelivery);
            if (gap > LongestQuietGap)
                LongestQuietGap = gap;
            if (gap > stallAfter)
            {
                SilentStalls++;
                _lastDelivery = Stopwatch.GetTimestamp(); // one stall per gap
            }
        }
    }
}
