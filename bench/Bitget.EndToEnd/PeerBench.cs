using System.Globalization;

namespace Bitget.EndToEnd;

/// <summary>
/// <c>--peers</c> (issue 16, item 4: measure it the way users run it): for each arrival pattern, one pattern server, and
/// against it, one at a time and interleaved (ours, bitget-api, ws, ours, …, <c>--repeats</c> rounds, so that drift of
/// the machine hits all alike) the three <see cref="PeerClient"/>s, each in a process of its own whose CPU alone is
/// measured (<see cref="PeerRun"/>). Prints the median and range of CPU µs per ticker as a Markdown table for
/// docs/benchmarks.md, and notes on anything that makes a figure doubtful.
/// </summary>
internal static class PeerBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var symbols = BenchTopics.Symbols(PatternScenarios.Symbols);
        var peers = NodePeers.EnsureInstalled();
        using var module = ModuleSnapshot.Create("peers");
        var clients = PeerClient.All(module.ManifestPath, peers);
        var patterns = ArrivalPattern.Selected(options.Only);
        Console.WriteLine($"Bitget peers benchmark: {Environment.ProcessorCount} cores, {symbols.Length} USDT-FUTURES ticker topics, "
            + $"{options.Repeats} rounds of {string.Join(", ", clients.Select(c => c.Id))} per pattern, window {options.Seconds} s after {options.Warmup} s warm-up; "
            + $"pwsh {PeerClient.PwshVersion} ({PeerClient.PwshDll()}), "
            + $"node {NodeVersion()}, module {PowerShellBench.ManifestPath}");

        var runs = new Dictionary<(ArrivalPattern, PeerClient), List<PeerRun>>();
        foreach (var pattern in patterns)
        {
            await using var server = await PatternServerProcess.StartAsync(pattern);
            for (var round = 1; round <= options.Repeats; round++)
            {
                foreach (var client in clients)
                {
                    Console.Error.Write($"{pattern.Id} round {round}/{options.Repeats}: {client.Id}… ");
                    var run = await PeerRun.MeasureAsync(client, server, symbols, options);
                    Console.Error.WriteLine($"{run.CpuMicrosPerTicker:N2} µs a ticker, {run.WrittenPerSecond:N0}/s written, received {run.Received:N0} of {run.Written:N0}");
                    (runs.TryGetValue((pattern, client), out var list) ? list : runs[(pattern, client)] = []).Add(run);
                }
            }
        }
        PeerTable.Print(patterns, clients, runs);
        return 0;
    }

    private static string NodeVersion()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
        var version = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return version;
    }
}
