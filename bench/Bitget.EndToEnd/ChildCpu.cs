using System.Globalization;

namespace Bitget.EndToEnd;

/// <summary>
/// CPU time (user + system) another process has used so far, read from /proc, for the <c>--peers</c> rows (the client
/// under measurement is a child process: its CPU alone, not ours or the server's). Two readings: the sum of each
/// thread's run time in ns (<c>/proc/PID/task/*/schedstat</c>; a window of 5 s at 2,000 tickers/s is 10,000 tickers,
/// and the 10 ms ticks of <c>/proc/PID/stat</c> alone would be ±1 µs a ticker), and <c>/proc/PID/stat</c>'s utime +
/// stime, which also keeps the time of threads that exited. <see cref="Between"/> takes the first unless threads exited
/// in the window (the two then disagree by more than the ticks' resolution).
/// </summary>
internal readonly record struct ChildCpu(TimeSpan Threads, TimeSpan Ticks, int ThreadCount)
{
    // USER_HZ: the unit of utime and stime in /proc/PID/stat (100 on Linux for every architecture that runs .NET).
    private const double TicksPerSecond = 100;

    public static ChildCpu Read(int pid)
    {
        long ns = 0;
        var threads = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var schedstat = File.ReadAllText(Path.Combine(task, "schedstat"));
                ns += long.Parse(schedstat.AsSpan(0, schedstat.IndexOf(' ')), CultureInfo.InvariantCulture);
                threads++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The thread exited between the listing and the read; /proc/PID/stat still counts its time.
            }
        }
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which is in parentheses and may hold spaces): state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ChildCpu(TimeSpan.FromTicks(ns / 100), TimeSpan.FromSeconds(ticks / TicksPerSecond), threads);
    }

    /// <summary>CPU used from <paramref name="start"/> to <paramref name="end"/>, and whether the ns reading was usable.</summary>
    public static (TimeSpan Cpu, bool Precise) Between(ChildCpu start, ChildCpu end)
    {
        var threads = end.Threads - start.Threads;
        var ticks = end.Ticks - start.Ticks;
        // Each tick reading is cut to 10 ms, and the kernel adds time at its own pace: 3 ticks of slack, or 3 %.
        var slack = TimeSpan.FromSeconds(3 / TicksPerSecond) + ticks * 0.03;
        return (threads - ticks).Duration() <= slack ? (threads, true) : (ticks, false);
    }
}
