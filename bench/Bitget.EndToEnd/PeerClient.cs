using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Bitget.EndToEnd;

/// <summary>
/// The three clients of the <c>--peers</c> rows, each a process of its own that connects to a pattern server, takes
/// the 20 ticker topics for a fixed time (<c>seconds</c>, longer than the warm-up and the window) and then prints
/// <c>COUNT n</c>, the tickers it received, and exits: (ours) the module in the real shell, (bitget-api) the most used
/// Node client, (ws) the Node client's floor. The module in pwsh runs <c>Receive-BitgetTicker … -Timeout N |
/// Measure-Object</c>, as a user runs it, and the count is Measure-Object's.
/// </summary>
internal sealed record PeerClient(string Id, string Label, Func<Uri, int, string[], ProcessStartInfo> Start)
{
    public static PeerClient[] All(string moduleManifest, string peersDirectory) =>
    [
        new("ours", "ours, real pwsh", (uri, seconds, symbols) => Pwsh(moduleManifest, uri, seconds, symbols)),
        new("bitget-api", "bitget-api 3.2.3", (uri, seconds, symbols) => Node(peersDirectory, "bitget-api-client.js", uri, seconds, symbols)),
        new("ws", "ws alone", (uri, seconds, symbols) => Node(peersDirectory, "ws-client.js", uri, seconds, symbols)),
    ];

    public const string CountPrefix = "COUNT ";

    private static ProcessStartInfo Pwsh(string manifest, Uri uri, int seconds, string[] symbols)
    {
        // `dotnet pwsh` is three processes (the CLI, the tool's shim, then `dotnet …/pwsh.dll`): the last one runs the
        // pipeline, so it is started directly, from the same package the tool manifest pins.
        var info = Info("dotnet");
        info.ArgumentList.Add(PwshDll());
        foreach (var a in new[] { "-NoProfile", "-NonInteractive", "-Command",
                     $"Import-Module '{manifest}'; $m = Receive-BitgetTicker {string.Join(',', symbols)} -Endpoint {uri.AbsoluteUri} -Timeout {seconds} | Measure-Object; '{CountPrefix}' + $m.Count" })
            info.ArgumentList.Add(a);
        return info;
    }

    private static ProcessStartInfo Node(string directory, string script, Uri uri, int seconds, string[] symbols)
    {
        var info = Info("node");
        info.WorkingDirectory = directory;
        foreach (var a in new[] { Path.Combine(directory, script), uri.AbsoluteUri, seconds.ToString(CultureInfo.InvariantCulture), string.Join(',', symbols) })
            info.ArgumentList.Add(a);
        return info;
    }

    private static ProcessStartInfo Info(string file) =>
        new(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };

    public static string RepoRoot =>
        typeof(PeerClient).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>The PowerShell version .config/dotnet-tools.json pins.</summary>
    public static string PwshVersion
    {
        get
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot, ".config", "dotnet-tools.json")));
            return manifest.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString()!;
        }
    }

    /// <summary>pwsh.dll of the PowerShell version .config/dotnet-tools.json pins, restored with <c>dotnet tool restore</c> if missing.</summary>
    public static string PwshDll()
    {
        var version = PwshVersion;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var dll = Path.Combine(packages, "powershell", version, "tools", "net10.0", "any", "unix", "pwsh.dll");
        if (!File.Exists(dll))
            Tool.Run("dotnet", RepoRoot, "tool", "restore");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"pwsh {version} (the pinned dotnet tool) is not restored", dll);
    }
}
