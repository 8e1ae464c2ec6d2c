using System.Diagnostics;
using Bitget.Stream.Session;

namespace Bitget.Stream.Tests.Session;

/// <summary>The pong watchdog wakes only when something is due (a connection at rest must cost next to nothing).</summary>
public sealed class PongWatchdogTests
{
    [Fact]
    public async Task AtRestItDoesNotWakeBetweenDeadlines()
    {
        var looks = 0;
        var frameAt = Stopwatch.GetTimestamp();
        await using (new PongWatchdog(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), () => { }, () => 0,
                         () => { Interlocked.Increment(ref looks); return frameAt; }, _ => { }))
        {
            // A ticking watchdog (every 250 ms at these settings) would have looked 5 times by now; this one looks once.
            await Task.Delay(1300);
        }
        Assert.Equal(1, Volatile.Read(ref looks));
    }

    [Fact]
    public async Task AnUnansweredPingIsDetectedAndAnAnsweredOneIsNot()
    {
        long pingSent = 0;
        long frameAt = Stopwatch.GetTimestamp();
        var answer = true;
        var dead = new TaskCompletionSource<string>();
        await using var watchdog = new PongWatchdog(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300),
            () =>
            {
                Volatile.Write(ref pingSent, Stopwatch.GetTimestamp());
                if (Volatile.Read(ref answer))
                    Volatile.Write(ref frameAt, Stopwatch.GetTimestamp() + 1);
            },
            () => Volatile.Read(ref pingSent), () => Volatile.Read(ref frameAt), reason => dead.TrySetResult(reason));
        await Task.Delay(800);
        Assert.False(dead.Task.IsCompleted, "answered pings are no fault");
        Volatile.Write(ref answer, false);
        Assert.Contains("no pong", await dead.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
