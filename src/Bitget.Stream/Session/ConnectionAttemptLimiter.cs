namespace Bitget.Stream.Session;

/// <summary>
/// Paces connection attempts for every session of the process (see <see cref="ExchangeLimits"/>): Bitget allows 300
/// connection requests per IP in 5 minutes, and a long outage with several connections retrying must not spend that
/// (IPs that keep breaking the limits may be blocked). A token bucket smooths them (bursts up to <c>burst</c>, then one
/// per <c>interval</c>); a log of the last <c>perWindow</c> attempt times caps every <c>window</c>, which the bucket
/// alone does not (a full burst plus a window's worth of refill is more than the limit).
/// </summary>
internal sealed class ConnectionAttemptLimiter
{
    private readonly object _gate = new();
    private readonly int _burst;
    private readonly double _intervalMs;
    private readonly int _perWindow;
    private readonly long _windowMs;
    private readonly Func<long> _clock;
    private readonly Queue<long> _recent = new(); // times of the attempts within the window, oldest first
    private double _tokens;
    private long _refilledAt;

    /// <param name="burst">Attempts that may go at once.</param>
    /// <param name="interval">The bucket's refill: one attempt per interval.</param>
    /// <param name="perWindow">Attempts allowed in any <paramref name="window"/>.</param>
    /// <param name="window">The span the exchange counts attempts over.</param>
    /// <param name="clock">Milliseconds of a monotonic clock (<see cref="Environment.TickCount64"/> unless a test drives it).</param>
    public ConnectionAttemptLimiter(int burst, TimeSpan interval, int perWindow, TimeSpan window, Func<long>? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _burst = burst;
        _intervalMs = interval.TotalMilliseconds;
        _perWindow = perWindow;
        _windowMs = (long)Math.Ceiling(window.TotalMilliseconds);
        _clock = clock ?? (static () => Environment.TickCount64);
        _tokens = burst;
        _refilledAt = _clock();
    }

    /// <summary>Waits until an attempt may be made and takes it.</summary>
    public async Task WaitAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var wait = TryTake();
            if (wait == 0)
                return;
            await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Takes an attempt if one may be made now (returns 0); else the milliseconds until one may.</summary>
    internal long TryTake()
    {
        lock (_gate)
        {
            var now = _clock();
            _tokens = Math.Min(_burst, _tokens + (now - _refilledAt) / _intervalMs);
            _refilledAt = now;
            while (_recent.Count > 0 && now - _recent.Peek() >= _windowMs)
                _recent.Dequeue();
            long wait = 0;
            if (_tokens < 1)
                wait = Math.Max(1, (long)Math.Ceiling((1 - _tokens) * _intervalMs));
            if (_recent.Count >= _perWindow)
                wait = Math.Max(wait, _recent.Peek() + _windowMs - now);
            if (wait > 0)
                return wait;
            _tokens -= 1;
            _recent.Enqueue(now);
            return 0;
        }
    }
}
