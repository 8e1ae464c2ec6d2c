using System.Diagnostics;

namespace Bitget.EndToEnd;

/// <summary>
/// What one measured window cost this process: wall time, CPU time (user + system, all threads), bytes allocated, GCs,
/// and the peak working set of the window, plus the mock's CPU time for comparison. On Linux the kernel's own peak
/// (VmHWM) is reset at the start (clear_refs 5) and read at the end, so measuring adds no thread and no wake-ups;
/// elsewhere the working set is read at both ends only.
/// </summary>
internal sealed class ResourceMeter
{
    private readonly MockProcess? _mock;
    private readonly long _startTicks;
    private readonly TimeSpan _startCpu;
    private readonly TimeSpan _startMockCpu;
    private readonly long _startAlloc;
    private readonly int[] _startGc = new int[3];
    private readonly bool _kernelPeak;
    private readonly long _startWorkingSet;

    public ResourceMeter(MockProcess? mock)
    {
        _mock = mock;
        _kernelPeak = ResetKernelPeak();
        _startWorkingSet = Environment.WorkingSet;
        for (var g = 0; g < 3; g++)
            _startGc[g] = GC.CollectionCount(g);
        _startAlloc = GC.GetTotalAllocatedBytes(precise: false);
        _startMockCpu = mock?.CpuTime ?? TimeSpan.Zero;
        _startCpu = Environment.CpuUsage.TotalTime;
        _startTicks = Stopwatch.GetTimestamp();
    }

    public TimeSpan Wall { get; private set; }

    public TimeSpan Cpu { get; private set; }

    public TimeSpan MockCpu { get; private set; }

    public long Allocated { get; private set; }

    public int[] Collections { get; } = new int[3];

    public long PeakWorkingSet { get; private set; }

    /// <summary>Ends the window.</summary>
    public void Stop()
    {
        Wall = Stopwatch.GetElapsedTime(_startTicks);
        Cpu = Environment.CpuUsage.TotalTime - _startCpu;
        Allocated = GC.GetTotalAllocatedBytes(precise: false) - _startAlloc;
        MockCpu = (_mock?.CpuTime ?? TimeSpan.Zero) - _startMockCpu;
        for (var g = 0; g < 3; g++)
            Collections[g] = GC.CollectionCount(g) - _startGc[g];
        PeakWorkingSet = Math.Max(_startWorkingSet, _kernelPeak ? ReadKernelPeak() : Environment.WorkingSet);
    }

    /// <summary>CPU microseconds per item, allocated bytes per item, % of one core; for the table.</summary>
    public ScenarioCost CostPer(long items) => new(
        CpuMicrosPerItem: items > 0 ? Cpu.TotalMicroseconds / items : double.NaN,
        CorePercent: 100 * Cpu.TotalSeconds / Wall.TotalSeconds,
        AllocBytesPerItem: items > 0 ? (double)Allocated / items : double.NaN,
        PeakWorkingSetMb: PeakWorkingSet / (1024.0 * 1024.0),
        MockCorePercent: _mock is null ? null : 100 * MockCpu.TotalSeconds / Wall.TotalSeconds,
        Gcs: $"{Collections[0]}/{Collections[1]}/{Collections[2]}");

    private static bool ResetKernelPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return ReadKernelPeak() > 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadKernelPeak()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }
}
