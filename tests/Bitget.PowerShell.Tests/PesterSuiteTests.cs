using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using Xunit.Abstractions;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// Runs the Pester suite tests/pester in a fresh in-process runspace, with the Pester that restore downloaded, so that
/// <c>dotnet test</c> fails when a Pester test fails and names it.
/// </summary>
public sealed class PesterSuiteTests(ITestOutputHelper log)
{
    // The suite bounds each of its waits; this only stops a hung engine from hanging dotnet test.
    private static readonly TimeSpan SuiteLimit = TimeSpan.FromMinutes(8);

    private const string RunSuite = """
        param([string] $PesterManifest, [string] $Path, [string] $Configuration)
        $ErrorActionPreference = 'Stop'
        # The mock exchange is started with 'dotnet run --no-build' in the configuration these tests were built in.
        if (-not $env:BITGET_TEST_CONFIGURATION) { $env:BITGET_TEST_CONFIGURATION = $Configuration }
        Import-Module $PesterManifest
        $config = New-PesterConfiguration
        $config.Run.Path = $Path
        $config.Run.PassThru = $true
        $config.Output.Verbosity = 'Detailed'
        $config.Output.RenderMode = 'Plaintext'
        $r = Invoke-Pester -Configuration $config
        function Format-PesterError($records) {
            ($records | ForEach-Object {
                if ($_.PSObject.Properties['DisplayErrorMessage']) { "$($_.DisplayErrorMessage) $($_.DisplayStackTrace)" } else { "$_ $($_.ScriptStackTrace)" }
            }) -join ' | '
        }
        [pscustomobject]@{
            Result   = "$($r.Result)"
            Total    = $r.TotalCount
            Passed   = $r.PassedCount
            Failed   = $r.FailedCount
            Skipped  = $r.SkippedCount
            NotRun   = $r.NotRunCount
            Tests    = @($r.Tests | ForEach-Object { '{0,-7} {1} ({2:N1} s)' -f $_.Result, $_.ExpandedPath, $_.Duration.TotalSeconds })
            Failures = @(
                foreach ($t in $r.Failed) { "FAILED TEST '$($t.ExpandedPath)': $(Format-PesterError $t.ErrorRecord)" }
                foreach ($b in $r.FailedBlocks) { "FAILED BLOCK '$($b.ExpandedPath)' (BeforeAll/AfterAll): $(Format-PesterError $b.ErrorRecord)" }
                foreach ($c in $r.FailedContainers) { "FAILED FILE '$($c.Item)': $(Format-PesterError $c.ErrorRecord)" }
            )
        }
        """;

    [Fact]
    public async Task EveryPesterScenarioPasses()
    {
        var pester = PesterManifest();
        Assert.True(File.Exists(pester), $"Pester is not where restore put it: {pester}");
        var suite = Path.Combine(ModuleHost.RepoRoot, "tests", "pester");

        using var runspace = RunspaceFactory.CreateRunspace(ModuleHost.CreateSessionState());
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(RunSuite)
            .AddParameter("PesterManifest", pester)
            .AddParameter("Path", suite)
            .AddParameter("Configuration", typeof(PesterSuiteTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug");
        // Pester reports through Write-Host, which a host-less runspace turns into information records.
        var pending = new System.Text.StringBuilder();
        ps.Streams.Information.DataAdded += (_, e) =>
        {
            var data = ps.Streams.Information[e.Index].MessageData;
            pending.Append(data);
            if (data is HostInformationMessage { NoNewLine: true })
                return;
            Log(pending.ToString());
            pending.Clear();
        };

        var output = new PSDataCollection<PSObject>();
        var invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);
        try
        {
            await Task.Factory.FromAsync(invocation, _ => { }).WaitAsync(SuiteLimit);
        }
        catch (TimeoutException)
        {
            ps.Stop();
            Assert.Fail($"The Pester suite did not finish within {SuiteLimit.TotalMinutes} minutes.");
        }

        var engineErrors = ps.Streams.Error.Select(e => $"{e} {e.ScriptStackTrace}").ToList();
        var summary = Assert.Single(output, o => o.Properties["Failures"] is not null);
        var failures = ((object[])summary.Properties["Failures"].Value).Select(f => f.ToString()!).ToList();
        foreach (var line in (object[])summary.Properties["Tests"].Value)
            Log(line.ToString());

        Assert.True(failures.Count == 0 && engineErrors.Count == 0 && (string)summary.Properties["Result"].Value == "Passed",
            $"Pester: {summary.Properties["Result"].Value}, {summary.Properties["Failed"].Value} of {summary.Properties["Total"].Value} failed" + Environment.NewLine
            + string.Join(Environment.NewLine, failures.Concat(engineErrors)));
        Assert.True((int)summary.Properties["Passed"].Value > 0, "Pester ran no test.");
        Assert.Equal(0, (int)summary.Properties["NotRun"].Value);
    }

    private void Log(string? line)
    {
        try
        {
            log.WriteLine(line ?? string.Empty);
        }
        catch (InvalidOperationException)
        {
            // A line that arrives after the test ended (the engine's last flush) has nowhere to go.
        }
    }

    private static string PesterManifest() =>
        typeof(PesterSuiteTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PesterManifest").Value!;
}
