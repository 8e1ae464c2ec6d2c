# Pester 5 scenarios for the Bitget module, end to end against the loopback mock exchange.
# Prerequisite: `dotnet build` (or ./build.ps1) has assembled out/Bitget and built tests/Bitget.MockExchange.
# Run: Invoke-Pester tests/pester -Output Detailed   (or ./build.ps1 -Task Pester)
# Every test is bounded: no command below can wait for more than about 15 seconds.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $CmdletCases = $BitgetCmdletNames | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    if (-not (Test-Path -LiteralPath $BitgetModuleManifest)) {
        throw "The module is not built: $BitgetModuleManifest is missing. Run 'dotnet build' first."
    }
    Get-Module Bitget | Remove-Module -Force
    $BitgetModule = Import-Module $BitgetModuleManifest -Force -PassThru -ErrorAction Stop

    $Mock = Start-BitgetMockExchange
    $ep = $Mock.Endpoint

    # Table headers and list labels may carry $PSStyle colours; tests match the plain text.
    $AnsiPattern = '\x1b\[[0-9;]*m'
}

AfterAll {
    if (Get-Module Bitget) {
        Get-Job | Where-Object PSJobTypeName -eq 'BitgetTickerJob' | Remove-Job -Force -ErrorAction SilentlyContinue
        Get-BitgetStream -ErrorAction SilentlyContinue | Disconnect-BitgetStream -Confirm:$false -ErrorAction SilentlyContinue
    }
    Stop-BitgetMockExchange -Mock $Mock
    Get-Module Bitget | Remove-Module -Force
}

