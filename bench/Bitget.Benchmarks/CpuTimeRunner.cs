using System.Diagnostics;
using System.Globalization;

namespace Bitget.Benchmarks;

/// <summary>
/// <c>--cpu-time</c>: the local order book benchmarks timed by this process's CPU time instead of the wall clock, for
/// machines shared with other work, where BenchmarkDotNet's wall-clock means include the time the benchmark was not
/// running at all. Still inflated by a busy machine (shared caches and cores), but not by waiting for a core.
/// <c>--cpu-time tickers</c>: the v2 and v3 futures ticker parses (issue 17), in alternating rounds, so that whatever
/// the machine does meanwhile hits both alike; medians and ranges, and v3 / v2 of the medians.
/// </summary>
internal static class CpuTimeRunner
{
    public static void RunTickers()
    {
        var b = new TickerParseBenchmarks();
        b.Setup();
        const int Calls = 300_000;
        (string Name, Func<object> Body)[] cases =
        [
            (nameof(TickerParseBenchmarks.FuturesTickerCompact), b.FuturesTickerCompact),
            (nameof(TickerParseBenchmarks.UnifiedFuturesTicker), b.UnifiedFuturesTicker),
            (nameof(TickerParseBenchmarks.FuturesTickerCompactReaderOnly), () => b.FuturesTickerCompactReaderOnly()),
            (nameof(TickerParseBenchmarks.UnifiedFuturesTickerReaderOnly), () => b.UnifiedFuturesTickerReaderOnly()),
        ];
        foreach (var (_, body) in cases)
        {
            for (var i = 0; i < Calls / 2; i++)
                body(); // warm-up: tiered JIT to its final code
        }
        var rounds = cases.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < 11; round++)
        {
            for (var c = 0; c < cases.Length; c++)
                rounds[c].Add(CpuNanosPerCall(cases[c].Body, Calls));
        }
        Console.WriteLine("| benchmark | CPU ns/op, median (min–max) of 11 alternating rounds |");
        Console.WriteLine("|---|---|");
        var medians = new double[cases.Length];
        for (var c = 0; c < cases.Length; c++)
        {
            rounds[c].Sort();
            medians[c] = rounds[c][rounds[c].Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {cases[c].Name} | {medians[c]:N0} ({rounds[c][0]:N0}–{rounds[c][^1]:N0}) |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"v3 / v2 parse: {medians[1] / medians[0]:N3}; reader alone v3 / v2: {medians[3] / medians[2]:N3}"));
    }

    private static double CpuNanosPerCall(Func<object> body, int calls)
    {
        var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        for (var i = 0; i < calls; i++)
            body();
        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMilliseconds * 1e6 / calls;
    }

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
