<#
.SYNOPSIS
Frames per second of a replay (Connect-BitgetStream -ReplayPath -ReplaySpeed 0) through the session into the pipeline.

.DESCRIPTION
Records -Seconds of a fast mock exchange (10 symbols, a ticker every -IntervalMilliseconds each) with -RecordPath, plain
and gzip, then replays each recording -Repeat times into `Receive-BitgetTicker -Session $r | Measure-Object` and reports
the best run. Build first (Release for figures):
  dotnet build -c Release src/Bitget.PowerShell; dotnet build -c Release tests/Bitget.MockExchange
  $env:BITGET_TEST_CONFIGURATION = 'Release'; dotnet tool run pwsh -NoProfile -File bench/Recording/Measure-Replay.ps1
#>
param(
    [int] $Seconds = 10,
    [int] $IntervalMilliseconds = 1,
    [int] $Repeat = 3
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../../tests/pester/Common.ps1')
Import-Module $BitgetModuleManifest

$psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($a in 'run', '--project', $BitgetMockProject, '--no-build', '--no-launch-profile', '-c', (Get-BitgetTestConfiguration), '--',
    '--port', '0', '--interval-ms', "$IntervalMilliseconds") { $psi.ArgumentList.Add($a) }
$psi.RedirectStandardOutput = $true
$psi.UseShellExecute = $false
$mock = [System.Diagnostics.Process]::Start($psi)
$folder = Join-Path ([System.IO.Path]::GetTempPath()) "bitget-replay-bench-$PID"
$null = New-Item -ItemType Directory -Path $folder -Force
try {
    while (($line = $mock.StandardOutput.ReadLine()) -notmatch 'listening on (ws://\S+)') {
        if ($null -eq $line) { throw 'The mock exchange exited before it was ready.' }
    }
    $endpoint = $Matches[1]
    $null = $mock.StandardOutput.ReadToEndAsync()
    $symbols = 'BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT', 'SYM1USDT', 'SYM2USDT', 'SYM3USDT', 'SYM4USDT', 'SYM5USDT'

    $results = foreach ($name in 'capture.jsonl', 'capture.jsonl.gz') {
        $path = Join-Path $folder $name
        $s = Connect-BitgetStream -Endpoint $endpoint -RecordPath $path -Name "Record-$name"
        Register-BitgetTicker $symbols -Session $s
        Start-Sleep -Seconds $Seconds
        $frames = $s.RecordedFrames
        Disconnect-BitgetStream -Session $s
        $best = [double]::MaxValue
        $count = 0
        for ($i = 0; $i -lt $Repeat; $i++) {
            $r = Connect-BitgetStream -ReplayPath $path -Name "Replay-$name-$i"
            $sw = [System.Diagnostics.Stopwatch]::StartNew()
            $count = (Receive-BitgetTicker -Session $r | Measure-Object).Count
            $sw.Stop()
            $best = [math]::Min($best, $sw.Elapsed.TotalSeconds)
        }
        [pscustomobject]@{
            File = $name; Frames = $frames; Bytes = (Get-Item $path).Length; Tickers = $count
            BestSeconds = [math]::Round($best, 3); TickersPerSecond = [math]::Round($count / $best)
        }
    }
    $results | Format-Table -AutoSize
}
finally {
    if (-not $mock.HasExited) { $mock.Kill($true) }
    $mock.Dispose()
    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
}
