# Pester 5 user scenarios for the Bitget module: the smoke suite, end to end against the loopback mock exchange.
# Each It is a thing a user does (record to CSV, feed symbols from a file, summarise a stream, run an alert, keep a
# recorder alive); the cmdlet contract itself (errors, help, counters, one behaviour at a time) is tested by
# tests/Bitget.PowerShell.Tests/CmdletTests.cs and not repeated here. Every It sets up what it needs and can run alone
# (Invoke-Pester -FullNameFilter '*CSV*'); every wait polls against a deadline.
# Prerequisite: `dotnet build` has assembled out/Bitget and built tests/Bitget.MockExchange (the mock's command line).
# Run: `dotnet test` (in-process), ./build.ps1 -Task Pester, or Invoke-Pester tests/pester -Output Detailed.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    $BitgetModule = Import-BitgetTestModule

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

Describe 'Installing the module' {

    It 'out/Bitget/Bitget.psd1 is a valid manifest for PowerShell 7.6 and imports with its version' {
        $manifest = Test-ModuleManifest -Path $BitgetModuleManifest -ErrorAction Stop
        $manifest.Version.ToString() | Should -Match '^\d+\.\d+\.\d+'
        $manifest.PowerShellVersion | Should -Be ([version] '7.6')
        $manifest.CompatiblePSEditions | Should -Contain 'Core'
        $BitgetModule.Version | Should -Be $manifest.Version
        $BitgetModule.ModuleBase | Should -Be (Split-Path -Parent $BitgetModuleManifest)
    }

    It 'Get-Help -Examples shows the first command of the README' {
        $examples = @((Get-Help Receive-BitgetTicker -Examples).examples.example)
        ($examples.code -join "`n") | Should -Match 'Receive-BitgetTicker BTCUSDT -First 5'
    }
}

Describe 'Recording tickers to CSV' {

    AfterEach {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'records with Export-Csv and reads back every column and decimal exactly under the <Culture> culture' -ForEach @(
        @{ Culture = 'en-US'; Csv = @{} }
        # A German user: decimal comma, and -UseCulture makes the delimiter the culture's list separator (;).
        # (Splatted: Export-Csv -UseCulture:$false would pick the UseCulture parameter set and write NUL delimiters.)
        @{ Culture = 'de-DE'; Csv = @{ UseCulture = $true } }
    ) {
        $path = Join-Path $TestDrive "tickers-$Culture.csv"
        $culture = [cultureinfo]::GetCultureInfo($Culture)
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = $culture
            Receive-BitgetTicker BTCUSDT, ETHUSDT -First 6 -Endpoint $ep -Timeout 15 |
                Tee-Object -Variable tickers |
                Export-Csv -Path $path @Csv
            $rows = @(Import-Csv -Path $path @Csv)
        }
        finally {
            [cultureinfo]::CurrentCulture = $saved
        }

        $header = (Get-Content -LiteralPath $path -TotalCount 1)
        $header | Should -Be (($BitgetTickerColumns | ForEach-Object { '"{0}"' -f $_ }) -join $culture.TextInfo.ListSeparator)
        $rows.Count | Should -Be 6
        for ($i = 0; $i -lt $rows.Count; $i++) {
            $row = $rows[$i]
            $original = $tickers[$i]
            $row.Symbol | Should -Be $original.Symbol
            $row.InstType | Should -Be 'USDT-FUTURES'
            foreach ($column in $BitgetTickerDecimalColumns) {
                if ($null -eq $original.$column) {
                    $row.$column | Should -BeNullOrEmpty -Because "$column was null"
                    continue
                }
                $row.$column | Should -Be $original.$column.ToString($culture) -Because "$column is written in the $Culture format, at full precision"
                [decimal]::Parse($row.$column, [System.Globalization.NumberStyles]::Number, $culture) |
                    Should -Be $original.$column -Because "$column must survive the round trip"
            }
            $timestamp = [DateTimeOffset]::Parse($row.Timestamp, $culture)
            [Math]::Abs(($timestamp - $original.Timestamp).TotalSeconds) | Should -BeLessThan 1
        }
        if ($Culture -eq 'de-DE') {
            @($rows | Where-Object { $_.LastPrice -match '^\d+,\d+$' }).Count | Should -BeGreaterThan 0 -Because 'German decimals have a comma'
        }
    }

    It 'appends a second recording to the same file under one header (Export-Csv -Append)' {
        $path = Join-Path $TestDrive 'append.csv'
        Receive-BitgetTicker BTCUSDT -First 3 -Endpoint $ep -Timeout 15 | Export-Csv -Path $path
        Receive-BitgetTicker ETHUSDT -First 4 -Endpoint $ep -Timeout 15 | Export-Csv -Path $path -Append

        @(Get-Content -LiteralPath $path | Where-Object { $_ -like '"Symbol",*' }).Count | Should -Be 1
        $rows = @(Import-Csv -Path $path)
        $rows.Count | Should -Be 7
        (@($rows.Symbol) -join ',') | Should -Be 'BTCUSDT,BTCUSDT,BTCUSDT,ETHUSDT,ETHUSDT,ETHUSDT,ETHUSDT'
    }

    It 'streams the symbols listed in a CSV file (Import-Csv | Receive-BitgetTicker binds the Symbol column)' {
        $list = Join-Path $TestDrive 'symbols.csv'
        @('Symbol', 'BTCUSDT', 'SOLUSDT') | Set-Content -LiteralPath $list
        $tickers = @(Import-Csv -Path $list | Receive-BitgetTicker -Endpoint $ep -First 20 -Timeout 15)

        $tickers.Count | Should -Be 20
        (@($tickers.Symbol | Sort-Object -Unique) -join ',') | Should -Be 'BTCUSDT,SOLUSDT'
    }
}