Describe 'The Bitget module' {

    It 'exports exactly the six cmdlets' {
        $exported = @((Get-Command -Module Bitget).Name | Sort-Object)
        ($exported -join ',') | Should -Be (($BitgetCmdletNames | Sort-Object) -join ',')
        @(Get-Command -Module Bitget -CommandType Cmdlet).Count | Should -Be 6
        $BitgetModule.ExportedFunctions.Count | Should -Be 0
        $BitgetModule.ExportedAliases.Count | Should -Be 0
        $BitgetModule.ExportedVariables.Count | Should -Be 0
    }

    It 'has a valid manifest with a real version' {
        $manifest = Test-ModuleManifest -Path $BitgetModuleManifest -ErrorAction Stop
        $manifest.Version.ToString() | Should -Match '^\d+\.\d+\.\d+'
        $manifest.PowerShellVersion | Should -Be ([version] '7.6')
        $manifest.CompatiblePSEditions | Should -Contain 'Core'
        $BitgetModule.Version | Should -Be $manifest.Version
    }

    It '<Name> is a compiled cmdlet with help that has at least two examples' -ForEach $CmdletCases {
        $command = Get-Command $Name -Module Bitget
        $command.CommandType | Should -Be 'Cmdlet'
        $command.ImplementingType.FullName | Should -Be ('Bitget.PowerShell.Commands.{0}Command' -f ($Name -replace '-', ''))
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without MAML help, Get-Help makes the synopsis up from the syntax, which starts with the name.
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name*"
        ($help.description.Text -join ' ') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }

    It 'documents every parameter of <Name>' -ForEach $CmdletCases {
        $command = Get-Command $Name -Module Bitget
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters +
            [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $documented = @((Get-Help $Name -Full).parameters.parameter.name)
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $documented | Should -Contain $parameter -Because "Get-Help $Name must describe -$parameter"
        }
    }

    It 'Get-Help Receive-BitgetTicker -Examples teaches the basics' {
        $examples = @((Get-Help Receive-BitgetTicker -Examples).examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        ($examples.code -join "`n") | Should -Match 'Receive-BitgetTicker BTCUSDT -First 5'
    }

    It 'ships the about_Bitget topic' {
        $about = Get-Help about_Bitget | Out-String
        $about | Should -Match 'BitgetTicker'
        $about | Should -Match 'USDT-FUTURES'
    }
}

Describe 'Receive-BitgetTicker with a session of its own' {

    It 'returns five BitgetTicker objects with decimal prices and UTC timestamps' {
        $tickers = @(Receive-BitgetTicker BTCUSDT -First 5 -Endpoint $ep -Timeout 10)

        $tickers.Count | Should -Be 5
        foreach ($t in $tickers) {
            $t.GetType().FullName | Should -Be 'Bitget.Stream.Models.BitgetTicker'
            $t.Symbol | Should -Be 'BTCUSDT'
            $t.InstType | Should -Be 'USDT-FUTURES'
            $t.LastPrice | Should -BeOfType ([decimal])
            $t.BidPrice | Should -BeOfType ([decimal])
            $t.AskPrice | Should -BeOfType ([decimal])
            $t.Spread | Should -BeOfType ([decimal])
            $t.Spread | Should -Be ($t.AskPrice - $t.BidPrice)
            $t.Timestamp | Should -BeOfType ([DateTimeOffset])
            $t.Timestamp.Offset | Should -Be ([TimeSpan]::Zero)
            $t.ReceivedAt | Should -BeOfType ([DateTimeOffset])
            $t.ReceivedAt.Offset | Should -Be ([TimeSpan]::Zero)
            ([DateTimeOffset]::UtcNow - $t.ReceivedAt).TotalMinutes | Should -BeLessThan 5
        }
    }

    It 'streams two symbols, which Where-Object can filter' {
        $tickers = @(Receive-BitgetTicker BTCUSDT, ETHUSDT -Endpoint $ep -First 20 -Timeout 10)

        $tickers.Count | Should -Be 20
        (@($tickers.Symbol | Sort-Object -Unique) -join ',') | Should -Be 'BTCUSDT,ETHUSDT'

        $eth = @(Receive-BitgetTicker BTCUSDT, ETHUSDT -Endpoint $ep -First 20 -Timeout 10 |
                Where-Object Symbol -eq 'ETHUSDT')
        $eth.Count | Should -BeGreaterThan 0
        $eth | ForEach-Object { $_.Symbol | Should -Be 'ETHUSDT' }

        $consistent = @($tickers | Where-Object { $_.Spread -eq ($_.AskPrice - $_.BidPrice) })
        $consistent.Count | Should -Be $tickers.Count
    }

    It 'accepts symbols from the pipeline' {
        $tickers = @('BTCUSDT', 'ETHUSDT' | Receive-BitgetTicker -Endpoint $ep -First 6 -Timeout 10)
        $tickers.Count | Should -Be 6
        $tickers.Symbol | ForEach-Object { $_ | Should -BeIn @('BTCUSDT', 'ETHUSDT') }
    }

    It 'exports to CSV with exactly the contract columns and decimals that parse back exactly' {
        $path = Join-Path $TestDrive 't.csv'
        $invariant = [cultureinfo]::InvariantCulture
        $saved = [cultureinfo]::CurrentCulture
        try {
            # Export-Csv formats with the current culture; an invariant culture makes the file portable.
            [cultureinfo]::CurrentCulture = $invariant
            Receive-BitgetTicker BTCUSDT -First 5 -Endpoint $ep -Timeout 10 |
                Tee-Object -Variable tickers |
                Export-Csv -Path $path
        }
        finally {
            [cultureinfo]::CurrentCulture = $saved
        }

        $rows = @(Import-Csv -Path $path)
        $rows.Count | Should -Be 5
        ($rows[0].PSObject.Properties.Name -join ',') | Should -Be ($BitgetTickerColumns -join ',')

        for ($i = 0; $i -lt $rows.Count; $i++) {
            $row = $rows[$i]
            $original = $tickers[$i]
            $row.Symbol | Should -Be $original.Symbol
            $row.InstType | Should -Be $original.InstType
            foreach ($column in $BitgetTickerDecimalColumns) {
                if ($null -eq $original.$column) {
                    $row.$column | Should -BeNullOrEmpty -Because "$column was null"
                }
                else {
                    $parsed = [decimal]::Parse($row.$column, [System.Globalization.NumberStyles]::Float, $invariant)
                    $parsed | Should -Be $original.$column -Because "$column must survive the CSV round trip"
                    $row.$column | Should -Be $original.$column.ToString($invariant) -Because "$column keeps its full precision"
                }
            }
            $timestamp = [DateTimeOffset]::Parse($row.Timestamp, $invariant)
            [Math]::Abs(($timestamp - $original.Timestamp).TotalSeconds) | Should -BeLessThan 1
        }
    }

    It 'stops on Select-Object -First 3 and leaves no connection open' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $tickers = @(Receive-BitgetTicker BTCUSDT -Endpoint $ep -Timeout 12 | Select-Object -First 3)
        $watch.Stop()

        $tickers.Count | Should -Be 3
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 8 -Because 'the downstream stop ends the stream, not -Timeout'
        Wait-BitgetCondition { (Get-BitgetMockStats -Mock $Mock).activeConnections -eq 0 } -TimeoutSeconds 5 |
            Should -BeTrue -Because 'the temporary session must close its socket'
    }

    It 'ends after -Timeout 2 within about 2 to 6 seconds' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $tickers = @(Receive-BitgetTicker BTCUSDT -Endpoint $ep -Timeout 2)
        $watch.Stop()

        $watch.Elapsed.TotalSeconds | Should -BeGreaterThan 1.5
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 6
        $tickers.Count | Should -BeGreaterThan 0
        Wait-BitgetCondition { (Get-BitgetMockStats -Mock $Mock).activeConnections -eq 0 } -TimeoutSeconds 5 |
            Should -BeTrue
    }

    It 'maps the legacy instType umcbl with a warning and still returns data' {
        $tickers = @(Receive-BitgetTicker BTCUSDT -InstType umcbl -Endpoint $ep -First 2 -Timeout 10 `
                -WarningVariable w -WarningAction SilentlyContinue)

        @($w).Count | Should -BeGreaterThan 0
        ($w -join ' ') | Should -Match 'umcbl'
        $tickers.Count | Should -Be 2
        $tickers[0].Symbol | Should -Be 'BTCUSDT'
        $tickers[0].InstType | Should -Be 'USDT-FUTURES'
    }

    It 'maps the legacy symbol BTCUSDT_UMCBL with a warning' {
        $tickers = @(Receive-BitgetTicker BTCUSDT_UMCBL -Endpoint $ep -First 1 -Timeout 10 `
                -WarningVariable w -WarningAction SilentlyContinue)

        @($w).Count | Should -BeGreaterThan 0
        $tickers.Count | Should -Be 1
        $tickers[0].Symbol | Should -Be 'BTCUSDT'
        $tickers[0].InstType | Should -Be 'USDT-FUTURES'
    }

    It 'refuses -InstType bogus before connecting' {
        $before = (Get-BitgetMockStats -Mock $Mock).totalConnections

        { Receive-BitgetTicker BTCUSDT -InstType bogus -Endpoint $ep -First 1 -Timeout 5 } |
            Should -Throw -ErrorId 'InvalidInstType,Bitget.PowerShell.Commands.ReceiveBitgetTickerCommand'

        (Get-BitgetMockStats -Mock $Mock).totalConnections | Should -Be $before
    }

    It 'refuses a malformed symbol before connecting' {
        $before = (Get-BitgetMockStats -Mock $Mock).totalConnections

        { Receive-BitgetTicker 'BTC/USDT' -Endpoint $ep -First 1 -Timeout 5 } |
            Should -Throw -ErrorId 'InvalidSymbol,Bitget.PowerShell.Commands.ReceiveBitgetTickerCommand'

        (Get-BitgetMockStats -Mock $Mock).totalConnections | Should -Be $before
    }

    It 'reports a server error (30001) for a symbol the exchange does not list' {
        $tickers = @(Receive-BitgetTicker NOPEUSDT -Endpoint $ep -Timeout 5 `
                -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)

        $tickers.Count | Should -Be 0
        @($err).Count | Should -BeGreaterThan 0
        $serverError = @($err | Where-Object FullyQualifiedErrorId -like 'BitgetServerError*')[0]
        $serverError | Should -Not -BeNullOrEmpty
        $serverError.FullyQualifiedErrorId |
            Should -Be 'BitgetServerError,Bitget.PowerShell.Commands.ReceiveBitgetTickerCommand'
        $serverError.Exception.GetType().FullName | Should -Be 'Bitget.Stream.Protocol.BitgetServerException'
        $serverError.Exception.Code | Should -Be 30001
        $serverError.Exception.Hint | Should -Not -BeNullOrEmpty
        "$($serverError.TargetObject)" | Should -Match 'NOPEUSDT'
    }

    It 'keeps streaming the good symbols when one is refused' {
        $tickers = @(Receive-BitgetTicker BTCUSDT, NOPEUSDT -Endpoint $ep -First 3 -Timeout 10 `
                -ErrorVariable err -ErrorAction SilentlyContinue)

        $tickers.Count | Should -Be 3
        $tickers.Symbol | ForEach-Object { $_ | Should -Be 'BTCUSDT' }
        @($err | Where-Object FullyQualifiedErrorId -like 'BitgetServerError*').Count | Should -BeGreaterThan 0
    }

    It 'formats tickers with the default table view' {
        $text = (Receive-BitgetTicker BTCUSDT -Endpoint $ep -First 2 -Timeout 10 | Out-String -Width 200) -replace $AnsiPattern, ''
        $text | Should -Match 'Symbol\s+LastPrice\s+BidPrice\s+AskPrice\s+Spread\s+Change24h\s+FundingRate\s+Timestamp'
        $text | Should -Match 'BTCUSDT'
        $text | Should -Match '\d{2}:\d{2}:\d{2}\.\d{3}'
    }
}

