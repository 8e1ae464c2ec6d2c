namespace Bitget.EndToEnd;

/// <summary>Per-item cost of a measured window (see <see cref="ResourceMeter"/>).</summary>
internal sealed record ScenarioCost(
    double CpuMicrosPerItem,
    double CorePercent,
    double AllocBytesPerItem,
    double PeakWorkingSetMb,
    double? MockCorePercent,
    string Gcs);
