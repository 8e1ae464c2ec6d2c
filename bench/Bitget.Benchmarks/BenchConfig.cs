using BenchmarkDotNet.Configs;

namespace Bitget.Benchmarks;

/// <summary>Adds the derived throughput column to every benchmark class (jobs and filters still come from the command line).</summary>
public sealed class BenchConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public BenchConfig() => AddColumn(new MessagesPerSecondColumn());
}
