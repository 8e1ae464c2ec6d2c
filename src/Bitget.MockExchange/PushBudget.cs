namespace Bitget.MockExchange;

/// <summary>
/// The data pushes of one connection, counted against <see cref="MockExchangeOptions.DropAfterPushes"/>: every push path
/// asks it how many may go and reports what went, so the limit holds exactly in every mode. Thread-safe (the even-rate
/// thread counts too).
/// </summary>
internal sealed class PushBudget(MockBitgetExchange exchange, Action softDrop)
{
    private long _sent;

    /// <summary>
    /// How many of <paramref name="wanted"/> pushes may be sent now; 0 when the limit is reached, in which case the connection
    /// is being dropped (after what was sent reaches the client).
    /// </summary>
    public long Take(long wanted)
    {
        if (exchange.Options.DropAfterPushes is not int limit)
        {
            return wanted;
        }

        var left = limit - Volatile.Read(ref _sent);
        if (left <= 0)
        {
            softDrop();
            return 0;
        }

        return Math.Min(wanted, left);
    }

    /// <summary>Counts pushes once they were written.</summary>
    public void Count(long pushes)
    {
        Interlocked.Add(ref _sent, pushes);
        exchange.CountPushes(pushes);
    }
}
