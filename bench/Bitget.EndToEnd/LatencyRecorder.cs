namespace Bitget.EndToEnd;

/// <summary>
/// Receive→consumer latencies in 100 ns ticks. BitgetTicker.ReceivedAt is DateTimeOffset.UtcNow taken when the session's
/// frame handler starts (the frame is off the socket, before parsing); the consumer reads DateTime.UtcNow when Take hands it
/// the ticker: the same clock (CLOCK_REALTIME via clock_gettime on Linux, 100 ns resolution), so the two compare directly.
/// </summary>
internal sealed class LatencyRecorder(int capacity)
{
    private readonly long[] _samples = new long[capacity];
    private int _count;
    private volatile bool _recording;

    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>Samples that did not fit (the window held more items than planned for).</summary>
    public long Overflow { get; private set; }

    /// <summary>Consumer thread only.</summary>
    public void Record(DateTimeOffset receivedAt) => RecordSince(receivedAt.UtcTicks);

    /// <summary>Consumer thread only: the time since <paramref name="utcTicks"/> (DateTime.UtcNow.Ticks, this or another process).</summary>
    public void RecordSince(long utcTicks)
    {
        if (!_recording)
            return;
        var latency = DateTime.UtcNow.Ticks - utcTicks;
        if (_count < _samples.Length)
            _samples[_count++] = latency;
        else
            Overflow++;
    }

    /// <summary>p50, p99, p99.9 and max in microseconds; call after recording stopped.</summary>
    public (double P50, double P99, double P999, double Max, int Count) Summary()
    {
        var n = _count;
        if (n == 0)
            return (double.NaN, double.NaN, double.NaN, double.NaN, 0);
        Array.Sort(_samples, 0, n);
        double At(double q) => _samples[Math.Min(n - 1, (int)Math.Ceiling(q * n) - 1)] / 10.0;
        return (At(0.50), At(0.99), At(0.999), _samples[n - 1] / 10.0, n);
    }
}
