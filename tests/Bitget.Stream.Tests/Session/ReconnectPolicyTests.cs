using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

public class ReconnectPolicyTests
{
    [Fact]
    public void GrowsExponentiallyWithJitterAndStopsAtTheCap()
    {
        var policy = new ReconnectPolicy { Initial = TimeSpan.FromSeconds(1), Max = TimeSpan.FromSeconds(30) };
        var random = new Random(42);
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var ceiling = Math.Min(30, Math.Pow(2, attempt - 1));
            for (var i = 0; i < 50; i++)
            {
                var delay = policy.NextDelay(attempt, random).TotalSeconds;
                Assert.InRange(delay, ceiling / 2, ceiling);
            }
        }
        Assert.Equal(TimeSpan.Zero, policy.NextDelay(0));
    }

    [Fact]
    public void JitterSpreadsClientsApart()
    {
        var policy = new ReconnectPolicy();
        var delays = Enumerable.Range(0, 100).Select(_ => policy.NextDelay(4)).Distinct().Count();
        Assert.True(delays > 50);
    }
}
