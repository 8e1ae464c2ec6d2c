namespace Bitget.EndToEnd;

/// <summary>Prints the results as a Markdown table, the ratios between layers, and the issue's targets.</summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<BenchResult> results, BenchOptions options)
    {
        var byId = results.ToDictionary(r => r.Id);
        Console.WriteLine();
        Console.WriteLine("| id | scenario | rate | unit | CPU µs/item | % of one core | alloc B/item | GCs g0/g1/g2 | peak WS MB | mock % core |");
        Console.WriteLine("|---|---|---:|---|---:|---:|---:|---|---:|---:|");
        foreach (var r in results)
        {
            var c = r.Cost;
            Console.WriteLine($"| {r.Id} | {r.Scenario.Replace("|", "\\|", StringComparison.Ordinal)} | {r.Rate:N0} | {r.Unit} | {F(c?.CpuMicrosPerItem, "N2")} | {F(c?.CorePercent, "N0")} | "
                + $"{F(c?.AllocBytesPerItem, "N0")} | {c?.Gcs ?? "-"} | {F(c?.PeakWorkingSetMb, "N0")} | {F(c?.MockCorePercent, "N0")} |");
        }
        Console.WriteLine();
        foreach (var r in results)
            Console.WriteLine($"({r.Id}) {r.Notes}");

        Console.WriteLine();
        Ratio(byId, "w", "d", "Websocket.Client vs bare socket read");
        Ratio(byId, "p", "w", "+ BitgetFrameParser vs Websocket.Client alone");
        Ratio(byId, "a", "p", "+ session, feed and consumer thread vs transport + parser");
        Ratio(byId, "a", "d", "session + parse + feed vs bare socket read");
        Ratio(byId, "c", "e", "Receive-BitgetTicker vs pre-built objects, → ForEach-Object");
        Ratio(byId, "c2", "e2", "Receive-BitgetTicker vs pre-built objects, → compiled sink");
        Ratio(byId, "c", "a", "Receive-BitgetTicker → ForEach-Object vs the C# consumer (c can exceed neither a nor e)");
        Ratio(byId, "c2", "a", "Receive-BitgetTicker → compiled sink vs the C# consumer");

        Console.WriteLine();
        Console.WriteLine("targets (issue 4):");
        if (byId.TryGetValue("a", out var a))
        {
            var met = a.Rate >= 300_000;
            var socketBound = !met && byId.TryGetValue("d", out var d) && d.Rate < 300_000 && a.Rate >= 0.9 * d.Rate;
            Console.WriteLine($"  end to end to a C# consumer >= 300,000 tickers/s: {a.Rate:N0} → "
                + (met ? "MET" : socketBound ? "MISSED, but the bare socket read is the limit" : "MISSED"));
        }
        if (byId.TryGetValue("b", out var b) && b.Cost is { } bc)
        {
            Console.WriteLine($"  CPU <= 2 µs per ticker at {options.Rate:N0}/s: {bc.CpuMicrosPerItem:N2} µs ({bc.CorePercent:N1} % of one core) → {(bc.CpuMicrosPerItem <= 2 ? "MET" : "MISSED")}");
            var floor = string.Join(", ", new[] { ("bp", "transport + parser, no session"), ("bd", "bare socket"), ("b0", "(b) with thread-pool spin off") }
                .Where(f => byId.ContainsKey(f.Item1) && byId[f.Item1].Cost is not null)
                .Select(f => $"{f.Item2} {byId[f.Item1].Cost!.CpuMicrosPerItem:N2} µs"));
            if (floor.Length > 0)
                Console.WriteLine($"    at the same rate: {floor}");
            Console.WriteLine($"  p99 receive→consumer <= 1 ms at {options.Rate:N0}/s: {b.Extra["p99"]:N1} µs → {(b.Extra["p99"] <= 1000 ? "MET" : "MISSED")}");
        }
        if (byId.TryGetValue("c", out var cr) && byId.TryGetValue("e", out var er))
        {
            var pct = 100 * cr.Rate / er.Rate;
            Console.WriteLine($"  Receive-BitgetTicker >= 80 % of the pre-built-objects baseline: {pct:N0} % → {(pct >= 80 ? "MET" : "MISSED")}");
        }
        PrintReceivePathTargets(byId);
    }

    /// <summary>Issue 8's targets: CPU per ticker against the bare dedicated-thread read of the same run, latency, idle, flood.</summary>
    public static void PrintReceivePathTargets(Dictionary<string, BenchResult> byId)
    {
        Console.WriteLine();
        Console.WriteLine("targets (issue 8):");
        foreach (var (pattern, limit) in ArrivalPattern.All.Zip(new[] { 2.0, 3.0, 2.0 }))
        {
            if (!byId.TryGetValue(pattern.Id + "-d", out var bare) || bare.Cost is null)
                continue;
            var floor = bare.Cost.CpuMicrosPerItem;
            foreach (var (suffix, what) in new[] { ("-ps", "Receive-BitgetTicker | Measure-Object"), ("-s", "C# consumer") })
            {
                if (byId.TryGetValue(pattern.Id + suffix, out var row) && row.Cost is { } cost)
                {
                    var ratio = cost.CpuMicrosPerItem / floor;
                    Console.WriteLine($"  {pattern.Label}, {what}: {cost.CpuMicrosPerItem:N2} µs/ticker = {ratio:N2} × the bare read ({floor:N2} µs)"
                        + (suffix == "-ps" ? $" → target <= {limit:N0} ×: {(ratio <= limit ? "MET" : "MISSED")}" : ""));
                }
            }
            // The floor for any PowerShell module: what the pipeline alone adds to the bare read, and ours over that.
            if (byId.TryGetValue(pattern.Id + "-pd", out var pd) && pd.Cost is { } pdCost)
            {
                var line = $"  {pattern.Label}, the floor for a PowerShell module (bare read on the pipeline thread | Measure-Object): "
                    + $"{pdCost.CpuMicrosPerItem:N2} µs/ticker = {pdCost.CpuMicrosPerItem / floor:N2} × the bare read";
                if (byId.TryGetValue(pattern.Id + "-ps", out var psRow) && psRow.Cost is { } psCost)
                    line += $"; Receive-BitgetTicker = {psCost.CpuMicrosPerItem / pdCost.CpuMicrosPerItem:N2} × that floor (+{psCost.CpuMicrosPerItem - pdCost.CpuMicrosPerItem:N2} µs)";
                Console.WriteLine(line);
            }
            if (byId.TryGetValue(pattern.Id + "-s", out var s) && s.Extra.TryGetValue("p99", out var p99))
                Console.WriteLine($"  {pattern.Label}: p99 server write→Take {p99:N1} µs → target <= 2 ms: {(p99 <= 2000 ? "MET" : "MISSED")}");
        }
        if (byId.TryGetValue("i", out var idle) && idle.Cost is { } ic)
        {
            var msPerSecond = ic.CorePercent * 10;
            var floor = byId.TryGetValue("i0", out var i0) && i0.Cost is { } fc ? fc.CorePercent * 10 : 0;
            Console.WriteLine($"  idle session: {msPerSecond:N2} ms CPU a second, {msPerSecond - floor:N2} ms above the process at rest (i0 {floor:N2} ms)"
                + $" → target <= 1 ms: {(msPerSecond - floor <= 1 ? "MET" : "MISSED")}");
        }
        if (byId.TryGetValue(TwoConsumersScenario.Id, out var two))
            Console.WriteLine($"  two consumers on one connection (one slow), 2,000/s even: the fast one's p99 server write→Take {two.Extra["p99"]:N1} µs"
                + $" (p50 {two.Extra["p50"]:N1}, max {two.Extra["max"]:N1}) → target <= 5 ms: {(two.Extra["p99"] <= 5000 ? "MET" : "MISSED")}");
        if (byId.TryGetValue("a", out var a))
            Console.WriteLine($"  flood into a C# consumer: {a.Rate:N0} tickers/s → target >= 391,000: {(a.Rate >= 391_000 ? "MET" : "MISSED")}");
    }

    private static void Ratio(Dictionary<string, BenchResult> byId, string x, string y, string what)
    {
        if (byId.TryGetValue(x, out var rx) && byId.TryGetValue(y, out var ry))
            Console.WriteLine($"({x})/({y}) = {100 * rx.Rate / ry.Rate:N0} %  {what}");
    }

    private static string F(double? value, string format) => value is { } v && !double.IsNaN(v) ? v.ToString(format) : "-";
}
