namespace Bitget.EndToEnd;

/// <summary>
/// The measuring protocol every scenario shares: wait for the first item, warm up (JIT tiers, pools, TCP windows),
/// then count items over a fixed window while <see cref="ResourceMeter"/> records what the process spent.
/// </summary>
internal sealed class MeasuredWindow
{
    private MeasuredWindow(long items, ResourceMeter meter)
    {
        Items = items;
        Meter = meter;
    }

    public long Items { get; }

    public ResourceMeter Meter { get; }

    public double Rate => Items / Meter.Wall.TotalSeconds;

    /// <param name="count">Reads the live item count.</param>
    /// <param name="options">Warm-up and window lengths.</param>
    /// <param name="mock">The mock whose CPU is reported alongside, if any.</param>
    /// <param name="onWindow">Called when the window starts (true) and ends (false), e.g. to record latencies only inside it.</param>
    public static async Task<MeasuredWindow> RunAsync(Func<long> count, BenchOptions options, MockProcess? mock, Action<bool>? onWindow = null)
    {
        var firstBy = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (count() == 0)
        {
            if (DateTime.UtcNow > firstBy)
                throw new TimeoutException("no item arrived within 30 s");
            await Task.Delay(10);
        }
        await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
        onWindow?.Invoke(true);
        var meter = new ResourceMeter(mock);
        var start = count();
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        var end = count();
        meter.Stop();
        onWindow?.Invoke(false);
        return new MeasuredWindow(end - start, meter);
    }
}
