<#
.SYNOPSIS
Rows per second of Export-BitgetCsv against Export-Csv for the same tickers, in one pwsh process.

.DESCRIPTION
Builds -Count futures tickers in memory (every column filled, as the mock sends them), then pipes them into each
cmdlet -Repeat times (and hands the whole list to Export-BitgetCsv -InputObject), writing to a temporary file, and reports the best run of each. Build first (Release for figures):
  dotnet build -c Release src/Bitget.PowerShell
  dotnet tool run pwsh -NoProfile -File bench/Recording/Measure-CsvExport.ps1
#>
param(
    [int] $Count = 100000,
    [int] $Repeat = 5,
    [string] $Manifest = (Join-Path $PSScriptRoot '../../out/Bitget/Bitget.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
# (The module's types, [Bitget.Stream.Models.BitgetTicker] among them, are known by name once it is imported.)

$now = [datetimeoffset]::UtcNow
$symbols = 'BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT'
$tickers = [System.Collections.Generic.List[object]]::new($Count)
for ($n = 0; $n -lt $Count; $n++) {
    $last = 27000.50d + $n * 0.1d
    $t = [Bitget.Stream.Models.BitgetTicker]::new()
    $t.Symbol = $symbols[$n % $symbols.Count]; $t.InstType = 'USDT-FUTURES'
    $t.LastPrice = $last; $t.BidPrice = $last - 0.01d; $t.AskPrice = $last + 0.01d; $t.BidSize = 1.5d; $t.AskSize = 2.25d
    $t.Open24h = 27000.50d; $t.High24h = $last + 1; $t.Low24h = 26999.50d; $t.Change24h = 0.00012d
    $t.BaseVolume = 1000.123d; $t.QuoteVolume = 27000123.45d; $t.FundingRate = 0.0001d; $t.NextFundingTime = $now.AddHours(8)
    $t.MarkPrice = $last; $t.IndexPrice = $last - 0.05d; $t.HoldingAmount = 10000.5d; $t.DeliveryPrice = 0; $t.OpenUtc = 27000.5d
    $t.Timestamp = $now.AddMilliseconds($n); $t.ReceivedAt = $now.AddMilliseconds($n + 3)
    $tickers.Add($t)
}

$file = Join-Path ([System.IO.Path]::GetTempPath()) "bitget-csv-bench-$PID.csv"
$runs = @{
    'Export-Csv'       = { $tickers | Export-Csv -LiteralPath $file }
    'Export-BitgetCsv' = { $tickers | Export-BitgetCsv -Path $file }
    'Export-BitgetCsv -InputObject' = { Export-BitgetCsv -Path $file -InputObject $tickers }
}
$names = 'Export-Csv', 'Export-BitgetCsv', 'Export-BitgetCsv -InputObject'
$bestWall = @{}; $bestCpu = @{}
foreach ($name in $names) { & $runs[$name]; $bestWall[$name] = [double]::MaxValue; $bestCpu[$name] = [double]::MaxValue } # warm-up
# Interleaved, so that a change of load on a shared machine hits every cmdlet alike; CPU time (this process, all
# threads) is reported beside wall time because it is far less sensitive to other processes.
$process = [System.Diagnostics.Process]::GetCurrentProcess()
for ($i = 0; $i -lt $Repeat; $i++) {
    foreach ($name in $names) {
        [GC]::Collect()
        $process.Refresh()
        $cpu = $process.TotalProcessorTime
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        & $runs[$name]
        $sw.Stop()
        $process.Refresh()
        $bestWall[$name] = [math]::Min($bestWall[$name], $sw.Elapsed.TotalSeconds)
        $bestCpu[$name] = [math]::Min($bestCpu[$name], ($process.TotalProcessorTime - $cpu).TotalSeconds)
    }
}
$results = foreach ($name in $names) {
    [pscustomobject]@{
        Cmdlet = $name; Rows = $Count
        RowsPerSecond = [math]::Round($Count / $bestWall[$name]); RowsPerCpuSecond = [math]::Round($Count / $bestCpu[$name])
        VsExportCsv = [math]::Round($bestWall['Export-Csv'] / $bestWall[$name], 1); VsExportCsvCpu = [math]::Round($bestCpu['Export-Csv'] / $bestCpu[$name], 1)
    }
}
Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
$results | Format-Table Cmdlet, RowsPerSecond, RowsPerCpuSecond, VsExportCsv, VsExportCsvCpu -AutoSize
