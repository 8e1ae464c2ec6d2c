namespace Bitget.PowerShell.Tests;

/// <summary>
/// Write-Host in an -Action goes where the runspace's host output goes, as from an event action of Register-ObjectEvent:
/// in a host-less runspace (an SDK host) that is the running pipeline's information stream. The console cases are in
/// tests/pester/ActionHost.Tests.ps1, in the real pwsh.
/// </summary>
public sealed class ActionHostOutputTests : MockedModuleTests
{
    [Fact]
    public void WriteHostInAnActionReachesTheHostOutputAndTheRestOfTheActionRuns()
    {
        var run = _host.Invoke("""
            $s = Connect-BitgetStream -Endpoint $ep
            $job = Register-BitgetTicker BTCUSDT -Action {
                Write-Host "HOST $($_.Symbol)" -ForegroundColor Green
                Write-Host 'PLAIN'
                "after $($_.Symbol)"
            }
            $d = [datetime]::UtcNow.AddSeconds(10)
            while ($job.Invocations -lt 3 -and [datetime]::UtcNow -lt $d) { Start-Sleep -Milliseconds 20 }
            Stop-Job $job
            [pscustomobject]@{ Invocations = $job.Invocations; Errors = @($job.Error | ForEach-Object { "$_" }); Output = @(Receive-Job $job); Information = $job.Information.Count }
            """, new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString() });
        Assert.Empty(run.Errors);
        var result = Assert.Single(run.Output);
        var invocations = (long)result.Properties["Invocations"].Value;
        Assert.True(invocations >= 3);
        Assert.Empty((object[])result.Properties["Errors"].Value);
        var output = ((object[])result.Properties["Output"].Value).Select(o => o.ToString()).ToList();
        Assert.Equal(invocations, output.Count);
        Assert.All(output, o => Assert.Equal("after BTCUSDT", o));
        // Host output is not the job's information: it went to the host (here, the pipeline's information stream).
        Assert.Equal(0, (int)result.Properties["Information"].Value);
        var host = run.Shell.Streams.Information.Where(i => i.Tags.Contains("PSHOST")).Select(i => i.MessageData.ToString()).ToList();
        Assert.Equal(invocations * 2, host.Count);
        Assert.Equal(["HOST BTCUSDT", "PLAIN"], host.Take(2));
        var green = run.Shell.Streams.Information.First(i => i.MessageData.ToString() == "HOST BTCUSDT").MessageData as System.Management.Automation.HostInformationMessage;
        Assert.Equal(ConsoleColor.Green, green!.ForegroundColor);
    }
}
