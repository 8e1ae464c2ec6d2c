namespace Bitget.MockExchange;

/// <summary>
/// Where a candle topic's candles begin: candle number p of a fixed period opens at p × period (a minute, an hour, a day
/// from 00:00 UTC), a week on Monday 00:00 UTC, a month on the 1st at 00:00 UTC, as Bitget's candles do. The number p is
/// what the push loop counts in: the candle at a moment is <see cref="IndexAt"/>, it opens at <see cref="StartMs"/>(p) and
/// ends where p + 1 opens.
/// </summary>
internal readonly struct CandleCalendar
{
    private const long DayMs = 86_400_000;

    // 1970-01-01 was a Thursday: weeks count from Monday 1970-01-05.
    private const long FirstMondayMs = 4 * DayMs;

    private readonly long _periodMs;
    private readonly long _offsetMs;
    private readonly bool _monthly;

    private CandleCalendar(long periodMs, long offsetMs, bool monthly)
    {
        _periodMs = Math.Max(1, periodMs);
        _offsetMs = offsetMs;
        _monthly = monthly;
    }

    /// <summary>
    /// The calendar of a candle topic (v2 <c>candle1W</c>, v3 <c>kline</c> with <c>1m</c>, …), or of a fixed
    /// <paramref name="period"/> when a test sets one (<see cref="MockExchangeOptions.CandlePeriod"/>).
    /// </summary>
    public static CandleCalendar For(TopicArg arg, TimeSpan? period)
    {
        if (period is { } fixedPeriod)
        {
            return new CandleCalendar((long)fixedPeriod.TotalMilliseconds, 0, false);
        }

        var interval = (arg.Version == ProtocolVersion.V2 ? arg.Channel["candle".Length..] : arg.Interval!).Replace("utc", "", StringComparison.Ordinal);
        return interval switch
        {
            "1M" => new CandleCalendar(30 * DayMs, 0, true),
            "1W" => new CandleCalendar(7 * DayMs, FirstMondayMs, false),
            _ => new CandleCalendar(FixedLengthMs(interval), 0, false),
        };
    }

    // Bitget's candle lengths below a week (utc variants alike: the mock's days begin at 00:00 UTC).
    private static long FixedLengthMs(string interval) => interval switch
    {
        "1m" => 60_000,
        "3m" => 3 * 60_000,
        "5m" => 5 * 60_000,
        "15m" => 15 * 60_000,
        "30m" => 30 * 60_000,
        "1H" => 3_600_000,
        "4H" => 4 * 3_600_000,
        "6H" => 6 * 3_600_000,
        "12H" => 12 * 3_600_000,
        "3D" => 3 * DayMs,
        _ => DayMs,
    };

    /// <summary>The number of the candle that holds the moment <paramref name="ms"/> (Unix ms).</summary>
    public long IndexAt(long ms)
    {
        if (_monthly)
        {
            var t = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return ((t.Year - 1970) * 12L) + t.Month - 1;
        }

        return (ms - _offsetMs) / _periodMs;
    }

    /// <summary>When candle <paramref name="p"/> opens (Unix ms).</summary>
    public long StartMs(long p) => _monthly
        ? new DateTimeOffset(1970 + (int)(p / 12), (int)(p % 12) + 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()
        : (p * _periodMs) + _offsetMs;
}
