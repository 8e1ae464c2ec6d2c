using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// The process's connection attempt budget against Bitget's limit (300 per IP in 5 minutes), driven through simulated
/// minutes by a test clock: whatever the pattern of wanted attempts, no 300 s window holds more than 300, and the
/// smoothing stays (a burst at once, then a steady rate).
/// </summary>
public class ConnectionAttemptLimiterTests
{
    private const long Minute = 60_000;
    private const long BitgetWindowMs = 300_000;

    public static TheoryData<string> Patterns => ["greedy", "steady 1/s", "burst after a pause", "bursts every 70 s", "random"];

    [Theory]
    [MemberData(nameof(Patterns))]
    public void NoFiveMinuteWindowHoldsMoreThanBitgetAllows(string pattern)
    {
        var granted = Run(Wanted(pattern), until: 40 * Minute);

        Assert.True(MaxInAnyWindow(granted, BitgetWindowMs) <= ExchangeLimits.AttemptsPerWindow,
            $"{pattern}: {MaxInAnyWindow(granted, BitgetWindowMs)} attempts within 300 s");
    }

    [Fact]
    public void KeepsTheBurstThenASteadyRate()
    {
        var granted = Run(Enumerable.Repeat(0L, 5000), until: 40 * Minute);

        // A minute's worth at once, then about one a second, over 40 minutes close to the limit's 300 per 5 minutes.
        Assert.Equal(60, granted.Count(t => t == 0));
        Assert.InRange(granted.Count(t => t > 0 && t <= Minute), 59, 61);
        Assert.InRange(granted.Count, 2200, 2400);
    }

    // Attempts are wanted at these times (each waits until the limiter lets it go); returns the times they went.
    private static List<long> Run(IEnumerable<long> wanted, long until)
    {
        long now = 0;
        var limiter = new ConnectionAttemptLimiter(60, TimeSpan.FromSeconds(1), ExchangeLimits.AttemptsPerWindow, ExchangeLimits.AttemptWindow, () => now);
        var granted = new List<long>();
        foreach (var at in wanted.Order())
        {
            now = Math.Max(now, at);
            long wait;
            while ((wait = limiter.TryTake()) > 0)
                now += wait;
            if (now > until)
                break;
            granted.Add(now);
        }
        return granted;
    }

    private static IEnumerable<long> Wanted(string pattern)
    {
        switch (pattern)
        {
            case "greedy": // many connections retrying without pause
                return Enumerable.Repeat(0L, 5000);
            case "steady 1/s":
                return Enumerable.Range(0, 2400).Select(i => i * 1000L);
            case "burst after a pause":
                return Enumerable.Repeat(0L, 200).Concat(Enumerable.Repeat(4 * Minute, 400)).Concat(Enumerable.Repeat(11 * Minute, 1000));
            case "bursts every 70 s":
                return Enumerable.Range(0, 34).SelectMany(i => Enumerable.Repeat(i * 70_000L, 100));
            default:
                var random = new Random(7);
                return Enumerable.Range(0, 3000).Select(_ => (long)random.Next(0, (int)(40 * Minute)));
        }
    }

    // The most attempts in any closed span of windowMs.
    private static int MaxInAnyWindow(List<long> times, long windowMs)
    {
        var max = 0;
        var first = 0;
        for (var last = 0; last < times.Count; last++)
        {
            while (times[last] - times[first] > windowMs)
                first++;
            max = Math.Max(max, last - first + 1);
        }
        return max;
    }
}
