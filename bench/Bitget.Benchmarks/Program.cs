using BenchmarkDotNet.Running;

namespace Bitget.Benchmarks;

/// <summary>Entry point: every benchmark unless BenchmarkDotNet's own arguments (e.g. <c>--filter</c>) say otherwise.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks; <c>--quick</c> is shorthand for <c>--job short</c>; <c>--cpu-time</c> times the local book by CPU time, <c>--cpu-time tickers</c> the v2 and v3 ticker parses.</summary>
    public static void Main(string[] args)
    {
        if (args is ["--cpu-time"])
        {
            CpuTimeRunner.Run();
            return;
        }
        if (args is ["--cpu-time", "tickers"])
        {
            CpuTimeRunner.RunTickers();
            return;
        }
        var list = new List<string>(args.Length + 2);
        foreach (var arg in args)
        {
            if (arg == "--quick")
                list.AddRange(["--job", "short"]);
            else
                list.Add(arg);
        }
        // Without a filter BenchmarkDotNet asks interactively; a plain `dotnet run` should just run everything.
        if (!list.Any(a => a is "--filter" or "-f" || a.StartsWith("--filter=", StringComparison.Ordinal))
            && !list.Any(a => a is "--list" or "--help" or "-h" or "--version" or "--info"))
            list.AddRange(["--filter", "*"]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. list]);
    }
}
