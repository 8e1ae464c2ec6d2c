namespace Bitget.EndToEnd;

/// <summary>An arrival pattern of issue 8: a rate, evenly spaced or in bursts every <see cref="BurstMs"/>.</summary>
internal sealed record ArrivalPattern(string Id, int Rate, bool Even, int BurstMs)
{
    /// <summary>The three patterns the issue measures.</summary>
    public static readonly ArrivalPattern[] All =
    [
        new("ev2k", 2_000, Even: true, BurstMs: 0),
        new("bu2k", 2_000, Even: false, BurstMs: 10),
        new("bu20k", 20_000, Even: false, BurstMs: 10),
    ];

    /// <summary>
    /// The rows run per pattern: d, t, s, m, pd, ps (issue 8) and their v3 counterparts s3 and ps3 (issue 17: the same
    /// server's v3 socket, a Unified session). <c>--only patterns</c> takes them all.
    /// </summary>
    public static readonly string[] RowSuffixes = ["-d", "-t", "-s", "-s3", "-m", "-pd", "-ps", "-ps3"];

    /// <summary>The patterns <c>--only</c> names (ids such as <c>ev2k</c>), or all of them when it names none.</summary>
    public static List<ArrivalPattern> Selected(IReadOnlySet<string> only) =>
        All.Any(p => only.Contains(p.Id)) ? All.Where(p => only.Contains(p.Id)).ToList() : [.. All];

    public string Label => Even ? $"{Rate:N0}/s evenly spaced" : $"{Rate:N0}/s in bursts every {BurstMs} ms";
}
