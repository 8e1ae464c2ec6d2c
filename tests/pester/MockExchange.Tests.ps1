# Pester 5: Start-BitgetMockExchange / Stop-BitgetMockExchange, the loopback exchange the module ships for users' own
# tests: it runs inside this pwsh (no ASP.NET Core, no other process), serves v2 and v3, public and private, with the
# test keys it prints, and the faults its -Scenario and -RefuseSymbol name. Every wait is bounded.
# Prerequisite: `dotnet build` has assembled out/Bitget.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $BitgetModule = Import-BitgetTestModule
}

AfterAll {
    Get-BitgetStream -ErrorAction SilentlyContinue | Disconnect-BitgetStream -ErrorAction SilentlyContinue
    Stop-BitgetMockExchange
    Get-Module Bitget | Remove-Module -Force
}

Describe 'Start-BitgetMockExchange' {

    AfterEach {
        Get-BitgetStream -ErrorAction SilentlyContinue | Disconnect-BitgetStream -ErrorAction SilentlyContinue
        Stop-BitgetMockExchange
    }

    It 'runs in this process on 127.0.0.1, streams public v2 and v3, and stops' {
        $m = Start-BitgetMockExchange
        $m.Port | Should -BeGreaterThan 0
        $m.PublicEndpoint | Should -Be "ws://127.0.0.1:$($m.Port)/v2/ws/public"
        $m.PrivateEndpoint | Should -Be "ws://127.0.0.1:$($m.Port)/v2/ws/private"
        $m.UnifiedPublicEndpoint | Should -Be "ws://127.0.0.1:$($m.Port)/v3/ws/public"
        $m.UnifiedPrivateEndpoint | Should -Be "ws://127.0.0.1:$($m.Port)/v3/ws/private"

        $tickers = @(Receive-BitgetTicker BTCUSDT -Endpoint $m.PublicEndpoint -First 3 -Timeout 30)
        $tickers.Count | Should -Be 3
        $tickers.Symbol | Should -Be @('BTCUSDT', 'BTCUSDT', 'BTCUSDT')
        $v3 = @(Receive-BitgetTicker ETHUSDT -Endpoint $m.UnifiedPublicEndpoint -First 2 -Timeout 30)
        $v3.Count | Should -Be 2
        $v3[0].Symbol | Should -Be 'ETHUSDT'

        $m | Stop-BitgetMockExchange
        $m.IsRunning | Should -BeFalse
        $client = [System.Net.Sockets.TcpClient]::new()
        try {
            { $client.Connect('127.0.0.1', $m.Port) } | Should -Throw
        }
        finally {
            $client.Dispose()
        }
    }

    It 'loads no ASP.NET Core assembly, and its own assembly in the module''s load context, not the default one' {
        # In a pwsh of its own, as a user runs it: the suite may run inside the xUnit host, whose test project loads the
        # mock's library into the default context itself.
        $manifest = Join-Path $BitgetModule.ModuleBase 'Bitget.psd1'
        $run = Invoke-BitgetChildPwsh -Pinned -Command @"
Import-Module '$manifest' -ErrorAction Stop
`$m = Start-BitgetMockExchange
'tickers=' + @(Receive-BitgetTicker BTCUSDT -Endpoint `$m.PublicEndpoint -First 1 -Timeout 30).Count
'aspnet=' + @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -like 'Microsoft.AspNetCore*' }).Count
foreach (`$a in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Bitget.MockExchange' }) {
    'mock=' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$a).Name + '|' + (Split-Path `$a.Location)
}
Stop-BitgetMockExchange
"@
        $run.Errors | Should -BeNullOrEmpty
        $lines = $run.Output -split '\r?\n' | Where-Object { $_ }
        $lines | Should -Contain 'tickers=1'
        $lines | Should -Contain 'aspnet=0'
        @($lines | Where-Object { $_ -like 'mock=*' }) | Should -Be @("mock=Bitget|$(Join-Path $BitgetModule.ModuleBase 'deps')")
    }

    It 'accepts its Classic and Unified test keys on the private endpoints' {
        $m = Start-BitgetMockExchange
        $m.ApiKey | Should -Be 'bg_mock_test_key'
        $m.Credential.UserName | Should -Be $m.ApiKey
        $m.Credential.GetNetworkCredential().Password | Should -Be $m.ApiSecret

        $classic = Connect-BitgetStream -Endpoint $m.PrivateEndpoint -Credential $m.Credential -Passphrase $m.SecurePassphrase -Name classic
        $classic.IsPrivate | Should -BeTrue
        @(Receive-BitgetAccount -InstType SPOT -Session $classic -First 1 -Timeout 20).Count | Should -Be 1

        $unified = Connect-BitgetStream -Endpoint $m.UnifiedPrivateEndpoint -Api Unified -Credential $m.UnifiedCredential -Passphrase $m.UnifiedSecurePassphrase -Name unified
        @(Receive-BitgetAccount -Session $unified -First 1 -Timeout 20).Count | Should -Be 1
    }

    It 'LoginFailure: every private login is refused with 30011' {
        $m = Start-BitgetMockExchange -Scenario LoginFailure
        $err = try {
            $null = Connect-BitgetStream -Endpoint $m.PrivateEndpoint -Credential $m.Credential -Passphrase $m.SecurePassphrase
        }
        catch {
            $_
        }
        $err.FullyQualifiedErrorId | Should -BeLike 'BitgetLoginFailed*'
        "$err" | Should -Match '30011'
    }

    It 'RefuseSymbol: subscribing to that symbol gets 30001, others stream' {
        $m = Start-BitgetMockExchange -RefuseSymbol ETHUSDT
        $m.RefuseSymbol | Should -Be @('ETHUSDT')
        $err = $null
        $null = Receive-BitgetTicker ETHUSDT -Endpoint $m.PublicEndpoint -First 1 -Timeout 10 -ErrorAction SilentlyContinue -ErrorVariable err
        @($err).Count | Should -BeGreaterThan 0
        "$($err[0])" | Should -Match '30001'
        @(Receive-BitgetTicker BTCUSDT -Endpoint $m.PublicEndpoint -First 1 -Timeout 20).Count | Should -Be 1
    }

    It 'Stall: the connection stays open but nothing is pushed and no ping is answered' {
        $m = Start-BitgetMockExchange -Scenario Stall
        $tickers = @(Receive-BitgetTicker BTCUSDT -Endpoint $m.PublicEndpoint -First 1 -Timeout 3 -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $tickers.Count | Should -Be 0
    }

    It 'Drop: connections are dropped periodically and the session reconnects' {
        $m = Start-BitgetMockExchange -Scenario Drop
        $s = Connect-BitgetStream -Endpoint $m.PublicEndpoint -Name dropping
        Register-BitgetTicker BTCUSDT -Session $s
        Wait-BitgetCondition { $s.ReconnectCount -ge 1 } -TimeoutSeconds 30 | Should -BeTrue
    }

    It 'a port in use: an error with its id, ResourceUnavailable and the port' {
        $m = Start-BitgetMockExchange
        $err = $null
        $second = Start-BitgetMockExchange -Port $m.Port -ErrorAction SilentlyContinue -ErrorVariable err
        $second | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'BitgetMockPortInUse*'
        $err[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $err[0].TargetObject | Should -Be $m.Port
        @(Receive-BitgetTicker BTCUSDT -Endpoint $m.PublicEndpoint -First 1 -Timeout 20).Count | Should -Be 1
    }

    It 'Stop-BitgetMockExchange without an argument stops every mock of the runspace; Remove-Module does too' {
        $a = Start-BitgetMockExchange
        $b = Start-BitgetMockExchange
        Stop-BitgetMockExchange
        $a.IsRunning | Should -BeFalse
        $b.IsRunning | Should -BeFalse

        $c = Start-BitgetMockExchange
        $c.IsRunning | Should -BeTrue
        Get-Module Bitget | Remove-Module -Force
        $c.IsRunning | Should -BeFalse
        $script:BitgetModule = Import-BitgetTestModule
    }
}

Describe 'about_Bitget_Testing' {

    It 'its Pester example runs as written against the installed module, in a pwsh of its own, and passes' {
        $topic = Join-Path $BitgetModule.ModuleBase 'en-US/about_Bitget_Testing.help.txt'
        $lines = Get-Content -LiteralPath $topic
        $start = [array]::IndexOf($lines, 'EXAMPLE: A PESTER TEST')
        $start | Should -BeGreaterThan 0 -Because 'the topic has the section EXAMPLE: A PESTER TEST'
        # The example: the lines indented by 8 after the section's heading, up to the next heading.
        $example = foreach ($line in $lines[($start + 1)..($lines.Count - 1)]) {
            if ($line -match '^\S') { break }
            if ($line -eq '' -or $line.StartsWith('        ')) { $line -replace '^ {8}', '' }
        }
        $code = ($example -join "`n").Trim()
        $code | Should -Match "Describe 'Get-BtcSpread'"
        $testFile = Join-Path $TestDrive 'MyScript.Tests.ps1'
        Set-Content -LiteralPath $testFile -Value $code -Encoding utf8

        # "Import-Module Bitget" as a user has it: the module folder's parent on PSModulePath.
        $pester = (Get-Module Pester).Path
        $child = Invoke-BitgetChildPwsh -TimeoutSeconds 180 -Environment @{
            PSModulePath         = (Split-Path $BitgetModule.ModuleBase) + [System.IO.Path]::PathSeparator + $env:PSModulePath
            BITGET_TEST_PESTER   = $pester
            BITGET_TEST_EXAMPLE  = $testFile
        } -Command @'
Import-Module $env:BITGET_TEST_PESTER
$r = Invoke-Pester -Path $env:BITGET_TEST_EXAMPLE -PassThru -Output Detailed
"RESULT passed=$($r.PassedCount) failed=$($r.FailedCount)"
'@
        $child.Output | Should -Match 'RESULT passed=3 failed=0' -Because "$($child.Output) $($child.Errors)"
    }
}