Describe 'Working with the stream in the pipeline' {

    AfterEach {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'Group-Object and Measure-Object summarise a two-symbol stream in exact decimals' {
        $tickers = @(Receive-BitgetTicker BTCUSDT, ETHUSDT -Endpoint $ep -First 20 -Timeout 15)
        $groups = @($tickers | Group-Object Symbol | Sort-Object Name)

        (@($groups.Name) -join ',') | Should -Be 'BTCUSDT,ETHUSDT'
        ($groups | Measure-Object Count -Sum).Sum | Should -Be 20
        foreach ($group in $groups) {
            $stats = $group.Group | Measure-Object LastPrice -Minimum -Maximum
            $stats.Count | Should -Be $group.Count
            $stats.Maximum | Should -BeGreaterOrEqual $stats.Minimum
            ($group.Group.LastPrice | Sort-Object -Descending | Select-Object -First 1) | Should -BeOfType ([decimal])
        }
    }

    It 'Select-Object -First 3 ends an endless stream and closes its socket' {
        # No -First, no -Timeout on the cmdlet: only Select-Object can end it (the 60 s is a guard, not the expectation).
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $tickers = @(Receive-BitgetTicker BTCUSDT -Endpoint $ep -Timeout 60 | Select-Object -First 3)
        $watch.Stop()

        $tickers.Count | Should -Be 3
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 30 -Because 'Select-Object stopped it, not the 60 s guard'
        Wait-BitgetCondition { (Get-BitgetMockStats -Mock $Mock).activeConnections -eq 0 } -TimeoutSeconds 10 |
            Should -BeTrue -Because 'the command closes the session it opened'
    }

    It 'shows tickers in the default table view' {
        $text = (Receive-BitgetTicker BTCUSDT -Endpoint $ep -First 2 -Timeout 15 | Out-String -Width 200) -replace $AnsiPattern, ''
        $text | Should -Match 'Symbol\s+InstType\s+LastPrice\s+BidPrice\s+AskPrice\s+Change24h\s+Time \(UTC\)'
        $text | Should -Match 'BTCUSDT'
        $text | Should -Match '\d{2}:\d{2}:\d{2}\.\d{3}'
    }

    It 'keeps streaming the good symbols when the exchange refuses one' {
        $tickers = @(Receive-BitgetTicker BTCUSDT, NOPEUSDT -Endpoint $ep -First 3 -Timeout 15 `
                -ErrorVariable err -ErrorAction SilentlyContinue)

        $tickers.Count | Should -Be 3
        $tickers.Symbol | ForEach-Object { $_ | Should -Be 'BTCUSDT' }
        @($err | Where-Object FullyQualifiedErrorId -like 'BitgetServerError*').Count | Should -BeGreaterThan 0
    }
}

Describe 'Watching order books' {

    AfterEach {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'records the top of the book to CSV and reads every decimal back exactly' {
        $path = Join-Path $TestDrive 'top.csv'
        $books = @(Receive-BitgetOrderBook BTCUSDT -Depth 1 -Endpoint $ep -First 5 -Timeout 15)
        $books | Select-Object Symbol, BestBid, BestAsk, Spread, Mid, Timestamp | Export-Csv $path -NoTypeInformation

        $rows = @(Import-Csv $path)
        $rows.Count | Should -Be 5
        for ($i = 0; $i -lt 5; $i++) {
            [decimal]::Parse($rows[$i].BestBid, [cultureinfo]::InvariantCulture) | Should -Be $books[$i].BestBid
            [decimal]::Parse($rows[$i].Spread, [cultureinfo]::InvariantCulture) | Should -Be ($books[$i].BestAsk - $books[$i].BestBid)
            $books[$i].Bids.Count | Should -Be 1
        }
    }

    It 'keeps a whole book, thinned to the newest every 200 ms, through a seq gap and a bad checksum' {
        $s = Connect-BitgetStream -Endpoint $ep -Name 'PesterBooks'
        try {
            # The first update after the snapshot follows one the exchange never sent: the gap is reported, counted and
            # healed by a fresh snapshot, and the stream goes on.
            $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/options?bookIntervalMs=20&bookGaps=1'
            $books = @(Receive-BitgetOrderBook BTCUSDT -Depth Full -Interval 200 -Session $s -First 5 -Timeout 20 `
                    -WarningVariable gapWarnings -WarningAction SilentlyContinue)
            # A new subscription whose snapshot carries a wrong checksum: the same.
            $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/options?bookBadChecksums=1'
            $books += @(Receive-BitgetOrderBook BTCUSDT -Depth Full -Interval 200 -Session $s -First 5 -Timeout 20 `
                    -WarningVariable sumWarnings -WarningAction SilentlyContinue)

            $books.Count | Should -Be 10
            foreach ($book in $books) {
                $book.BestBid | Should -BeLessThan $book.BestAsk
                $book.Bids.Count | Should -BeGreaterOrEqual 20
            }
            $s.OrderBookSequenceGaps | Should -Be 1
            $s.OrderBookChecksumMismatches | Should -Be 1
            @($gapWarnings | Where-Object { "$_" -match 'skipped updates' }).Count | Should -Be 1
            @($sumWarnings | Where-Object { "$_" -match 'checksum' }).Count | Should -Be 1
        }
        finally {
            $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/options?bookIntervalMs=100&bookGaps=0&bookBadChecksums=0'
        }
    }
}

Describe 'A long-running session' {

    BeforeEach {
        Clear-BitgetTestState -Mock $Mock
        $s = Connect-BitgetStream -Endpoint $ep -PingInterval 1 -PongTimeout 2 -Name 'PesterMain'
    }

    AfterEach {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'runs an alert: an -Action that sees the script''s variables runs while the script waits in Start-Sleep' {
        $alerts = [System.Collections.Generic.List[string]]::new()
        $job = Register-BitgetTicker BTCUSDT -Action { if ($_.LastPrice -gt 0) { $alerts.Add("BTC $($_.LastPrice)") } }
        # Actions run between the statements of this loop, as in the README's `while ($true) { Start-Sleep ... }`.
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while ($alerts.Count -lt 3 -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 100
        }
        Stop-Job $job

        $alerts.Count | Should -BeGreaterOrEqual 3
        $alerts[0] | Should -Match '^BTC \d+(\.\d+)?$'
        $job.Error.Count | Should -Be 0
        $job.State.ToString() | Should -Be 'Stopped'
    }

    It 'replaces a silent connection (no pong, no data) and streams again' {
        $before = $s.ReconnectCount
        try {
            $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/options?answerPings=false&sendData=false'
            Wait-BitgetCondition { $s.ReconnectCount -gt $before } -TimeoutSeconds 15 |
                Should -BeTrue -Because 'PingInterval 1 + PongTimeout 2 detects a dead feed within seconds'
        }
        finally {
            $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/options?answerPings=true&sendData=true'
        }
        @(Receive-BitgetTicker BTCUSDT -Session $s -First 3 -Timeout 15).Count | Should -Be 3
        (Get-BitgetStream PesterMain).State.ToString() | Should -Be 'Connected'
    }

    It 'Get-BitgetStream shows live state in its table and list views' {
        Register-BitgetTicker BTCUSDT -Session $s
        Wait-BitgetCondition { (Get-BitgetStream PesterMain).MessagesReceived -gt 0 } -TimeoutSeconds 15 | Should -BeTrue

        $table = (Get-BitgetStream | Out-String -Width 250) -replace $AnsiPattern, ''
        foreach ($label in 'Name', 'State', 'Subs', 'Messages', 'Last \(UTC\)', 'Host') {
            $table | Should -Match $label
        }
        $table | Should -Match 'PesterMain\s+Connected'
        $list = (Get-BitgetStream | Format-List | Out-String -Width 250) -replace $AnsiPattern, ''
        $list | Should -Match 'PongTimeout\s*:\s*00:00:02'
        $list | Should -Match 'ConnectedSince'
        $list | Should -Match 'ReconnectCount\s*:\s*0'
    }

    It 'Disconnect-BitgetStream stops the session''s -Action jobs and closes its socket' {
        $job = Register-BitgetTicker BTCUSDT -Action { }
        Wait-BitgetCondition { $job.Invocations -ge 1 } -TimeoutSeconds 15 | Should -BeTrue
        Disconnect-BitgetStream

        $job.State.ToString() | Should -Be 'Stopped'
        @(Get-BitgetStream).Count | Should -Be 0
        Wait-BitgetCondition { (Get-BitgetMockStats -Mock $Mock).activeConnections -eq 0 } -TimeoutSeconds 10 |
            Should -BeTrue
    }

    It 'spreads 120 symbols over connections of 50, and every symbol delivers' {
        $symbols = 1..120 | ForEach-Object { "SYM${_}USDT" }
        Register-BitgetTicker $symbols -Session $s

        Wait-BitgetCondition { @($s.Subscriptions | Where-Object Messages -gt 0).Count -eq 120 } -TimeoutSeconds 30 |
            Should -BeTrue -Because 'every symbol gets data'
        $s.ConnectionCount | Should -Be 3
        @($s.Subscriptions | Group-Object Connection).Count | Should -Be 3
        $s.StaleSubscriptionCount | Should -Be 0
    }
}

Describe 'Recording candles, trades and raw messages' {

    AfterEach {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'records closed one-minute candles with Export-Csv: each candle once, in order, exact decimals' {
        # Candles of 300 ms stand in for minutes.
        $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/options?candlePeriodMs=300&candleIntervalMs=30'
        $path = Join-Path $TestDrive 'btc-1m.csv'
        Receive-BitgetCandle BTCUSDT -Interval 1m -ClosedOnly -First 4 -Endpoint $ep -Timeout 20 |
            Tee-Object -Variable candles |
            Export-Csv -Path $path
        $rows = @(Import-Csv -Path $path)

        $rows.Count | Should -Be 4
        (Get-Content -LiteralPath $path -TotalCount 1) | Should -Be '"Symbol","InstType","Interval","OpenTime","Open","High","Low","Close","BaseVolume","QuoteVolume","UsdtVolume","IsClosed","IsHistory","ReceivedAt"'
        $rows.IsClosed | Sort-Object -Unique | Should -Be 'True'
        $rows.IsHistory | Sort-Object -Unique | Should -Be 'False'
        # (The CSV's OpenTime text has whole seconds; these stand-in minutes are 300 ms, so compare the objects.)
        @($candles.OpenTime | Sort-Object -Unique).Count | Should -Be 4 -Because 'no candle is written twice'
        for ($i = 1; $i -lt 4; $i++) {
            ($candles[$i].OpenTime - $candles[$i - 1].OpenTime).TotalMilliseconds | Should -Be 300 -Because 'none is missed'
        }
        [decimal]::Parse($rows[0].Close, [cultureinfo]::InvariantCulture) | Should -Be $candles[0].Close
    }

    It 'reads the hour candles of the snapshot with -IncludeHistory and shows them in a table of 120 columns' {
        $candles = @(Receive-BitgetCandle ETHUSDT -InstType spot -Interval 1h -IncludeHistory -First 3 -Endpoint $ep -Timeout 20)
        $candles.Count | Should -Be 3
        $candles.Interval | Sort-Object -Unique | Should -Be '1H'
        $candles[0].IsHistory | Should -BeTrue
        $table = ($candles | Format-Table | Out-String -Width 120) -replace $AnsiPattern, ''
        $table | Should -Match 'Symbol\s+Intvl\s+Open \(UTC\)\s+Open\s+High\s+Low\s+Close\s+Closed'
        $table | Should -Match 'ETHUSDT\s+1H'
    }

    It 'records trades across a reconnect and a repeated snapshot: no trade twice, none missed' {
        $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/options?tradeIntervalMs=20&tradeSnapshot=150&repeatTradeSnapshots=true'
        $s = Connect-BitgetStream -Endpoint $ep -PingInterval 1 -PongTimeout 2
        $path = Join-Path $TestDrive 'trades.csv'
        $trades = [System.Collections.Generic.List[object]]::new()
        $job = Register-BitgetTrade BTCUSDT -InstType SPOT -Session $s -Action { $trades.Add($_) }
        Wait-BitgetCondition { $trades.Count -ge 20 } -TimeoutSeconds 15 | Should -BeTrue
        $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/drop'
        Wait-BitgetCondition { $s.ReconnectCount -ge 1 -and $trades.Count -ge 60 } -TimeoutSeconds 20 | Should -BeTrue
        Stop-Job $job
        $trades | Export-Csv -Path $path

        $ids = @(Import-Csv -Path $path | ForEach-Object { [long] $_.TradeId })
        @($ids | Sort-Object -Unique).Count | Should -Be $ids.Count -Because 'a recorder never writes a trade twice'
        ($ids[-1] - $ids[0] + 1) | Should -Be $ids.Count -Because 'the snapshot after the reconnect covers the gap'
        $s.DuplicateMessages | Should -BeGreaterThan 0
    }

    It 'reads a channel the module does not model as raw messages and parses their JSON' {
        $messages = @(Receive-BitgetMessage BTCUSDT -Channel trade -InstType SPOT -First 2 -Endpoint $ep -Timeout 20)
        $messages.Count | Should -Be 2
        $messages[0].Action | Should -Be 'snapshot'
        $data = ($messages[0].Json | ConvertFrom-Json).data
        $data[0].tradeId | Should -Not -BeNullOrEmpty
        ($messages | Format-Table | Out-String -Width 120) -replace $AnsiPattern, '' | Should -Match 'SPOT\s+trade\s+BTCUSDT\s+snapshot'
    }

    It 'completes -Interval, -Channel and -InstType' {
        $line = 'Receive-BitgetCandle BTCUSDT -Interval 1'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain '1M'
        $line = 'Receive-BitgetMessage BTCUSDT -Channel candle1'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'candle1Dutc'
        $line = 'Register-BitgetTrade BTCUSDT -InstType coin'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'COIN-FUTURES'
    }
}
