<#
.SYNOPSIS
Makes the sample captures that ship with the module (module/samples/bitget-sample.jsonl.gz, and with -Api Unified
module/samples/bitget-sample-v3.jsonl.gz) with the mock exchange.

.DESCRIPTION
Starts the loopback mock exchange and records a session with Connect-BitgetStream -RecordPath for -Seconds, then stops.
Both APIs get the same symbols and every public channel of their API: futures tickers of BTCUSDT, ETHUSDT, SOLUSDT and
XRPUSDT and spot tickers of BTCUSDT and ETHUSDT; one-minute candles (which roll over every minute) and trades (with the
snapshot after each subscribe) of BTCUSDT and ETHUSDT; the full BTCUSDT order book (seq/pseq), ETHUSDT books5 and XRPUSDT
books1 snapshots. Classic (v2, the default) adds SOLUSDT books15 snapshots and its full book carries checksums; Unified (v3)
uses its topics (kline, publicTrade) and adds SOLUSDT books50 snapshots and the USDT-FUTURES liquidations. Books come every
-BookIntervalMilliseconds (500 ms instead of the mock's 100 ms), so that each file stays well under 1 MB.
The capture holds those pushes, subscribe acknowledgements and pongs, in the frame shapes of the API; a replay tells the
API from the frames. Prices are the mock's market (src/Bitget.MockExchange/README.md, "One market per symbol").
Build first: dotnet build.
  dotnet tool run pwsh -NoProfile -File tools/New-BitgetSampleCapture.ps1
  dotnet tool run pwsh -NoProfile -File tools/New-BitgetSampleCapture.ps1 -Api Unified
#>
param(
    [ValidateSet('Classic', 'Unified')]
    [string] $Api = 'Classic',
    [int] $Seconds = 150,
    [int] $IntervalMilliseconds = 500,
    [int] $BookIntervalMilliseconds = 500,
    [string] $Path = (Join-Path $PSScriptRoot ('../module/samples/bitget-sample{0}.jsonl.gz' -f ($Api -eq 'Unified' ? '-v3' : '')))
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
    $null = Invoke-RestMethod -Method Post "http://$(([uri]$endpoint).Authority)/control/options?bookIntervalMs=$BookIntervalMilliseconds"
    if ($Api -eq 'Unified') {
        $endpoint = $endpoint -replace '/v2/ws/public$', '/v3/ws/public'
    }

    Remove-Item -LiteralPath $Path -ErrorAction SilentlyContinue
    $s = Connect-BitgetStream -Endpoint $endpoint -Api $Api -RecordPath $Path -Name Sample
    Register-BitgetTicker BTCUSDT, ETHUSDT, SOLUSDT, XRPUSDT -Session $s
    Register-BitgetTicker BTCUSDT, ETHUSDT -InstType SPOT -Session $s
    Register-BitgetCandle BTCUSDT, ETHUSDT -Interval 1m -Session $s
    Register-BitgetTrade BTCUSDT, ETHUSDT -Session $s
    Register-BitgetOrderBook BTCUSDT -Depth Full -Session $s
    Register-BitgetOrderBook ETHUSDT -Depth 5 -Session $s
    Register-BitgetOrderBook XRPUSDT -Depth 1 -Session $s
    if ($Api -eq 'Unified') {
        Register-BitgetOrderBook SOLUSDT -Depth 50 -Session $s
        Register-BitgetLiquidation -Session $s
    }
    else {
        Register-BitgetOrderBook SOLUSDT -Depth 15 -Session $s
    }
    Start-Sleep -Seconds $Seconds
    $frames = $s.RecordedFrames
    Disconnect-BitgetStream -Session $s
    '{0}: {1} frames, {2:N0} bytes' -f (Resolve-Path $Path), $frames, (Get-Item $Path).Length
}
finally {
    if (-not $mock.HasExited) { $mock.Kill($true) }
    $mock.Dispose()
}
