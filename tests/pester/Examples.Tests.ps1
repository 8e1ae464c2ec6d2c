# Pester 5: every example of the cmdlet help (Get-Help <cmdlet> -Examples, from out/Bitget) runs as written, offline,
# each in a runspace of its own, against the loopback mock exchange (ExampleHarness.ps1 says how the network is
# redirected). Pass = no error, no warning unless the example's text says it warns, and its output or effect.
# Each example is its own It, "<Cmdlet> example <n>". Prerequisite: `dotnet build`.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'ExampleHarness.ps1')
    $null = Import-BitgetTestModule
    $ExampleCases = Get-BitgetHelpExample
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'ExampleHarness.ps1')
    $null = Import-BitgetTestModule
    $Mock = Start-TestMockExchange
    $ExampleList = Get-BitgetHelpExample

    # What an example assumes was done before it (a session, a subscription, a file), run first in its runspace.
    $connect = 'Connect-BitgetStream | Out-Null'
    $private = 'Connect-BitgetStream -Private | Out-Null'
    $sample = '$sample = Join-Path (Split-Path (Get-Module Bitget).Path) samples/bitget-sample.jsonl.gz'
    $kept = "$sample; Connect-BitgetStream -ReplayPath `$sample | Out-Null; Receive-BitgetTicker | Out-Null"
    # A stand-in for Microsoft.PowerShell.SecretManagement's Get-Secret with the mock's test key in the vault.
    $vault = @'
