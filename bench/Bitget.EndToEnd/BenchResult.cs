namespace Bitget.EndToEnd;

/// <summary>One row of the result table.</summary>
internal sealed record BenchResult(string Id, string Scenario, double Rate, string Unit, ScenarioCost? Cost, string Notes)
{
    /// <summary>Extra figures a scenario reports (latency percentiles…), shown under the table.</summary>
    public Dictionary<string, double> Extra { get; } = [];
}
