using System.Diagnostics;
using System.Text.Json;

namespace Bitget.EndToEnd;

/// <summary>
/// Runs scenarios in a second copy of this benchmark with extra environment variables (runtime settings such as the
/// thread pool's spin are read once at start-up, so they need a process of their own) and returns its results.
/// </summary>
internal static class ChildRun
{
    public const string ResultPrefix = "RESULT ";

    public static async Task<List<BenchResult>> RunAsync(BenchOptions options, string only, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(ChildRun).Assembly.Location);
        foreach (var a in options.ToArguments(only))
            info.ArgumentList.Add(a);
        info.ArgumentList.Add("--json");
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the child benchmark");
        var errors = process.StandardError.ReadToEndAsync();
        var results = new List<BenchResult>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
                results.Add(FromJson(line[ResultPrefix.Length..]));
        }
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"the child benchmark failed ({process.ExitCode}): {await errors}");
        return results;
    }

    public static string ToJson(BenchResult r) => JsonSerializer.Serialize(new Dto(r.Id, r.Scenario, r.Rate, r.Unit, r.Cost, r.Notes, r.Extra));

    private static BenchResult FromJson(string json)
    {
        var dto = JsonSerializer.Deserialize<Dto>(json) ?? throw new FormatException("empty result");
        var result = new BenchResult(dto.Id, dto.Scenario, dto.Rate, dto.Unit, dto.Cost, dto.Notes);
        foreach (var (k, v) in dto.Extra)
            result.Extra[k] = v;
        return result;
    }

    private sealed record Dto(string Id, string Scenario, double Rate, string Unit, ScenarioCost? Cost, string Notes, Dictionary<string, double> Extra);
}