function global:Get-Secret([string] $Name) {
    switch ($Name) {
        'BitgetApiKey' { [pscredential]::new('bg_mock_test_key', (ConvertTo-SecureString 'mock-test-secret-0123456789abcdef' -AsPlainText -Force)) }
        'BitgetPassphrase' { ConvertTo-SecureString 'mockpassphrase' -AsPlainText -Force }
    }
}
'@
    $ran = { Test-ExampleActionRan }
    $Given = @{
        'Connect-BitgetStream example 6'   = @{ Setup = "$sample; Copy-Item `$sample capture.jsonl.gz" }
        'Connect-BitgetStream example 9'   = @{ Setup = $vault }
        'Receive-BitgetOrder example 3'    = @{ Setup = $vault }
        'Disconnect-BitgetStream example 1' = @{ Setup = $connect; Check = { -not (Get-BitgetStream) }; CheckText = 'the default session is closed' }
        'Disconnect-BitgetStream example 2' = @{ Setup = "$connect; Connect-BitgetStream -Name second | Out-Null"; Check = { -not (Get-BitgetStream) }; CheckText = 'every session is closed' }
        'Export-BitgetCsv example 2'       = @{ Setup = "`$null = New-PSDrive -Name D -PSProvider FileSystem -Root (New-Item -ItemType Directory D).FullName -Scope Global" }
        'Export-BitgetCsv example 4'       = @{ Setup = 'Receive-BitgetTicker BTCUSDT,ETHUSDT -First 4 | Export-BitgetCsv -Path ticks.csv' }
        'Export-BitgetCsv example 5'       = @{ Setup = $kept }
        'Export-BitgetCsv example 9'       = @{ Setup = "$sample; Copy-Item `$sample capture.jsonl.gz" }
        'Export-BitgetCsv example 10'      = @{ Setup = $kept }
        'Get-BitgetStream example 1'       = @{ Setup = $connect }
        'Get-BitgetStream example 2'       = @{ Setup = "$connect; Register-BitgetTicker BTCUSDT" }
        'Get-BitgetStream example 4'       = @{ Setup = 'Connect-BitgetStream -Name recorder | Out-Null' }
        'Get-BitgetTicker example 2'       = @{ Setup = $kept }
        'Receive-BitgetAccount example 2'  = @{ Setup = $private }
        'Receive-BitgetFill example 2'     = @{ Setup = $private }
        'Receive-BitgetOrder example 2'    = @{ Setup = $private }
        'Receive-BitgetPosition example 2' = @{ Setup = $private }
        'Receive-BitgetCandle example 2'   = @{ RunsLong = $true }   # the next hourly candles close over hours
        'Get-BitgetTicker example 1'       = @{ RunsLong = $false }  # ten seconds, then the tickers kept
        'Receive-BitgetTicker example 3'   = @{ Quiet = 'the mock''s spreads are below 1 USDT' }
        'Receive-BitgetCandle example 1'   = @{ Quiet = 'a one-minute candle closes once a minute' }
        'Export-BitgetCsv example 6'       = @{ Quiet = 'a one-minute candle closes once a minute' }
        'Receive-BitgetTrade example 2'    = @{ Quiet = 'trades of 10 ETH or more are rare on the mock' }
        'Receive-BitgetMessage example 1'  = @{ Quiet = 'the mock acknowledges the auction channel and never pushes it, as Bitget outside an auction' }
        'Receive-BitgetLiquidation example 2' = @{ Quiet = 'liquidations over 100,000 USDT are rare on the mock' }
        # Receive after Register waits for the next event (the snapshot went to the registration): the mock pushes one.
        'Register-BitgetOrder example 2'   = @{ During = '/control/private?instType=USDT-FUTURES&channel=orders' }
        'Register-BitgetPosition example 2' = @{ During = '/control/private?instType=USDT-FUTURES&channel=positions' }
        'Register-BitgetAccount example 2' = @{ During = '/control/private?instType=USDT-FUTURES&channel=account' }
        'Register-BitgetFill example 2'    = @{ During = '/control/private?instType=USDT-FUTURES&channel=fill' }
        'Receive-BitgetTicker example 8'   = @{ ExpectWarning = '*v1*' }
        'Start-BitgetMockExchange example 4' = @{ ExpectError = '*30001*' }   # the example shows the refusal; -ErrorAction SilentlyContinue still records it in $Error
        # The example sets its own wildcard default; the harness's per-command ones would win over it, so they go first.
        'Start-BitgetMockExchange example 5' = @{ Setup = '$PSDefaultParameterValues.Clear()' }
        'Stop-BitgetMockExchange example 2' = @{ Setup = '$global:exampleMocks = @(Start-BitgetMockExchange; Start-BitgetMockExchange)'; Check = { -not ($global:exampleMocks | Where-Object IsRunning) }; CheckText = 'both mocks of the runspace are stopped' }
        'Receive-BitgetTicker example 9'   = @{ ExpectError = '*30001*' }
        # The -Action examples of the private kinds start from the session the examples before them connected.
        'Register-BitgetAccount example 1' = @{ Setup = $private; Check = $ran; CheckText = 'the action ran' }
        'Register-BitgetFill example 1'    = @{ Setup = $private; Check = $ran; CheckText = 'the action ran' }
        'Register-BitgetPosition example 1' = @{ Setup = $private; Check = $ran; CheckText = 'the action ran' }
        'Register-BitgetOrder example 1'   = @{ Check = $ran; CheckText = 'the action ran' }
        # A public Register-* with no session connects one to Bitget itself (no -Endpoint to redirect): connect it first.
        'Register-BitgetTicker example 1'  = @{ Setup = $connect }
        'Register-BitgetTicker example 3'  = @{ Setup = $connect }
        'Register-BitgetTicker example 4'  = @{ Setup = $connect }
        'Register-BitgetTicker example 5'  = @{ Setup = 'Connect-BitgetStream -Name mock | Out-Null'; Check = { (Get-ExampleTopic) -contains 'COIN-FUTURES/ticker/BTCUSD' }; CheckText = 'BTCUSD COIN-FUTURES subscribed on session mock' }
        'Register-BitgetTicker example 2'  = @{ Check = { @(Get-Job | Where-Object PSJobTypeName -like 'Bitget*' | Where-Object State -eq 'Stopped').Count -eq 1 }; CheckText = 'the alert job ran and was stopped' }
        'Register-BitgetCandle example 1'  = @{ Setup = $connect; Check = { @(Get-Job | Where-Object { $_.PSJobTypeName -like 'Bitget*' -and $_.State -eq 'Running' }).Count -eq 1 -and (Get-ExampleTopic) -contains 'USDT-FUTURES/candle5m/BTCUSDT' }; CheckText = 'a running job on candle5m (a closed five-minute candle takes five minutes)' }
        'Register-BitgetCandle example 2'  = @{ Setup = $connect }
        'Register-BitgetOrderBook example 1' = @{ Setup = $connect; Check = { (Get-ExampleTopic) -contains 'USDT-FUTURES/books5/BTCUSDT' }; CheckText = 'books5 BTCUSDT subscribed' }
        'Register-BitgetOrderBook example 2' = @{ Setup = $connect; Check = $ran; CheckText = 'the action ran' }
        'Register-BitgetOrderBook example 3' = @{ Setup = $connect; Check = $ran; CheckText = 'the action ran' }
        'Register-BitgetTrade example 1'   = @{ Setup = $connect; Check = $ran; CheckText = 'the action ran' }
        'Register-BitgetTrade example 2'   = @{ Setup = $connect; Check = { $t = Get-ExampleTopic; $t -contains 'SPOT/trade/BTCUSDT' -and $t -contains 'SPOT/trade/ETHUSDT' }; CheckText = 'spot trades of BTCUSDT and ETHUSDT subscribed' }
        'Register-BitgetLiquidation example 1' = @{ Check = { (Get-ExampleTopic) -contains 'USDT-FUTURES/liquidation/default' -or @(Get-ExampleTopic | Where-Object { $_ -like 'USDT-FUTURES/liquidation*' }).Count -eq 1 }; CheckText = 'USDT-FUTURES liquidations subscribed' }
        'Register-BitgetLiquidation example 2' = @{ Setup = 'Connect-BitgetStream -Api Unified | Out-Null'; Check = $ran; CheckText = 'the action ran' }
        'Unregister-BitgetAccount example 1' = @{ Setup = "$private; Register-BitgetAccount"; Check = { -not (Get-ExampleTopic | Where-Object { $_ -like 'USDT-FUTURES/account/*' }) }; CheckText = 'the USDT-FUTURES account topic is gone' }
        'Unregister-BitgetAccount example 2' = @{ Setup = "$private; Register-BitgetAccount -InstType SPOT"; Check = { -not (Get-ExampleTopic | Where-Object { $_ -like 'SPOT/account/*' }) }; CheckText = 'the SPOT account topic is gone' }
        'Unregister-BitgetFill example 1'  = @{ Setup = "$private; Register-BitgetFill"; Check = { -not (Get-ExampleTopic | Where-Object { $_ -like 'USDT-FUTURES/fill/*' }) }; CheckText = 'the USDT-FUTURES fill topic is gone' }
        'Unregister-BitgetFill example 2'  = @{ Setup = "$private; Register-BitgetFill -InstType SPOT"; Check = { -not (Get-ExampleTopic | Where-Object { $_ -like 'SPOT/fill/*' }) }; CheckText = 'the SPOT fill topic is gone' }
        'Unregister-BitgetOrder example 1' = @{ Setup = "$private; Register-BitgetOrder"; Check = { -not (Get-ExampleTopic | Where-Object { $_ -like 'USDT-FUTURES/orders/*' }) }; CheckText = 'the USDT-FUTURES orders topic is gone' }
        'Unregister-BitgetOrder example 2' = @{ Setup = "$private; Register-BitgetOrder -InstType SPOT"; Check = { -not (Get-ExampleTopic | Where-Object { $_ -like 'SPOT/orders/*' }) }; CheckText = 'the SPOT orders topic is gone' }
        'Unregister-BitgetPosition example 1' = @{ Setup = "$private; Register-BitgetPosition"; Check = { -not (Get-ExampleTopic | Where-Object { $_ -like 'USDT-FUTURES/positions/*' }) }; CheckText = 'the USDT-FUTURES positions topic is gone' }
        'Unregister-BitgetPosition example 2' = @{ Setup = "$private; Register-BitgetPosition -InstType SPOT"; Check = { -not (Get-ExampleTopic | Where-Object { $_ -like 'SPOT/positions/*' }) }; CheckText = 'the SPOT positions topic is gone' }
        'Unregister-BitgetCandle example 1' = @{ Setup = "$connect; Register-BitgetCandle BTCUSDT -Interval 5m"; Check = { (Get-ExampleTopic) -notcontains 'USDT-FUTURES/candle5m/BTCUSDT' }; CheckText = 'candle5m BTCUSDT is gone' }
        'Unregister-BitgetCandle example 2' = @{ Setup = 'Connect-BitgetStream -Name recorder | Out-Null; Register-BitgetCandle ETHUSDT -InstType SPOT -Interval 1h'; Check = { (Get-ExampleTopic) -notcontains 'SPOT/candle1H/ETHUSDT' -and -not (Get-ExampleTopic | Where-Object { $_ -like 'SPOT/candle*/ETHUSDT' }) }; CheckText = 'the hourly spot ETHUSDT candles are gone' }
        'Unregister-BitgetLiquidation example 1' = @{ Setup = 'Connect-BitgetStream -Api Unified | Out-Null; Register-BitgetLiquidation'; Check = { -not (Get-ExampleTopic | Where-Object { $_ -like 'USDT-FUTURES/liquidation*' }) }; CheckText = 'the USDT-FUTURES liquidations are gone' }
        'Unregister-BitgetLiquidation example 2' = @{ Setup = 'Connect-BitgetStream -Api Unified | Out-Null; Register-BitgetLiquidation -InstType COIN-FUTURES'; Check = { -not (Get-ExampleTopic | Where-Object { $_ -like 'COIN-FUTURES/liquidation*' }) }; CheckText = 'the COIN-FUTURES liquidations are gone' }
        'Unregister-BitgetOrderBook example 1' = @{ Setup = "$connect; Register-BitgetOrderBook BTCUSDT -Depth 5"; Check = { (Get-ExampleTopic) -notcontains 'USDT-FUTURES/books5/BTCUSDT' }; CheckText = 'books5 BTCUSDT is gone' }
        'Unregister-BitgetOrderBook example 2' = @{ Setup = 'Connect-BitgetStream -Name recorder | Out-Null; Register-BitgetOrderBook ETHUSDT -InstType SPOT -Depth Full'; Check = { (Get-ExampleTopic) -notcontains 'SPOT/books/ETHUSDT' }; CheckText = 'the spot ETHUSDT book is gone' }
        'Unregister-BitgetTicker example 1' = @{ Setup = "$connect; Register-BitgetTicker BTCUSDT,ETHUSDT"; Check = { $t = Get-ExampleTopic; $t -notcontains 'USDT-FUTURES/ticker/ETHUSDT' -and $t -contains 'USDT-FUTURES/ticker/BTCUSDT' }; CheckText = 'ETHUSDT is gone, BTCUSDT stays' }
        'Unregister-BitgetTicker example 2' = @{ Setup = 'Connect-BitgetStream -Name recorder | Out-Null; Register-BitgetTicker BTCUSDT -InstType SPOT'; Check = { (Get-ExampleTopic) -notcontains 'SPOT/ticker/BTCUSDT' }; CheckText = 'spot BTCUSDT is gone' }
        'Unregister-BitgetTicker example 3' = @{ Setup = "$connect; Register-BitgetTicker BTCUSDT,ETHUSDT -InstType SPOT; Register-BitgetTicker BTCUSDT"; Check = { $t = Get-ExampleTopic; -not ($t | Where-Object { $_ -like 'SPOT/*' }) -and $t -contains 'USDT-FUTURES/ticker/BTCUSDT' }; CheckText = 'the SPOT tickers are gone, the futures one stays' }
        'Unregister-BitgetTrade example 1' = @{ Setup = "$connect; Register-BitgetTrade BTCUSDT"; Check = { (Get-ExampleTopic) -notcontains 'USDT-FUTURES/trade/BTCUSDT' }; CheckText = 'BTCUSDT trades are gone' }
        'Unregister-BitgetTrade example 2' = @{ Setup = 'Connect-BitgetStream -Name recorder | Out-Null; Register-BitgetTrade ETHUSDT -InstType SPOT'; Check = { (Get-ExampleTopic) -notcontains 'SPOT/trade/ETHUSDT' }; CheckText = 'spot ETHUSDT trades are gone' }
    }

    $cases = foreach ($example in $ExampleList) {
        if ($example.Offline) { continue }
        $caseGiven = $Given[$example.Name] ?? @{}
        New-BitgetExampleCase -Name $example.Name -Code $example.Code @caseGiven
    }
    $ExampleResults = Invoke-BitgetExampleCases -Cases $cases -Mock $Mock -Root $TestDrive
}

