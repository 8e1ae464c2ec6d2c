using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace Bitget.EndToEnd;

/// <summary>
/// (c) and (e): a hosted PowerShell 7.6 runspace (InitialSessionState.CreateDefault2, core cmdlets, plus
/// Microsoft.PowerShell.Utility's cmdlets such as Measure-Object) that imports
/// out/Bitget/Bitget.psd1 (a copy taken at start) as a user does, and this assembly's baseline cmdlets with Import-Module. Pipelines run on the
/// runspace's pipeline thread; this thread reads their item count live and stops them after the window.
/// </summary>
internal sealed class PowerShellBench : IDisposable
{
    private readonly string _snapshot;

    public PowerShellBench()
    {
        var source = Path.GetDirectoryName(ManifestPath)!;
        if (!File.Exists(ManifestPath))
            throw new FileNotFoundException("The module is not assembled (it is built with this project).", ManifestPath);
        // A copy of out/Bitget as this run's build assembled it: a build of another configuration that runs meanwhile
        // (dotnet test) re-assembles out/Bitget, and the module must not change under the benchmark.
        _snapshot = Path.Combine(Path.GetTempPath(), $"bitget-e2e-{Environment.ProcessId}", "Bitget");
        CopyFolder(source, _snapshot);
        var manifest = Path.Combine(_snapshot, "Bitget.psd1");
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule([manifest]);
        Runspace = RunspaceFactory.CreateRunspace(iss);
        Runspace.Open();
        Check("module import", Runspace.SessionStateProxy.PSVariable.GetValue("Error") as System.Collections.ArrayList);

        using var ps = PowerShell.Create();
        ps.Runspace = Runspace;
        ps.AddCommand("Import-Module").AddParameter("Name", typeof(PowerShellBench).Assembly.Location);
        ps.AddStatement().AddCommand("Import-Module").AddParameter("Assembly", typeof(Microsoft.PowerShell.Commands.MeasureObjectCommand).Assembly);
        ps.Invoke();
        Check("Import-Module of the bench assembly", ps.Streams.Error.ToList());
    }

    public Runspace Runspace { get; }

    public static string ManifestPath =>
        typeof(PowerShellBench).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ModuleManifest").Value!;

    /// <summary>Where the module's assemblies were loaded from and how they were compiled (a Debug module skews everything).</summary>
    public static string DescribeModule()
    {
        var parts = new List<string>();
        foreach (var name in new[] { "Bitget", "Bitget.Stream" })
        {
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == name).ToList();
            foreach (var a in loaded)
            {
                var debug = a.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true;
                parts.Add($"{name}.dll {(debug ? "DEBUG" : "Release")} from {Path.GetDirectoryName(a.Location)}");
            }
            if (loaded.Count > 1)
                parts.Add($"WARNING: {name} is loaded {loaded.Count} times");
        }
        return string.Join("; ", parts);
    }

    /// <summary>
    /// Runs <paramref name="script"/> (which counts into <c>$c[0]</c>, unless <paramref name="count"/> counts the items
    /// elsewhere) and measures its rate over the window.
    /// </summary>
    public async Task<BenchResult> MeasureAsync(string id, string label, string script, BenchOptions options, MockProcess? mock,
        IReadOnlyDictionary<string, object?>? variables = null, Func<long>? count = null)
    {
        var counter = new long[1];
        Runspace.SessionStateProxy.SetVariable("c", counter);
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
            Runspace.SessionStateProxy.SetVariable(name, value);

        using var ps = PowerShell.Create();
        ps.Runspace = Runspace;
        ps.AddScript(script);
        var running = ps.BeginInvoke();
        MeasuredWindow window;
        try
        {
            window = await MeasuredWindow.RunAsync(count ?? (() => Volatile.Read(ref counter[0])), options, mock);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"'{script}' produced nothing: " + string.Join("; ", ps.Streams.Error));
        }
        ps.Stop();
        try
        {
            ps.EndInvoke(running);
        }
        catch (PipelineStoppedException)
        {
        }
        var errors = ps.Streams.Error.Count;
        var warnings = ps.Streams.Warning.Count;
        var notes = $"`{script}`" + (errors > 0 ? $"; {errors} error(s): {ps.Streams.Error[0]}" : "")
            + (warnings > 0 ? $"; {warnings} warning(s): {ps.Streams.Warning[0]}" : "");
        return new BenchResult(id, label, window.Rate, "objects/s", window.Meter.CostPer(window.Items), notes);
    }

    /// <summary>True when the module's cmdlet assembly was compiled without optimizations (a Debug build).</summary>
    public static bool ModuleIsDebug() =>
        AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Bitget"
            && a.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true);

    internal static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var dir in Directory.GetDirectories(from))
            CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static void Check(string what, System.Collections.IList? errors)
    {
        if (errors is { Count: > 0 })
            throw new InvalidOperationException($"{what} failed: " + string.Join("; ", errors.Cast<object>()));
    }

    public void Dispose()
    {
        Runspace.Dispose();
        try
        {
            // Loaded assemblies stay mapped; on Linux the files can go anyway.
            Directory.Delete(Path.GetDirectoryName(_snapshot)!, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
