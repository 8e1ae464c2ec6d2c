namespace Bitget.Stream.Session;

/// <summary>
/// Capped exponential backoff with full jitter: attempt n waits a random time in
/// [<see cref="Initial"/>·2^(n-1)/2, <see cref="Initial"/>·2^(n-1)], never more than <see cref="Max"/>,
/// so that many clients dropped together do not reconnect together.
/// </summary>
public sealed class ReconnectPolicy
{
    /// <summary>The delay before the first retry (upper bound).</summary>
    public TimeSpan Initial { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The largest delay. Small, so that data resumes within a couple of seconds of the server coming back; the
    /// session's connection-attempt budget (300 per 5 minutes, Bitget's limit per IP) bounds a long outage instead.
    /// </summary>
    public TimeSpan Max { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The delay before attempt <paramref name="attempt"/> (1-based) of a run of failures.</summary>
    public TimeSpan NextDelay(int attempt, Random? random = null)
    {
        if (attempt < 1)
            return TimeSpan.Zero;
        var ceilingMs = Math.Min(Max.TotalMilliseconds, Initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        var jitter = (random ?? Random.Shared).NextDouble();
        return TimeSpan.FromMilliseconds(ceilingMs / 2 + ceilingMs / 2 * jitter);
    }
}
