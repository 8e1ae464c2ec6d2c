using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// A PowerShell 7.6 runspace (the engine and its built-in modules, from Microsoft.PowerShell.SDK) with the built
/// module imported from out/Bitget, exactly as a user imports it. One per test: the engine keeps state per runspace.
/// </summary>
public sealed class ModuleHost : IDisposable
{
    private static readonly Lazy<string> s_manifest = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BitgetPS.sln")))
            {
                var manifest = Path.Combine(dir.FullName, "out", "Bitget", "Bitget.psd1");
                return File.Exists(manifest) ? manifest : throw new FileNotFoundException("Build first: dotnet build assembles out/Bitget.", manifest);
            }
        }
        throw new DirectoryNotFoundException("Repository root (BitgetPS.sln) not found above the test folder.");
    });

    public ModuleHost()
    {
        var iss = CreateSessionState();
        iss.ImportPSModule([ManifestPath]);
        Runspace = RunspaceFactory.CreateRunspace(iss);
        Runspace.Open();
        var importErrors = Runspace.SessionStateProxy.PSVariable.GetValue("Error") as System.Collections.ArrayList;
        if (importErrors is { Count: > 0 })
            throw new InvalidOperationException("Importing the module failed: " + string.Join("; ", importErrors.Cast<object>()));
    }

    public static string ManifestPath => s_manifest.Value;

    /// <summary>The repository root: the folder of BitgetPS.sln.</summary>
    public static string RepoRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ManifestPath)!, "..", ".."));

    /// <summary>
    /// What pwsh starts with: the core commands, the built-in modules on $PSHOME/Modules loaded on first use. Only on
    /// Windows is there an execution policy to relax (Linux and macOS have none; setting one there throws).
    /// </summary>
    public static InitialSessionState CreateSessionState()
    {
        var iss = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows())
            iss.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        return iss;
    }

    public Runspace Runspace { get; }

    /// <summary>Runs a script; parameters become variables. Returns its output; streams stay on the PowerShell object.</summary>
    public Run Invoke(string script, IDictionary<string, object?>? variables = null)
    {
        var ps = Create(script, variables);
        var output = ps.Invoke();
        return new Run(ps, output);
    }

    public System.Management.Automation.PowerShell Create(string script, IDictionary<string, object?>? variables = null)
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = Runspace;
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
            Runspace.SessionStateProxy.SetVariable(name, value);
        ps.AddScript(script);
        return ps;
    }

    public void Dispose()
    {
        Runspace.Dispose();
    }

    public sealed record Run(System.Management.Automation.PowerShell Shell, Collection<PSObject> Output)
    {
        public IReadOnlyList<ErrorRecord> Errors => Shell.Streams.Error.ToList();
        public IReadOnlyList<string> Warnings => Shell.Streams.Warning.Select(w => w.Message).ToList();
    }
}
