using System.Globalization;

namespace Bitget.EndToEnd;

/// <summary>
/// The <c>--peers</c> table, Markdown to paste into docs/benchmarks.md: per pattern the median and range (min–max) of
/// CPU µs per ticker of each client over its rounds, and ours / bitget-api of the medians. Under it, the notes: a client
/// whose count differs from what the server wrote to it (the server is held before the client stops, so they must be
/// equal), a window in
/// which the server wrote less than the pattern's rate (a client that did not keep up), CPU read from the 10 ms ticks
/// because threads exited, and what the clients printed.
/// </summary>
internal static class PeerTable
{
    public static void Print(IReadOnlyList<ArrivalPattern> patterns, IReadOnlyList<PeerClient> clients, IReadOnlyDictionary<(ArrivalPattern, PeerClient), List<PeerRun>> runs)
    {
        var ours = clients[0];
        var peer = clients[1];
        Console.WriteLine();
        Console.WriteLine("CPU µs per ticker written by the server in the window, median (range) over the rounds; each client's process alone.");
        Console.WriteLine();
        Console.WriteLine("| pattern | " + string.Join(" | ", clients.Select(c => c.Label + " median (range)")) + $" | {ours.Id}/{peer.Id} |");
        Console.WriteLine("|---|" + string.Concat(clients.Select(_ => "---:|")) + "---:|");
        var notes = new List<string>();
        foreach (var pattern in patterns)
        {
            var cells = new List<string>();
            foreach (var client in clients)
            {
                var cpu = runs[(pattern, client)].Select(r => r.CpuMicrosPerTicker).ToList();
                cells.Add(FormattableString.Invariant($"{Median(cpu):N2} ({cpu.Min():N2}–{cpu.Max():N2})"));
                notes.AddRange(Notes(pattern, client, runs[(pattern, client)]));
            }
            var ratio = Median(runs[(pattern, ours)].Select(r => r.CpuMicrosPerTicker).ToList()) / Median(runs[(pattern, peer)].Select(r => r.CpuMicrosPerTicker).ToList());
            Console.WriteLine(FormattableString.Invariant($"| {pattern.Label} | {string.Join(" | ", cells)} | {ratio:N2} × |"));
        }
        Console.WriteLine();
        Console.WriteLine("Rounds: " + string.Join("; ", patterns.Select(p => $"{p.Id} {runs[(p, ours)].Count}")) + ".");
        foreach (var note in notes.Distinct())
            Console.WriteLine("- " + note);
    }

    private static IEnumerable<string> Notes(ArrivalPattern pattern, PeerClient client, List<PeerRun> runs)
    {
        var missing = runs.Select(r => r.Missing).ToList();
        var worst = runs.MaxBy(r => Math.Abs(r.Missing))!;
        var counts = string.Join(", ", missing.Select(m => m.ToString("N0", CultureInfo.InvariantCulture)));
        if (runs.Any(r => r.Missing != 0))
            yield return $"{pattern.Id}, {client.Id}: COUNT MISMATCH: written − received per round {counts} (worst {100.0 * worst.Missing / worst.Written:N2} % of {worst.Written:N0})";
        else
            yield return $"{pattern.Id}, {client.Id}: received exactly what the server wrote, every round";
        foreach (var slow in runs.Where(r => r.WrittenPerSecond < pattern.Rate * 0.95))
            yield return $"{pattern.Id}, {client.Id}: the server wrote only {slow.WrittenPerSecond:N0}/s of {pattern.Rate:N0}/s in a window: the client did not keep up";
        if (runs.Any(r => !r.PreciseCpu))
            yield return $"{pattern.Id}, {client.Id}: {runs.Count(r => !r.PreciseCpu)} round(s) used /proc/PID/stat's 10 ms ticks (threads exited in the window)";
        foreach (var output in runs.Select(r => r.Output).Where(o => o.Length > 0).Distinct())
            yield return $"{client.Id} printed: {(output.Length > 300 ? output[..300] + "…" : output)}";
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
