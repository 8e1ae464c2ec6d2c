using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Bitget.Benchmarks;

/// <summary>
/// Operations per second on one core, derived from the mean (1 s / mean). Every benchmark here does one
/// message, one CSV row or one request build per operation, so this is the throughput the target is about.
/// </summary>
public sealed class MessagesPerSecondColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(MessagesPerSecondColumn);
    /// <inheritdoc />
    public string ColumnName => "Ops/s";
    /// <inheritdoc />
    public bool AlwaysShow => true;
    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Statistics;
    /// <inheritdoc />
    public int PriorityInCategory => 100;
    /// <inheritdoc />
    public bool IsNumeric => true;
    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc />
    public string Legend => "Operations (messages, rows, builds) per second on one core: 1 s / Mean";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null || stats.Mean <= 0)
            return "NA";
        return (1e9 / stats.Mean).ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