AfterAll {
    Stop-TestMockExchange -Mock $Mock
    Get-Module Bitget | Remove-Module -Force
}

Describe 'Help examples run as written' {

    It '<Name>' -ForEach $ExampleCases {
        if ($Offline) {
            Set-ItResult -Skipped -Because "it cannot run offline: $Offline"
            return
        }
        $result = $ExampleResults[$Name]
        $result | Should -Not -BeNullOrEmpty -Because 'the harness ran every example'
        $result.Problems | Should -BeNullOrEmpty -Because (Format-BitgetExampleResult $result)
    }
}

Describe 'The example harness' {

    BeforeAll {
        $broken = @(
            New-BitgetExampleCase -Name 'unknown symbol' -Code 'Receive-BitgetTicker NOPEUSDT -First 1 -Timeout 10'
            New-BitgetExampleCase -Name 'throw' -Code 'Receive-BitgetTicker BTCUSDT -First 1; throw "broken example"'
            New-BitgetExampleCase -Name 'warning' -Code 'Receive-BitgetTicker BTCUSDT_UMCBL -First 1'
            New-BitgetExampleCase -Name 'hangs' -Code 'Receive-BitgetTicker BTCUSDT -InstType SPOT -First 1000000 | Out-Null'
            New-BitgetExampleCase -Name 'nothing' -Code '$x = 1'
            New-BitgetExampleCase -Name 'job error' -Setup 'Connect-BitgetStream | Out-Null' -Code '$job = Register-BitgetTicker BTCUSDT -Action { Write-Error "action failed" }' -Check { Test-ExampleActionRan } -CheckText 'the action ran'
            New-BitgetExampleCase -Name 'good' -Code 'Receive-BitgetTicker BTCUSDT -First 1'
        )
        $BrokenResults = Invoke-BitgetExampleCases -Cases $broken -Mock $Mock -Root $TestDrive -BoundedLimitSeconds 6
    }

    It 'reports <Case> as failed: <Expected>' -ForEach @(
        @{ Case = 'unknown symbol'; Expected = 'error: *30001*' }
        @{ Case = 'throw'; Expected = '*broken example*' }
        @{ Case = 'warning'; Expected = 'warning: *' }
        @{ Case = 'hangs'; Expected = 'a bounded statement*did not end*' }
        @{ Case = 'nothing'; Expected = 'it produced nothing*' }
        @{ Case = 'job error'; Expected = 'error: job *action failed*' }
    ) {
        @($BrokenResults[$Case].Problems) | Where-Object { $_ -like $Expected } | Should -Not -BeNullOrEmpty -Because ($BrokenResults[$Case].Problems -join '; ')
    }

    It 'passes a good example' {
        $BrokenResults['good'].Problems | Should -BeNullOrEmpty
        $BrokenResults['good'].Output.Count | Should -Be 1
    }
}
