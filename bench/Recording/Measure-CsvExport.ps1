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
    [int] $Repeat = 3,
    [string] $Manifest = (Join-Path $PSScriptRoot '../../out/Bitget/Bitget.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
# The model type lives in the core assembly, which loads with the first cmdlet that needs it; load it now.
Add-Type -Path (Join-Path (Split-Path $Manifest) 'Bitget.Stream.dll')

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
$results = foreach ($name in 'Export-Csv', 'Export-BitgetCsv', 'Export-BitgetCsv -InputObject') {
    & $runs[$name] # warm-up
    $best = [double]::MaxValue
    for ($i = 0; $i -lt $Repeat; $i++) {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        & $runs[$name]
        $sw.Stop()
        $best = [math]::Min($best, $sw.Elapsed.TotalSeconds)
    }
    [pscustomobject]@{ Cmdlet = $name; Rows = $Count; BestSeconds = [math]::Round($best, 3); RowsPerSecond = [math]::Round($Count / $best) }
}
Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
$results | Format-Table -AutoSize
'Piped: {0:N1}x Export-Csv; -InputObject: {1:N1}x Export-Csv' -f ($results[1].RowsPerSecond / $results[0].RowsPerSecond), ($results[2].RowsPerSecond / $results[0].RowsPerSecond)
