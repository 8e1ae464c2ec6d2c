namespace Bitget.EndToEnd;

/// <summary>
/// A private copy of out/Bitget as this build assembled it, for the runs of the real pwsh: a build of another
/// configuration meanwhile must not change the module under them. Deleted when disposed.
/// </summary>
internal sealed class ModuleSnapshot : IDisposable
{
    private readonly string _folder;

    private ModuleSnapshot(string folder, string manifestPath)
    {
        _folder = folder;
        ManifestPath = manifestPath;
    }

    /// <summary>The copied module's manifest.</summary>
    public string ManifestPath { get; }

    /// <summary>Copies the module next to <see cref="PowerShellBench.ManifestPath"/> into a temporary folder named after <paramref name="purpose"/>.</summary>
    public static ModuleSnapshot Create(string purpose)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"bitget-{purpose}-{Environment.ProcessId}");
        var module = Path.Combine(folder, "Bitget");
        PowerShellBench.CopyFolder(Path.GetDirectoryName(PowerShellBench.ManifestPath)!, module);
        return new ModuleSnapshot(folder, Path.Combine(module, "Bitget.psd1"));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover copy in the temp folder is harmless; the figures are what matters.
        }
    }
}
