using System.Globalization;
using System.Runtime;

namespace Bitget.EndToEnd;

/// <summary>
/// End-to-end benchmark over loopback against the mock exchange (a child process). One command:
/// <c>dotnet run -c Release --project bench/Bitget.EndToEnd</c>, options after <c>--</c> (see <see cref="BenchOptions.Usage"/>).
/// Runs the baselines and the layers in one process and prints one table, then the issue's targets met or missed.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--serve-pattern", var kind, "--rate", var rate, "--burst-ms", var burstMs])
            return PatternServer.Run(kind, int.Parse(rate, CultureInfo.InvariantCulture), int.Parse(burstMs, CultureInfo.InvariantCulture));
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + BenchOptions.Usage);
            return 2;
        }

        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (options.Peers)
            return await PeerBench.RunAsync(options);
        if (options.Apis)
            return await ApiBench.RunAsync(options);
        if (!options.Json)
            Console.WriteLine($"Bitget end-to-end benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {options.Symbols} ticker topics, window {options.Seconds} s after {options.Warmup} s warm-up"
            + $"{(System.Diagnostics.Debugger.IsAttached ? ", DEBUGGER ATTACHED" : "")}{(IsOptimized() ? "" : ", bench built DEBUG")}");

        var results = new List<BenchResult>();
        async Task Run(string id, Func<Task<BenchResult>> scenario)
        {
            if (!options.Runs(id))
                return;
            Console.Error.Write($"running ({id})… ");
            var result = await scenario();
            Console.Error.WriteLine($"{result.Rate:N0} {result.Unit}");
            results.Add(result);
            if (options.Json)
                Console.WriteLine(ChildRun.ResultPrefix + ChildRun.ToJson(result));
        }

        await Run("d", () => BareSocketScenario.RunAsync(options));
        await Run("w", () => WebsocketClientScenario.RunAsync(options, parse: false));
        await Run("p", () => WebsocketClientScenario.RunAsync(options, parse: true));
        await Run("a", () => SessionFloodScenario.RunAsync(options));
        await Run("b", () => SessionRateScenario.RunAsync(options));
        await Run("bd", () => BareSocketScenario.RunAsync(options, options.Rate));
        await Run("bp", () => WebsocketClientScenario.RunAsync(options, parse: true, options.Rate));
        await Run("b0", async () =>
        {
            // (b) again, with the thread pool's idle spinning off: how much of (b) the runtime's wake-up policy costs.
            var child = await ChildRun.RunAsync(options, "b", new Dictionary<string, string> { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0" });
            var b = child.Single();
            var result = new BenchResult("b0", b.Scenario + ", thread-pool spin off", b.Rate, b.Unit, b.Cost,
                "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 (a separate process; its mock inherits it); " + b.Notes);
            foreach (var (k, v) in b.Extra)
                result.Extra[k] = v;
            return result;
        });
        await Run("i", () => SessionIdleScenario.RunAsync(options));
        await Run("i0", () => SessionIdleScenario.FloorAsync(options));
        if (options.Runs("e") || options.Runs("c"))
        {
            using var ps = new PowerShellBench();
            var symbols = BenchTopics.Symbols(options.Symbols);
            await Run("e", () => ps.MeasureAsync("e", "baseline: pre-built objects → ForEach-Object", "Send-BenchTicker | ForEach-Object { $c[0]++ }", options, null));
            await Run("c", async () =>
            {
                await using var mock = await MockProcess.StartAsync("--flood");
                return await ps.MeasureAsync("c", "Receive-BitgetTicker (flood) → ForEach-Object",
                    "Receive-BitgetTicker $symbols -Endpoint $ep | ForEach-Object { $c[0]++ }", options, mock,
                    new Dictionary<string, object?> { ["symbols"] = symbols, ["ep"] = mock.Endpoint.AbsoluteUri });
            });
            await Run("e", () => ps.MeasureAsync("e2", "baseline: pre-built objects → compiled sink", "Send-BenchTicker | Out-BenchCounter -Counter $c", options, null));
            await Run("c", async () =>
            {
                await using var mock = await MockProcess.StartAsync("--flood");
                return await ps.MeasureAsync("c2", "Receive-BitgetTicker (flood) → compiled sink",
                    "Receive-BitgetTicker $symbols -Endpoint $ep | Out-BenchCounter -Counter $c", options, mock,
                    new Dictionary<string, object?> { ["symbols"] = symbols, ["ep"] = mock.Endpoint.AbsoluteUri });
            });
            if (!options.Json)
            {
                Console.WriteLine("module: " + PowerShellBench.DescribeModule());
                if (PowerShellBench.ModuleIsDebug())
                    Console.WriteLine("WARNING: out/Bitget held a Debug build of the module: the PowerShell rows are not representative. Run with -c Release.");
            }
        }

        // Issue 8: the arrival patterns, each against the bare dedicated-thread read of the same frames.
        if (ArrivalPattern.All.Any(p => ArrivalPattern.RowSuffixes.Any(r => options.Runs(p.Id + r))))
        {
            using var ps = ArrivalPattern.All.Any(p => options.Runs(p.Id + "-ps") || options.Runs(p.Id + "-pd") || options.Runs(p.Id + "-ps3")) ? new PowerShellBench() : null;
            foreach (var pattern in ArrivalPattern.All)
            {
                await Run(pattern.Id + "-d", () => PatternScenarios.BareAsync(pattern, options));
                await Run(pattern.Id + "-t", () => PatternScenarios.TransportAsync(pattern, options));
                await Run(pattern.Id + "-s", () => PatternScenarios.SessionAsync(pattern, options));
                await Run(pattern.Id + "-s3", () => PatternScenarios.SessionAsync(pattern, options, api: Bitget.Stream.Protocol.BitgetApi.Unified));
                await Run(pattern.Id + "-m", () => PatternScenarios.SessionAsync(pattern, options, connections: 4));
                if (ps is not null)
                {
                    await Run(pattern.Id + "-pd", () => PatternScenarios.PowerShellBareAsync(pattern, options, ps));
                    await Run(pattern.Id + "-ps", () => PatternScenarios.PowerShellAsync(pattern, options, ps));
                    await Run(pattern.Id + "-ps3", () => PatternScenarios.PowerShellAsync(pattern, options, ps, Bitget.Stream.Protocol.BitgetApi.Unified));
                }
            }
            if (ps is not null && !options.Json)
            {
                Console.WriteLine("module: " + PowerShellBench.DescribeModule());
                if (PowerShellBench.ModuleIsDebug())
                    Console.WriteLine("WARNING: out/Bitget held a Debug build of the module: the PowerShell rows are not representative. Run with -c Release.");
            }
        }

        // Issue 16: a consumer slow downstream beside a fast one on the same connection.
        await Run(TwoConsumersScenario.Id, () => TwoConsumersScenario.RunAsync(options));

        if (!options.Json)
            ResultTable.Print(results, options);
        return 0;
    }

    private static bool IsOptimized() =>
        typeof(Program).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false) is not [System.Diagnostics.DebuggableAttribute { IsJITOptimizerDisabled: true }];
}