Describe 'Sessions, actions and reconnects' {

    BeforeAll {
        Get-BitgetStream -ErrorAction SilentlyContinue | Disconnect-BitgetStream -Confirm:$false
        $s = Connect-BitgetStream -Endpoint $ep -PingInterval 1 -PongTimeout 2 -Name 'PesterMain'
    }

    AfterAll {
        # Restore the mock's defaults whatever happened, then close every session.
        Invoke-BitgetMockControl -Mock $Mock -Path '/control/options?answerPings=true&sendData=true' -ErrorAction SilentlyContinue
        Get-Job | Where-Object PSJobTypeName -eq 'BitgetTickerJob' | Remove-Job -Force -ErrorAction SilentlyContinue
        Get-BitgetStream -ErrorAction SilentlyContinue | Disconnect-BitgetStream -Confirm:$false -ErrorAction SilentlyContinue
        Remove-Variable -Name BitgetPesterHits -Scope Global -ErrorAction SilentlyContinue
    }

    It 'Connect-BitgetStream returns a connected default session' {
        $s.GetType().FullName | Should -Be 'Bitget.PowerShell.BitgetSession'
        $s.Name | Should -Be 'PesterMain'
        $s.State.ToString() | Should -Be 'Connected'
        $s.IsDefault | Should -BeTrue
        $s.Endpoint | Should -Be ([uri] $ep)
        $s.PingInterval | Should -Be ([TimeSpan]::FromSeconds(1))
        $s.PongTimeout | Should -Be ([TimeSpan]::FromSeconds(2))
    }

    It 'refuses a second session with the same name' {
        { Connect-BitgetStream -Endpoint $ep -Name 'PesterMain' } |
            Should -Throw -ErrorId 'BitgetSessionNameInUse,Bitget.PowerShell.Commands.ConnectBitgetStreamCommand'
    }

    It 'Register-BitgetTicker -Action runs the script block for every ticker until Stop-Job' {
        $global:BitgetPesterHits = 0
        $job = Register-BitgetTicker BTCUSDT -Action { $global:BitgetPesterHits++ }
        try {
            $job.PSJobTypeName | Should -Be 'BitgetTickerJob'
            $job.State.ToString() | Should -Be 'Running'

            # Actions run between statements of this loop.
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ($global:BitgetPesterHits -lt 3 -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 100
            }

            $global:BitgetPesterHits | Should -BeGreaterOrEqual 3
            $job.Invocations | Should -BeGreaterOrEqual 3
        }
        finally {
            Stop-Job $job
        }
        $job.State.ToString() | Should -Be 'Stopped'
        $stoppedAt = $global:BitgetPesterHits
        for ($i = 0; $i -lt 5; $i++) { Start-Sleep -Milliseconds 100 }
        $global:BitgetPesterHits | Should -Be $stoppedAt -Because 'a stopped job runs no more actions'
        Remove-Job $job -Force
    }

    It 'passes the ticker to the action as $_' {
        $job = Register-BitgetTicker ETHUSDT -Action { $_ }
        try {
            Wait-BitgetCondition { $job.Invocations -ge 2 } -TimeoutSeconds 10 | Should -BeTrue
        }
        finally {
            Stop-Job $job
        }
        $out = @(Receive-Job $job)
        $out.Count | Should -BeGreaterThan 0
        $out[0].GetType().FullName | Should -Be 'Bitget.Stream.Models.BitgetTicker'
        $out[0].Symbol | Should -Be 'ETHUSDT'
        Remove-Job $job -Force
    }

    It 'Get-BitgetStream shows the session with live counters' {
        $sessions = @(Get-BitgetStream)
        $sessions.Count | Should -Be 1
        $sessions[0].Name | Should -Be 'PesterMain'
        $sessions[0].SubscriptionCount | Should -BeGreaterOrEqual 1
        $first = $sessions[0].MessagesReceived
        $first | Should -BeGreaterThan 0
        Wait-BitgetCondition { (Get-BitgetStream PesterMain).MessagesReceived -gt $first } -TimeoutSeconds 5 |
            Should -BeTrue -Because 'the counters are live'
        @(Get-BitgetStream 'Pester*').Count | Should -Be 1

        $table = (Get-BitgetStream | Out-String -Width 250) -replace $AnsiPattern, ''
        $table | Should -Match 'Subs'
        $table | Should -Match 'Messages'
        $table | Should -Match 'Reconnects'
        $table | Should -Match 'Dropped'
        $list = (Get-BitgetStream | Format-List | Out-String -Width 250) -replace $AnsiPattern, ''
        $list | Should -Match 'PongTimeout'
        $list | Should -Match 'ConnectedSince'
    }

    It 'reports an unknown session name' {
        { Get-BitgetStream -Name 'NoSuchSession' -ErrorAction Stop } |
            Should -Throw -ErrorId 'BitgetSessionNotFound,Bitget.PowerShell.Commands.GetBitgetStreamCommand'
    }

    It 'Receive-BitgetTicker -Session streams from the shared session' {
        $tickers = @(Receive-BitgetTicker BTCUSDT -Session $s -First 5 -Timeout 10)
        $tickers.Count | Should -Be 5
        (Get-BitgetStream PesterMain).State.ToString() | Should -Be 'Connected' -Because 'a shared session stays open'
    }

    It 'survives a forced drop: the stream completes and ReconnectCount grows' {
        $reconnectsBefore = $s.ReconnectCount
        $script:seen = 0
        $tickers = @(Receive-BitgetTicker BTCUSDT -Session $s -First 20 -Timeout 14 | ForEach-Object {
                if (++$script:seen -eq 5) { $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/drop' }
                $_
            })

        $tickers.Count | Should -Be 20
        Wait-BitgetCondition { (Get-BitgetStream PesterMain).ReconnectCount -ge 1 } -TimeoutSeconds 5 | Should -BeTrue
        (Get-BitgetStream PesterMain).ReconnectCount | Should -BeGreaterThan $reconnectsBefore
        (Get-BitgetStream PesterMain).State.ToString() | Should -Be 'Connected'
    }

    It 'replaces a silent connection (no pong, no data) after -PongTimeout' {
        $before = $s.ReconnectCount
        try {
            $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/options?answerPings=false&sendData=false'
            Wait-BitgetCondition { $s.ReconnectCount -gt $before } -TimeoutSeconds 10 |
                Should -BeTrue -Because 'PingInterval 1 + PongTimeout 2 detects a dead feed within seconds'
        }
        finally {
            $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/options?answerPings=true&sendData=true'
        }
        $tickers = @(Receive-BitgetTicker BTCUSDT -Session $s -First 3 -Timeout 10)
        $tickers.Count | Should -Be 3
    }

    It 'Unregister-BitgetTicker removes a subscription' {
        Register-BitgetTicker SOLUSDT -Session $s
        Wait-BitgetCondition { @($s.Subscriptions | Where-Object Symbol -eq 'SOLUSDT').Count -eq 1 } -TimeoutSeconds 5 |
            Should -BeTrue
        Unregister-BitgetTicker SOLUSDT -Session $s
        Wait-BitgetCondition { @($s.Subscriptions | Where-Object Symbol -eq 'SOLUSDT').Count -eq 0 } -TimeoutSeconds 5 |
            Should -BeTrue
    }

    It 'Register-BitgetTicker refuses -InstType bogus' {
        { Register-BitgetTicker BTCUSDT -InstType bogus -Session $s } |
            Should -Throw -ErrorId 'InvalidInstType,Bitget.PowerShell.Commands.RegisterBitgetTickerCommand'
    }

    It 'Disconnect-BitgetStream closes the session, its jobs and its socket' {
        $job = Register-BitgetTicker BTCUSDT -Action { }
        Disconnect-BitgetStream

        @(Get-BitgetStream).Count | Should -Be 0
        $job.State.ToString() | Should -Be 'Stopped'
        Remove-Job $job -Force
        Wait-BitgetCondition { (Get-BitgetMockStats -Mock $Mock).activeConnections -eq 0 } -TimeoutSeconds 5 |
            Should -BeTrue
    }

    It 'Disconnect-BitgetStream without a session reports NoBitgetSession' {
        { Disconnect-BitgetStream -ErrorAction Stop } |
            Should -Throw -ErrorId 'NoBitgetSession,Bitget.PowerShell.Commands.DisconnectBitgetStreamCommand'
    }
}

Describe 'Many symbols in one session' {

    AfterAll {
        Get-BitgetStream -Name 'PesterMany' -ErrorAction SilentlyContinue | Disconnect-BitgetStream -Confirm:$false -ErrorAction SilentlyContinue
    }

    It 'spreads 120 symbols over connections of 50, and every symbol delivers' {
        $many = Connect-BitgetStream -Endpoint $ep -Name 'PesterMany'
        $symbols = 1..120 | ForEach-Object { "SYM${_}USDT" }
        Register-BitgetTicker $symbols -Session $many

        Wait-BitgetCondition { @($many.Subscriptions | Where-Object Messages -gt 0).Count -eq 120 } -TimeoutSeconds 20 |
            Should -BeTrue -Because 'every symbol gets data'
        $many.ConnectionCount | Should -Be 3
        (Get-BitgetMockStats -Mock $Mock).activeConnections | Should -BeGreaterOrEqual 3
        @($many.Subscriptions | Group-Object Connection).Count | Should -Be 3
        $many.StaleSubscriptionCount | Should -Be 0

        Disconnect-BitgetStream -Session $many
        Wait-BitgetCondition { (Get-BitgetMockStats -Mock $Mock).activeConnections -eq 0 } -TimeoutSeconds 5 |
            Should -BeTrue
    }
}
