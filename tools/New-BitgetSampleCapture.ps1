<#
.SYNOPSIS
Makes the sample capture that ships with the module (module/samples/bitget-sample.jsonl.gz) with the mock exchange.

.DESCRIPTION
Starts the loopback mock exchange, records a session of futures and spot tickers, one-minute candles (which roll over
every minute), trades (with the snapshot after each subscribe) and order books (a full local book with seq/pseq and
checksums, and books5 snapshots) with Connect-BitgetStream -RecordPath for -Seconds, and stops. The capture holds those
pushes, subscribe acknowledgements and pongs, with real Bitget v2 frame shapes. Build first: dotnet build.
  dotnet tool run pwsh -NoProfile -File tools/New-BitgetSampleCapture.ps1
#>
param(
    [int] $Seconds = 180,
    [int] $IntervalMilliseconds = 500,
    [string] $Path = (Join-Path $PSScriptRoot '../module/samples/bitget-sample.jsonl.gz')
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../tests/pester/Common.ps1')
Import-Module $BitgetModuleManifest

$configuration = Get-BitgetTestConfiguration
$psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($a in 'run', '--project', $BitgetMockProject, '--no-build', '--no-launch-profile', '-c', $configuration, '--',
    '--port', '0', '--interval-ms', "$IntervalMilliseconds") { $psi.ArgumentList.Add($a) }
$psi.RedirectStandardOutput = $true
$psi.UseShellExecute = $false
$mock = [System.Diagnostics.Process]::Start($psi)
try {
    while (($line = $mock.StandardOutput.ReadLine()) -notmatch 'listening on (ws://\S+)') {
        if ($null -eq $line) { throw 'The mock exchange exited before it was ready.' }
    }
    $endpoint = $Matches[1]
    $null = $mock.StandardOutput.ReadToEndAsync()

    Remove-Item -LiteralPath $Path -ErrorAction SilentlyContinue
    $s = Connect-BitgetStream -Endpoint $endpoint -RecordPath $Path -Name Sample
    Register-BitgetTicker BTCUSDT, ETHUSDT, SOLUSDT, XRPUSDT -Session $s
    Register-BitgetTicker BTCUSDT, ETHUSDT -InstType SPOT -Session $s
    Register-BitgetCandle BTCUSDT, ETHUSDT -Interval 1m -Session $s
    Register-BitgetTrade BTCUSDT, ETHUSDT -Session $s
    Register-BitgetOrderBook BTCUSDT -Depth Full -Session $s
    Register-BitgetOrderBook ETHUSDT -Depth 5 -Session $s
    Start-Sleep -Seconds $Seconds
    $frames = $s.RecordedFrames
    Disconnect-BitgetStream -Session $s
    '{0}: {1} frames, {2:N0} bytes' -f (Resolve-Path $Path), $frames, (Get-Item $Path).Length
}
finally {
    if (-not $mock.HasExited) { $mock.Kill($true) }
    $mock.Dispose()
}
