using System.Globalization;
using Bitget.Stream.Protocol;

namespace Bitget.EndToEnd;

/// <summary>
/// <c>--apis</c> (issue 17: v3 end-to-end CPU per ticker within 10 % of v2 in the same run): for each arrival pattern,
/// one pattern server, which serves the same tickers on its v2 and its v3 socket, and against it, one at a time and
/// interleaved for <c>--repeats</c> rounds, ours on each socket two ways: the session into a C# <c>Take</c> loop in this
/// process (the <c>-s</c> row; this process's CPU) and <c>Receive-BitgetTicker … | Measure-Object</c> in the real pwsh
/// (as in <c>--peers</c>; that process's CPU alone). The order of the two APIs alternates from round to round, so that
/// neither always runs first after the other. Prints per pattern the median and range of CPU µs per ticker on each API
/// and v3 / v2 of the medians (and the median of the rounds' own v3 / v2), as a Markdown table for docs/benchmarks.md, then notes.
/// </summary>
internal static class ApiBench
{
    private sealed record Case(string Label, BitgetApi Api, bool Pwsh);

    private static readonly Case[] s_cases =
    [
        new("C# session, v2", BitgetApi.Classic, Pwsh: false),
        new("C# session, v3", BitgetApi.Unified, Pwsh: false),
        new("real pwsh, v2", BitgetApi.Classic, Pwsh: true),
        new("real pwsh, v3", BitgetApi.Unified, Pwsh: true),
    ];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var symbols = BenchTopics.Symbols(PatternScenarios.Symbols);
        using var module = ModuleSnapshot.Create("apis");
        var ours = PeerClient.All(module.ManifestPath, peersDirectory: "")[0];
        var oursV3 = ours with { Id = "ours-v3", Start = (uri, seconds, names) => ours.Start(PatternServer.V3Endpoint(uri), seconds, names) };
        var patterns = ArrivalPattern.Selected(options.Only);
        Console.WriteLine($"Bitget API benchmark (v2 vs v3): {Environment.ProcessorCount} cores, {symbols.Length} USDT-FUTURES ticker topics, "
            + $"{options.Repeats} rounds of {string.Join(", ", s_cases.Select(c => c.Label))} per pattern (API order alternating), "
            + $"window {options.Seconds} s after {options.Warmup} s warm-up; pwsh {PeerClient.PwshVersion}, module {PowerShellBench.ManifestPath}; "
            + $"load average at start {LoadAverage()}");

        var cpu = new Dictionary<(ArrivalPattern, Case), List<double>>();
        var p99 = new Dictionary<(ArrivalPattern, Case), List<double>>();
        var notes = new List<string>();
        foreach (var pattern in patterns)
        {
            await using var server = await PatternServerProcess.StartAsync(pattern);
            for (var round = 1; round <= options.Repeats; round++)
            {
                // v2 first in odd rounds, v3 first in even ones.
                var order = round % 2 == 1 ? s_cases : [s_cases[1], s_cases[0], s_cases[3], s_cases[2]];
                foreach (var c in order)
                {
                    Console.Error.Write($"{pattern.Id} round {round}/{options.Repeats}: {c.Label}… ");
                    double perTicker;
                    if (c.Pwsh)
                    {
                        var run = await PeerRun.MeasureAsync(c.Api == BitgetApi.Unified ? oursV3 : ours, server, symbols, options);
                        perTicker = run.CpuMicrosPerTicker;
                        if (run.Missing != 0)
                            notes.Add($"{pattern.Id}, {c.Label}, round {round}: COUNT MISMATCH: received {run.Received:N0} of {run.Written:N0}");
                        if (run.WrittenPerSecond < pattern.Rate * 0.95)
                            notes.Add($"{pattern.Id}, {c.Label}, round {round}: the server wrote only {run.WrittenPerSecond:N0}/s of {pattern.Rate:N0}/s");
                        if (!run.PreciseCpu)
                            notes.Add($"{pattern.Id}, {c.Label}, round {round}: CPU from /proc/PID/stat's 10 ms ticks (threads exited in the window)");
                        Console.Error.WriteLine($"{perTicker:N2} µs a ticker, received {run.Received:N0} of {run.Written:N0}");
                    }
                    else
                    {
                        server.Hold(false); // a pwsh run before leaves it held
                        var result = await PatternScenarios.SessionAsync(pattern, options, server, connections: 1, c.Api);
                        perTicker = result.Cost!.CpuMicrosPerItem;
                        Add(p99, (pattern, c), result.Extra["p99"]);
                        if (result.Rate < pattern.Rate * 0.95)
                            notes.Add($"{pattern.Id}, {c.Label}, round {round}: {result.Rate:N0} tickers/s of {pattern.Rate:N0}/s");
                        Console.Error.WriteLine($"{perTicker:N2} µs a ticker, {result.Rate:N0}/s, p99 server write → Take {result.Extra["p99"]:N0} µs");
                    }
                    Add(cpu, (pattern, c), perTicker);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"CPU µs per ticker, median (range) over the rounds; load average at the end {LoadAverage()}.");
        Console.WriteLine();
        Console.WriteLine("| pattern | C# session, v2 | C# session, v3 | v3 / v2 | real pwsh, v2 | real pwsh, v3 | v3 / v2 | p99 server write → Take, v2 / v3 (C#) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var pattern in patterns)
        {
            string Cell(Case c) => FormattableString.Invariant($"{Median(cpu[(pattern, c)]):N2} ({cpu[(pattern, c)].Min():N2}–{cpu[(pattern, c)].Max():N2})");
            // Besides the ratio of the medians, the median of each round's own v3 / v2: the two runs of a round are
            // neighbours in time, so a burst of load from elsewhere hits the pair, not one API's median.
            string Ratio(Case v2, Case v3) => FormattableString.Invariant(
                $"**{Median(cpu[(pattern, v3)]) / Median(cpu[(pattern, v2)]):N2}** (paired {Median(cpu[(pattern, v3)].Zip(cpu[(pattern, v2)], (a, b) => a / b).ToList()):N2})");
            Console.WriteLine(FormattableString.Invariant(
                $"| {pattern.Label} | {Cell(s_cases[0])} | {Cell(s_cases[1])} | {Ratio(s_cases[0], s_cases[1])} | {Cell(s_cases[2])} | {Cell(s_cases[3])} | {Ratio(s_cases[2], s_cases[3])} | {Median(p99[(pattern, s_cases[0])]):N0} / {Median(p99[(pattern, s_cases[1])]):N0} µs |"));
        }
        Console.WriteLine();
        if (notes.Count == 0)
            Console.WriteLine("- every pwsh run received exactly what the server wrote to it, and every window had the pattern's rate");
        foreach (var note in notes)
            Console.WriteLine("- " + note);
        return 0;
    }

    private static void Add<TKey>(Dictionary<TKey, List<double>> table, TKey key, double value) where TKey : notnull =>
        (table.TryGetValue(key, out var list) ? list : table[key] = []).Add(value);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
