# Pester 5 user scenarios for recording with Export-BitgetCsv, end to end against the loopback mock exchange.
# Prerequisite: `dotnet build` has assembled out/Bitget and built tests/Bitget.MockExchange (the mock's command line).
# (Crossing a UTC midnight needs an injected clock: tests/Bitget.Stream.Tests/Recording/CsvFileRecorderTests.cs.)

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    $null = Import-BitgetTestModule

    $Mock = Start-TestMockExchange
    $ep = $Mock.Endpoint
}

AfterAll {
    if (Get-Module Bitget) {
        Clear-BitgetTestState -Mock $Mock
    }
    Stop-TestMockExchange -Mock $Mock
    Get-Module Bitget | Remove-Module -Force
}

Describe 'Recording tickers with Export-BitgetCsv' {

    BeforeEach {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ("bitget-pester-" + [guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $folder
        $savedCulture = [cultureinfo]::CurrentCulture
    }

    AfterEach {
        [cultureinfo]::CurrentCulture = $savedCulture
        Clear-BitgetTestState -Mock $Mock
        Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'a de-DE session''s file reads back exactly under <ReadCulture>' -ForEach @(
        @{ ReadCulture = 'en-US' }
        @{ ReadCulture = 'de-DE' }
    ) {
        $path = Join-Path $folder 'ticks.csv'
        [cultureinfo]::CurrentCulture = 'de-DE'
        $tickers = Receive-BitgetTicker BTCUSDT, ETHUSDT -First 10 -Endpoint $ep | Export-BitgetCsv -Path $path -PassThru

        [cultureinfo]::CurrentCulture = $ReadCulture
        $rows = @(Import-Csv -LiteralPath $path)
        $rows.Count | Should -Be 10
        for ($i = 0; $i -lt 10; $i++) {
            foreach ($column in $BitgetTickerDecimalColumns) {
                $expected = $tickers[$i].$column
                if ($null -eq $expected) { $rows[$i].$column | Should -BeNullOrEmpty }
                else { [decimal] $rows[$i].$column | Should -Be $expected -Because "$column of row $i" }
            }
            [datetimeoffset] $rows[$i].Timestamp | Should -Be $tickers[$i].Timestamp
            [long] $rows[$i].TimestampMs | Should -Be $tickers[$i].Timestamp.ToUnixTimeMilliseconds()
            $rows[$i].Timestamp | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
        }
    }

    It 'refuses to append onto a file with another header and leaves it untouched' {
        $path = Join-Path $folder 'other.csv'
        Receive-BitgetTicker BTCUSDT -First 2 -Endpoint $ep | Export-Csv -LiteralPath $path
        $before = Get-Content -LiteralPath $path -Raw

        { Receive-BitgetTicker BTCUSDT -First 2 -Endpoint $ep | Export-BitgetCsv $path -Append -ErrorAction Stop } |
            Should -Throw -ErrorId 'CsvHeaderMismatch,Bitget.PowerShell.Commands.ExportBitgetCsvCommand'
        Get-Content -LiteralPath $path -Raw | Should -BeExactly $before
    }

    It 'writes -Daily to the seed''s bitget_data_YYYY-MM-DD.csv (or a {date} path) and appends under one header' {
        Push-Location $folder
        try {
            Receive-BitgetTicker BTCUSDT -First 2 -Endpoint $ep | Export-BitgetCsv -Daily
            Receive-BitgetTicker BTCUSDT -First 3 -Endpoint $ep | Export-BitgetCsv -Daily -Append
            Receive-BitgetTicker BTCUSDT -First 1 -Endpoint $ep | Export-BitgetCsv -Daily -Path 'btc-{date}.csv'
        }
        finally {
            Pop-Location
        }
        $today = [datetime]::UtcNow.ToString('yyyy-MM-dd')
        $daily = Get-Item -LiteralPath (Join-Path $folder "bitget_data_$today.csv")
        @(Get-Content -LiteralPath $daily).Count | Should -Be 6
        @(Get-Content -LiteralPath $daily | Where-Object { $_ -like 'Symbol,*' }).Count | Should -Be 1
        Test-Path -LiteralPath (Join-Path $folder "btc-$today.csv") | Should -BeTrue
    }

    It 'a recording survives a dropped connection and a Ctrl+C with no lost or partial row' {
        $path = Join-Path $folder 'live.csv'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Manifest, $Endpoint, $Path)
                    Import-Module $Manifest
                    $s = Connect-BitgetStream -Endpoint $Endpoint -Name Recorder
                    Receive-BitgetTicker BTCUSDT, ETHUSDT -Session $s | Export-BitgetCsv -Path $Path -PassThru
                }).AddParameter('Manifest', $BitgetModuleManifest).AddParameter('Endpoint', $ep).AddParameter('Path', $path)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $invocation = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)

            Wait-BitgetCondition { $output.Count -ge 20 } -TimeoutSeconds 20 | Should -BeTrue
            $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/drop'
            $afterDrop = $output.Count
            Wait-BitgetCondition { (Get-BitgetMockStats -Mock $Mock).totalConnections -ge 2 -and $output.Count -ge $afterDrop + 40 } -TimeoutSeconds 20 |
                Should -BeTrue
            $ps.Stop() # what Ctrl+C does to the pipeline
            $null = $invocation.AsyncWaitHandle.WaitOne(10000)
        }
        finally {
            $ps.Dispose()
        }

        $text = [System.IO.File]::ReadAllText($path)
        $text | Should -Match '\n$'
        $lines = $text.TrimEnd("`n") -split "`n"
        $columns = ($lines[0] -split ',').Count
        $lines | Where-Object { ($_ -split ',').Count -ne $columns } | Should -BeNullOrEmpty
        $rows = @(Import-Csv -LiteralPath $path)
        # Each row is written before its ticker is passed on: a stop can fall between the two for the last one only.
        $rows.Count | Should -BeIn @($output.Count, ($output.Count + 1))
        for ($i = 0; $i -lt $output.Count; $i++) {
            $rows[$i].Symbol | Should -Be $output[$i].Symbol
            [long] $rows[$i].TimestampMs | Should -Be $output[$i].Timestamp.ToUnixTimeMilliseconds()
            [decimal] $rows[$i].LastPrice | Should -Be $output[$i].LastPrice
        }
    }

    It 'replays the bundled capture without a network, writing the same CSV every time' {
        $sample = Join-Path (Split-Path $BitgetModuleManifest) 'samples/bitget-sample.jsonl.gz'
        Test-Path -LiteralPath $sample | Should -BeTrue
        $connectionsBefore = (Get-BitgetMockStats -Mock $Mock).totalConnections
        $latest = foreach ($n in 1, 2) {
            $r = Connect-BitgetStream -ReplayPath $sample -Name "Sample$n"
            $r.IsReplay | Should -BeTrue
            Receive-BitgetTicker -Session $r | Export-BitgetCsv -Path (Join-Path $folder "sample$n.csv")
            "$($r.State)" | Should -Be 'Closed'
            @(Get-BitgetTicker -Session $r).Count
        }
        $latest | Should -Be @(6, 6)
        $first = Get-FileHash -LiteralPath (Join-Path $folder 'sample1.csv')
        $second = Get-FileHash -LiteralPath (Join-Path $folder 'sample2.csv')
        $second.Hash | Should -Be $first.Hash
        @(Import-Csv -LiteralPath (Join-Path $folder 'sample1.csv')).Count | Should -BeGreaterThan 1000
        (Get-BitgetMockStats -Mock $Mock).totalConnections | Should -Be $connectionsBefore
    }
}
