using System.Diagnostics;
using System.Globalization;

namespace Bitget.Benchmarks;

/// <summary>
/// <c>--cpu-time</c>: the local order book benchmarks timed by this process's CPU time instead of the wall clock, for
/// machines shared with other work, where BenchmarkDotNet's wall-clock means include the time the benchmark was not
/// running at all. Still inflated by a busy machine (shared caches and cores), but not by waiting for a core.
/// </summary>
internal static class CpuTimeRunner
{
    public static void Run()
    {
        var b = new LocalOrderBookBenchmarks();
        b.Setup();
        const int Ops = 870;
        (string Name, Func<int> Body, int OpsPerCall, int Calls)[] cases =
        [
            (nameof(LocalOrderBookBenchmarks.ApplyUpdateAndVerifyChecksum), b.ApplyUpdateAndVerifyChecksum, Ops, 400),
            (nameof(LocalOrderBookBenchmarks.ApplyUpdateWithoutChecksum), b.ApplyUpdateWithoutChecksum, Ops, 400),
            (nameof(LocalOrderBookBenchmarks.ApplySmallUpdateAndVerifyChecksum), b.ApplySmallUpdateAndVerifyChecksum, Ops, 400),
            (nameof(LocalOrderBookBenchmarks.Checksum), b.Checksum, 1, 300_000),
        ];
        Console.WriteLine("| benchmark | CPU ns/op, 5 rounds (best … worst) |");
        Console.WriteLine("|---|---|");
        foreach (var (name, body, opsPerCall, calls) in cases)
        {
            for (var i = 0; i < calls / 4; i++)
                body(); // warm-up: tiered JIT to its final code
            var rounds = new List<double>();
            for (var round = 0; round < 5; round++)
            {
                var process = Process.GetCurrentProcess();
                var start = process.TotalProcessorTime;
                for (var i = 0; i < calls; i++)
                    body();
                process.Refresh();
                rounds.Add((process.TotalProcessorTime - start).TotalMilliseconds * 1e6 / ((double)calls * opsPerCall));
            }
            rounds.Sort();
            Console.WriteLine($"| {name} | {string.Join(" … ", rounds.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} |");
        }
    }
}
