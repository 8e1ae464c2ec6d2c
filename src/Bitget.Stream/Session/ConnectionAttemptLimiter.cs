namespace Bitget.Stream.Session;

/// <summary>
/// A token bucket for connection attempts, shared by every session of the process (see <see cref="ExchangeLimits"/>): Bitget allows 300 connection requests per
/// IP in 5 minutes, and a long outage with several connections retrying must not spend that (IPs that keep breaking
/// the limits may be blocked). Bursts up to <c>burst</c>, then one attempt per <c>interval</c>.
/// </summary>
internal sealed class ConnectionAttemptLimiter(int burst, TimeSpan interval)
{
    private readonly object _gate = new();
    private double _tokens = burst;
    private long _refilledAt = Environment.TickCount64;

    /// <summary>Waits until an attempt may be made and takes it.</summary>
    public async Task WaitAsync(CancellationToken cancellation)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = Environment.TickCount64;
                _tokens = Math.Min(burst, _tokens + (now - _refilledAt) / interval.TotalMilliseconds);
                _refilledAt = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }
                wait = TimeSpan.FromMilliseconds((1 - _tokens) * interval.TotalMilliseconds);
            }
            await Task.Delay(wait, cancellation).ConfigureAwait(false);
        }
    }
}
