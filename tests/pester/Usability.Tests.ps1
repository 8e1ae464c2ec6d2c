# Pester 5 scenarios for what a new user meets first: tab completion, errors, refused topics, -Action job streams,
# pipeline binding and -WhatIf, -Verbose, the default views at 80 and 120 columns, progress, and installing the module.
# Same setup as Bitget.Tests.ps1: `dotnet build` first; every wait polls against a deadline.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    $BitgetModule = Import-BitgetTestModule

    $Mock = Start-TestMockExchange
    $ep = $Mock.Endpoint

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }
}

AfterAll {
    if (Get-Module Bitget) {
        Clear-BitgetTestState -Mock $Mock
    }
    Stop-TestMockExchange -Mock $Mock
    Get-Module Bitget | Remove-Module -Force
}

Describe 'Tab completion' {

    AfterEach {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'completes -InstType with the v2 product types on <Command>' -ForEach @(
        @{ Command = 'Receive-BitgetTicker' }, @{ Command = 'Register-BitgetCandle' }, @{ Command = 'Unregister-BitgetTrade' }
    ) {
        $matches = Get-Completion "$Command BTCUSDT -InstType US"
        $matches.CompletionText | Should -Be @('USDT-FUTURES', 'USDC-FUTURES')
    }

    It 'completes -Symbol from the common list before any session exists' {
        $matches = Get-Completion 'Receive-BitgetTicker -Symbol ET'
        $matches.CompletionText | Should -Contain 'ETHUSDT'
        (Get-Completion 'Register-BitgetTicker -InstType COIN-FUTURES -Symbol BT').CompletionText | Should -Be 'BTCUSD'
    }

    It 'completes -Symbol with the subscribed and seen symbols first' {
        $s = Connect-BitgetStream -Endpoint $ep
        Register-BitgetTicker SYM7USDT -Session $s
        $null = Receive-BitgetTicker SYM8USDT -Session $s -First 1 -Timeout 15
        $all = (Get-Completion 'Receive-BitgetTicker -Symbol ').CompletionText
        $all[0..1] | Should -Be @('SYM7USDT', 'SYM8USDT')
        $all | Should -Contain 'BTCUSDT'
        (Get-Completion 'Unregister-BitgetTicker sym7u').CompletionText | Should -Be 'SYM7USDT'
    }

    It 'completes -Session and Get-BitgetStream -Name with the session names' {
        $null = Connect-BitgetStream -Endpoint $ep -Name AlphaFeed
        $null = Connect-BitgetStream -Endpoint $ep -Name BetaFeed
        (Get-Completion 'Get-BitgetStream -Name Al').CompletionText | Should -Be 'AlphaFeed'
        $session = Get-Completion 'Receive-BitgetTicker BTCUSDT -Session Be'
        $session.ListItemText | Should -Be 'BetaFeed'
        # The completion is an expression that yields the session object.
        (Invoke-Expression $session[0].CompletionText).Name | Should -Be 'BetaFeed'
        (Get-Completion 'Disconnect-BitgetStream -Session ').ListItemText | Should -Be @('AlphaFeed', 'BetaFeed')
    }
}

Describe 'Refused topics' {

    AfterEach {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'Register reports each refused topic as an error and registers the good ones' {
        $s = Connect-BitgetStream -Endpoint $ep
        Register-BitgetTicker NOPEUSDT, BTCUSDT -Session $s -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -Be 'BitgetTopicRefused,Bitget.PowerShell.Commands.RegisterBitgetTickerCommand'
        $refused[0].TargetObject | Should -Be 'USDT-FUTURES/ticker/NOPEUSDT'
        $refused[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $refused[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        ($s.Subscriptions | Where-Object Symbol -EQ BTCUSDT).State | Should -Be 'Subscribed'
    }

    It 'an -Action job whose every topic is refused ends Failed with the reason' {
        $s = Connect-BitgetStream -Endpoint $ep
        $job = Register-BitgetTicker NOPEUSDT, NADAUSDT -Session $s -Action { $_ } -ErrorAction SilentlyContinue
        Wait-BitgetCondition { $job.State -eq 'Failed' } | Should -BeTrue
        $job.StatusMessage | Should -Match 'refused all 2'
        $errors = @(Receive-Job $job -ErrorAction SilentlyContinue -ErrorVariable jobErrors)
        $jobErrors.Exception.Message | Should -Contain $job.StatusMessage
    }

    It 'an -Action job with one good topic keeps running' {
        $s = Connect-BitgetStream -Endpoint $ep
        $job = Register-BitgetTicker NOPEUSDT, BTCUSDT -Session $s -Action { $_ } -ErrorAction SilentlyContinue
        Wait-BitgetCondition { $job.Invocations -ge 2 } | Should -BeTrue
        $job.State | Should -Be 'Running'
    }
}

Describe '-Action job streams' {

    AfterEach {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'warnings, Write-Error, verbose, debug and information of the action go to the job, not the host' {
        $s = Connect-BitgetStream -Endpoint $ep
        $job = Register-BitgetTicker BTCUSDT -Session $s -Name StreamsJob -Action {
            "seen $($_.Symbol) $($args[0].Symbol)"
            Write-Warning "warned $($_.Symbol)"
            Write-Error "failed $($_.Symbol)" -ErrorAction Continue
            Write-Verbose "verbose $($_.Symbol)" -Verbose
            Write-Debug "debug $($_.Symbol)" -Debug
            Write-Information "info $($_.Symbol)"
        }
        $job.Name | Should -Be 'StreamsJob'
        (Get-Job -Name StreamsJob).Id | Should -Be $job.Id
        Wait-BitgetCondition { $job.Invocations -ge 2 } | Should -BeTrue
        Stop-Job $job
        $job.Output[0] | Should -Be 'seen BTCUSDT BTCUSDT'
        $job.Warning[0].Message | Should -Be 'warned BTCUSDT'
        $job.Error[0].Exception.Message | Should -Be 'failed BTCUSDT'
        $job.Verbose[0].Message | Should -Be 'verbose BTCUSDT'
        $job.Debug[0].Message | Should -Be 'debug BTCUSDT'
        $job.Information[0].MessageData | Should -Be 'info BTCUSDT'
        # Receive-Job replays them on its own streams.
        $null = Receive-Job $job -Keep -WarningVariable warnings -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $warnings[0].Message | Should -Be 'warned BTCUSDT'
        $errors[0].Exception.Message | Should -Be 'failed BTCUSDT'
    }

    It 'a throw in the action is the job error it was' {
        $s = Connect-BitgetStream -Endpoint $ep
        $job = Register-BitgetTicker BTCUSDT -Session $s -Action { throw "boom $($_.Symbol)" }
        Wait-BitgetCondition { $job.Error.Count -ge 1 } | Should -BeTrue
        Stop-Job $job
        $job.Error[0].Exception.Message | Should -Be 'boom BTCUSDT'
    }
}

Describe 'Pipeline binding and -WhatIf' {

    AfterEach {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'symbol strings bind from the pipeline to Register and Unregister as they do to Receive' {
        $s = Connect-BitgetStream -Endpoint $ep
        'SOLUSDT', 'ETHUSDT' | Register-BitgetTicker -Session $s
        'ETHUSDT' | Register-BitgetTrade -Session $s
        @($s.Subscriptions | Where-Object Channel -EQ ticker).Symbol | Sort-Object | Should -Be @('ETHUSDT', 'SOLUSDT')
        'SOLUSDT' | Unregister-BitgetTicker -Session $s
        Wait-BitgetCondition { @($s.Subscriptions | Where-Object Channel -EQ ticker).Symbol -notcontains 'SOLUSDT' } | Should -BeTrue
        # A piped session still binds to -Session.
        $s | Register-BitgetCandle BTCUSDT -Interval 1m
        @($s.Subscriptions | Where-Object Channel -EQ candle1m).Symbol | Should -Be 'BTCUSDT'
    }

    It 'Register and Unregister -WhatIf change nothing' {
        $s = Connect-BitgetStream -Endpoint $ep
        # (What if: goes to the host's UI, not to a stream, so only its effect is tested.)
        Register-BitgetTicker BTCUSDT, ETHUSDT -Session $s -WhatIf
        $s.SubscriptionCount | Should -Be 0
        Register-BitgetTicker BTCUSDT -Session $s
        Unregister-BitgetTicker BTCUSDT -Session $s -WhatIf
        @($s.Subscriptions).Symbol | Should -Be 'BTCUSDT'
        (Get-Command Register-BitgetCandle, Unregister-BitgetTrade).Parameters.Keys | Should -Contain 'Confirm'
    }

    It 'Register -WhatIf without a session connects nothing' {
        Register-BitgetTicker BTCUSDT -WhatIf
        @(Get-BitgetStream).Count | Should -Be 0
    }
}

Describe '-Verbose tells the story' {

    AfterEach {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'connect, subscribe with counts, acknowledgements, already registered, unsubscribe and close' {
        $s = $null
        $story = & {
            $s = Connect-BitgetStream -Endpoint $ep -Verbose
            $s
            Register-BitgetTicker BTCUSDT, ETHUSDT -Session $s -Verbose
            Register-BitgetTicker BTCUSDT -Session $s -Verbose
            Unregister-BitgetTicker BTCUSDT, ETHUSDT -Session $s -Verbose
            Disconnect-BitgetStream $s -Verbose
        } 4>&1
        $name = @($story | Where-Object { $_ -is [Bitget.PowerShell.BitgetSession] })[0].Name
        $story = $story | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $story | Should -Contain "Connecting to $ep."
        $story -match '^Connected to .* in \d+\.\d\d s\.$' | Should -Not -BeNullOrEmpty
        $story | Should -Contain "Subscribing session '$name' to 2 ticker topic(s): ticker BTCUSDT, ETHUSDT (USDT-FUTURES)." -Because ($story -join "`n")
        $story | Should -Contain "The server acknowledged 2 of 2 ticker topic(s) on session '$name'."
        $story | Should -Contain "ticker BTCUSDT (USDT-FUTURES) is already registered on session '$name'; nothing to do for it."
        $story -match "^Unsubscribing session '$name' from 2 topic\(s\)" | Should -Not -BeNullOrEmpty
        $story -match "^Closing session '$name'" | Should -Not -BeNullOrEmpty
    }

    It 'a reconnect shows as a warning sentence and a verbose line while receiving' {
        $s = Connect-BitgetStream -Endpoint $ep
        $dropped = $false
        $records = [System.Collections.Generic.List[object]]::new()
        # (break inside the ForEach-Object leaves the do loop, which stops the Receive: the usual way to end a pipeline.)
        do {
            Receive-BitgetTicker BTCUSDT -Session $s -Timeout 20 -Verbose 4>&1 3>&1 | ForEach-Object {
                $records.Add($_)
                if (-not $dropped -and $_ -is [Bitget.Stream.Models.BitgetTicker]) {
                    $dropped = $true
                    $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/drop'
                }
                if ($_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Reconnected to*') { break }
            }
        } while ($false)
        $warning = @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })[0].Message
        $warning | Should -Match '^Lost the connection to ws://.*: .*; reconnecting (now|in \d+\.\d s)\.$'
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Reconnected to*' }).Count | Should -Be 1
    }
}

Describe 'Default views at 80 and 120 columns' {

    BeforeAll {
        $s = Connect-BitgetStream -Endpoint $ep -Name ViewSession
        Register-BitgetTicker BTCUSDT, ETHUSDT -Session $s
        Wait-BitgetCondition { $s.MessagesReceived -gt 0 -and $s.LastMessageAt } | Should -BeTrue
        $Samples = @{
            Ticker       = @(Receive-BitgetTicker BTCUSDT, ETHUSDT -Session $s -First 2 -Timeout 15)
            Candle       = @(Receive-BitgetCandle BTCUSDT -Interval 1m -Endpoint $ep -First 2 -Timeout 15)
            Trade        = @(Receive-BitgetTrade BTCUSDT -Endpoint $ep -First 2 -Timeout 15)
            Message      = @(Receive-BitgetMessage BTCUSDT -Channel ticker -Endpoint $ep -First 1 -Timeout 15)
            Session      = @(Get-BitgetStream ViewSession)
            Subscription = @($s.Subscriptions)
            OrderBook    = @(Receive-BitgetOrderBook BTCUSDT -Depth 5 -Endpoint $ep -First 2 -Timeout 15)
        }
        # The private kinds, from the mock's Classic test key.
        $private = Connect-BitgetStream -Endpoint ($ep -replace '/public$', '/private') -Name PrivateViews -ApiKey bg_mock_test_key `
            -ApiSecret (ConvertTo-SecureString 'mock-test-secret-0123456789abcdef' -AsPlainText -Force) `
            -Passphrase (ConvertTo-SecureString 'mockpassphrase' -AsPlainText -Force)
        $Samples.Order = @(Receive-BitgetOrder -Session $private -First 2 -Timeout 15)
        $Samples.Position = @(Receive-BitgetPosition -Session $private -First 2 -Timeout 15)
        $Samples.Account = @(Receive-BitgetAccount -Session $private -First 2 -Timeout 15)
        $Samples.Fill = @(Receive-BitgetFill -Session $private -First 2 -Timeout 15)
        function Show([object[]] $Objects, [int] $Width = 80) {
            @((($Objects | Out-String -Width $Width) -replace $AnsiPattern, '') -split "`r?`n" | Where-Object { $_.Trim() })
        }
    }

    AfterAll {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'the <Kind> table fits <Width> columns with one header line' -ForEach @(
        foreach ($kind in 'Ticker', 'Candle', 'Trade', 'Message', 'Session', 'Subscription', 'OrderBook', 'Order', 'Position', 'Account', 'Fill') {
            foreach ($width in 80, 120) { @{ Kind = $kind; Width = $width } }
        }
    ) {
        Assert-BitgetTableFits -Objects $Samples[$Kind] -Width $Width
    }

    It 'time columns say UTC and show whole times at 80 columns' {
        foreach ($kind in 'Ticker', 'Trade', 'Session', 'Subscription') {
            $text = ($Samples[$Kind] | Out-String -Width 80) -replace $AnsiPattern, ''
            $text | Should -Match '\(UTC\)'
            $text | Should -Match '\b\d{2}:\d{2}:\d{2}\.\d{3}\b' -Because "$kind shows its time whole"
        }
        $session = ($Samples.Session | Out-String -Width 80) -replace $AnsiPattern, ''
        $session | Should -Match ([regex]::Escape($s.LastMessageAt.UtcDateTime.ToString('HH:mm:ss.fff')))
    }

    It 'the order book table shows Mid, Levels and the time at 80 columns' {
        $lines = Show $Samples.OrderBook
        $lines[0] | Should -Match '^Symbol\s+BestBid\s+BestAsk\s+Spread\s+Mid\s+Levels\s+Time \(UTC\)\s*$'
        $book = $Samples.OrderBook[0]
        $lines[2] | Should -Match ([regex]::Escape("$($book.Mid)"))
        $lines[2] | Should -Match '\b5x5\b'
        $lines[2] | Should -Match ([regex]::Escape($book.Timestamp.UtcDateTime.ToString('HH:mm:ss.fff')) + '\s*$')
    }

    It 'BitgetOrderBook properties read as a book: bids first; Format-List and Select-Object * follow' {
        $expected = 'Symbol', 'InstType', 'Bids', 'Asks', 'BestBid', 'BestAsk', 'Spread', 'Mid', 'Sequence', 'Timestamp', 'ReceivedAt'
        $book = $Samples.OrderBook[0]
        @($book.PSObject.Properties.Name)[0..10] | Should -Be $expected
        @(($book | Select-Object *).PSObject.Properties.Name)[0..10] | Should -Be $expected
        $labels = @(($book | Format-List | Out-String -Width 200) -replace $AnsiPattern, '' -split "`r?`n" |
                Where-Object { $_ -match '^(\w+)\s*:' } | ForEach-Object { $_ -replace '^(\w+)\s*:.*$', '$1' })
        $labels[0..10] | Should -Be $expected
    }

    It 'the account table shows every decimal compactly, the exact value staying in the object' {
        $account = $Samples.Account[0]
        # (A PowerShell cast drops trailing zeros; Bitget's text keeps them, as Parse does.)
        $account.UnrealizedPL = [decimal]::Parse('-12.340000000000000', [cultureinfo]::InvariantCulture)
        $account.Equity = [decimal]::Parse('100000.5000000000', [cultureinfo]::InvariantCulture)
        $lines = Show @($account)
        $lines | Should -Not -Match '…'
        $lines[2] | Should -Match '\s-12\.34\s*$'
        $lines[2] | Should -Match '\s100000\.5\s'
        "$($account.UnrealizedPL)" | Should -Be '-12.340000000000000'
    }

    It 'a session name of 16 characters is shown whole at 80 columns' {
        $named = Connect-BitgetStream -Endpoint $ep -Name 'Recorder-BTC-Day'
        try {
            $lines = Show @(Get-BitgetStream 'Recorder-BTC-Day')
            $lines[2] | Should -Match '^Recorder-BTC-Day\s'
            $lines[2] | Should -Match ([regex]::Escape(([uri] $ep).Authority) + '\s*$')
        }
        finally {
            $named | Disconnect-BitgetStream -Confirm:$false
        }
    }

    It 'the ticker table tells spot from futures of one symbol' {
        $spot = @(Receive-BitgetTicker BTCUSDT -InstType SPOT -Endpoint $ep -First 1 -Timeout 15)
        $lines = Show @($spot + $Samples.Ticker[0])
        $lines[0] | Should -Match '^Symbol\s+InstType\s'
        $lines[2] | Should -Match '^BTCUSDT\s+SPOT\s'
        $lines[3] | Should -Match '^\w+\s+USDT-FUTURES\s'
    }

    It 'the <Kind> table shows the date of an event not of today (UTC)' -ForEach @(
        @{ Kind = 'Order'; Property = 'UpdatedAt' }, @{ Kind = 'Position'; Property = 'UpdatedAt' }, @{ Kind = 'Fill'; Property = 'CreatedAt' }
    ) {
        $item = $Samples[$Kind][0]
        $now = [DateTimeOffset]::UtcNow
        $item.$Property = $now
        (Show @($item))[2] | Should -Match ([regex]::Escape($now.ToString('HH:mm:ss.fff')) + '\s*$')
        $yesterday = $now.AddDays(-1)
        $item.$Property = $yesterday
        $shown = if ($yesterday.Year -eq $now.Year) { $yesterday.ToString('MM-dd HH:mm:ss') } else { $yesterday.ToString('yyyy-MM-dd') }
        (Show @($item))[2] | Should -Match ([regex]::Escape($shown) + '\s*$')
        $item.$Property = [DateTimeOffset]::new(2020, 3, 4, 5, 6, 7, [TimeSpan]::Zero)
        (Show @($item))[2] | Should -Match '\s2020-03-04\s*$'
    }
}

Describe 'Progress on bounded runs' {

    BeforeAll {
        function Invoke-WithProgress([string] $Script, [hashtable] $Arguments) {
            # Progress records reach no redirection and a nested pipeline sends them to the host: a runspace of its own
            # (with the module imported) keeps them on its Progress stream.
            $iss = [initialsessionstate]::CreateDefault2()
            $iss.ImportPSModule([string[]] @($BitgetModuleManifest))
            $rs = [runspacefactory]::CreateRunspace($iss)
            $rs.Open()
            $ps = [powershell]::Create()
            $ps.Runspace = $rs
            try {
                $null = $ps.AddScript($Script).AddParameters($Arguments)
                $output = $ps.Invoke()
                [pscustomobject]@{ Output = @($output); Progress = @($ps.Streams.Progress) }
            }
            finally {
                $ps.Dispose()
                $rs.Dispose()
            }
        }
    }

    AfterEach {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'Receive -First reports count, rate and time left, then completes the bar' {
        $run = Invoke-WithProgress 'param($ep) $ProgressPreference = "Continue"; Receive-BitgetTicker BTCUSDT -Endpoint $ep -First 30 -Timeout 30' @{ ep = $ep }
        $run.Output.Count | Should -Be 30
        $records = $run.Progress
        $records.Count | Should -BeGreaterThan 1
        $records[0].Activity | Should -Be 'Receive-BitgetTicker BTCUSDT'
        $running = @($records | Where-Object RecordType -EQ Processing)
        $running[-1].StatusDescription | Should -Match '^\d+ of 30 ticker\(s\), \d+\.\d/s$'
        @($running | Where-Object SecondsRemaining -GE 0).Count | Should -BeGreaterThan 0
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'Receive -Timeout alone counts down the time' {
        $run = Invoke-WithProgress 'param($ep) $ProgressPreference = "Continue"; Receive-BitgetTrade BTCUSDT -Endpoint $ep -Timeout 2' @{ ep = $ep }
        $running = @($run.Progress | Where-Object RecordType -EQ Processing)
        $running.Count | Should -BeGreaterThan 1
        $running[-1].StatusDescription | Should -Match '^\d+ trade\(s\), \d+\.\d/s$'
        $running[-1].SecondsRemaining | Should -BeLessOrEqual 2
        $running[-1].PercentComplete | Should -BeGreaterThan 0
    }

    It 'is quiet when $ProgressPreference is SilentlyContinue' {
        $run = Invoke-WithProgress 'param($ep) $ProgressPreference = "SilentlyContinue"; Receive-BitgetTicker BTCUSDT -Endpoint $ep -First 5 -Timeout 30' @{ ep = $ep }
        $run.Output.Count | Should -Be 5
        $run.Progress.Count | Should -Be 0
    }

    It 'an unbounded run writes no progress' {
        $run = Invoke-WithProgress 'param($ep) $ProgressPreference = "Continue"; Receive-BitgetTicker BTCUSDT -Endpoint $ep | Select-Object -First 5' @{ ep = $ep }
        $run.Output.Count | Should -Be 5
        $run.Progress.Count | Should -Be 0
    }
}

Describe 'Installing and publishing the module' {

    BeforeAll {
        # A pwsh of its own for what must not share this process (a second Bitget.dll, PSResourceGet's settings):
        # an installed pwsh, else the one the repository pins as a .NET tool (dotnet tool restore).
        function Invoke-ChildPwsh([string] $Command, [hashtable] $Environment = @{}) {
            $installed = Get-Command pwsh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
            $psi = if ($installed) { [System.Diagnostics.ProcessStartInfo]::new($installed.Source) } else {
                $p = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
                $p.ArgumentList.Add('pwsh')
                $p
            }
            foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $Command) { $psi.ArgumentList.Add($a) }
            $psi.WorkingDirectory = $BitgetRepoRoot
            $psi.UseShellExecute = $false
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            foreach ($key in $Environment.Keys) { $psi.Environment[$key] = $Environment[$key] }
            $process = [System.Diagnostics.Process]::Start($psi)
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit(120000)) { $process.Kill($true); throw "The child pwsh did not finish within 120 s: $Command" }
            $process.WaitForExit()
            [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Errors = $stderr.Result }
        }
        $changelog = (Get-Content -Raw (Join-Path $BitgetRepoRoot 'CHANGELOG.md')) -replace "`r", ''
        $ChangelogSection = [regex]::Match($changelog,
            "(?s)\n## \[$([regex]::Escape($BitgetModule.Version.ToString()))\][^\n]*\n(.*?)(?=\n## |\z)").Groups[1].Value.Trim()
    }

    It 'the manifest is Gallery-ready: license, project, help and release notes from the CHANGELOG' {
        $manifest = Test-ModuleManifest -Path $BitgetModuleManifest -ErrorAction Stop
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.HelpInfoUri | Should -Not -BeNullOrEmpty
        $manifest.Tags | Should -Contain 'PSEdition_Core'
        $manifest.Author | Should -Not -BeNullOrEmpty
        $manifest.Description.Length | Should -BeGreaterThan 50
        $ChangelogSection | Should -Not -BeNullOrEmpty
        $manifest.ReleaseNotes | Should -Be $ChangelogSection
        # The links point into the project at files that exist in the repository.
        $project = $manifest.ProjectUri.AbsoluteUri.TrimEnd('/')
        $manifest.LicenseUri.AbsoluteUri | Should -Be "$project/blob/main/LICENSE"
        Get-Content -Raw (Join-Path $BitgetRepoRoot 'LICENSE') | Should -Match '^MIT License'
        $manifest.HelpInfoUri | Should -BeLike "$project/tree/main/*"
        Test-Path -LiteralPath (Join-Path $BitgetRepoRoot ($manifest.HelpInfoUri.Substring("$project/tree/main/".Length))) | Should -BeTrue
    }

    It 'installs into a module path from which Import-Module Bitget works' {
        $modules = Join-Path $TestDrive 'Modules'
        $installed = & (Join-Path $BitgetRepoRoot 'tools/Install-BitgetModule.ps1') -Source (Split-Path $BitgetModuleManifest) -ModulePath $modules
        $installed.FullName | Should -Be (Join-Path $modules "Bitget/$($BitgetModule.Version)")
        Test-Path (Join-Path $installed.FullName 'en-US/Bitget.dll-Help.xml') | Should -BeTrue
        # Installing again replaces the copy.
        $null = & (Join-Path $BitgetRepoRoot 'tools/Install-BitgetModule.ps1') -Source (Split-Path $BitgetModuleManifest) -ModulePath $modules

        $child = Invoke-ChildPwsh 'Import-Module Bitget -ErrorAction Stop; $m = Get-Module Bitget; "$($m.ModuleBase)|$((Get-Command -Module Bitget).Count)"' @{
            PSModulePath = $modules
        }
        $child.ExitCode | Should -Be 0 -Because $child.Errors
        $base, $count = $child.Output.Trim() -split '\|'
        $base | Should -Be $installed.FullName
        [int] $count | Should -Be (Get-Command -Module Bitget).Count
    }

    It 'says whether a new session finds the module, and the exact line to add when its folder is not on PSModulePath' {
        $install = Join-Path $BitgetRepoRoot 'tools/Install-BitgetModule.ps1'
        $modules = Join-Path $TestDrive "Not on the path's list"
        $saved = $env:PSModulePath
        try {
            $env:PSModulePath = Join-Path $TestDrive 'Other'
            $null = & $install -Source (Split-Path $BitgetModuleManifest) -ModulePath $modules -InformationVariable told 6>$null
            $text = ($told | ForEach-Object { "$($_.MessageData)" }) -join "`n"
            $text | Should -Not -Match 'works in a new session'
            $text | Should -Match ([regex]::Escape("is not on `$env:PSModulePath"))
            $text | Should -Match '\$PROFILE'
            # The line it gives, run as given, puts the folder on the path; then the install says a new session finds it.
            $line = @($text -split "`r?`n" | Where-Object { $_ -match '^\s+\$env:PSModulePath = ' })
            $line.Count | Should -Be 1
            Invoke-Expression $line[0].Trim()
            $env:PSModulePath -split [IO.Path]::PathSeparator | Should -Contain ([IO.Path]::GetFullPath($modules))
            $null = & $install -Source (Split-Path $BitgetModuleManifest) -ModulePath $modules -InformationVariable again 6>$null
            "$($again.MessageData)" | Should -Match 'Import-Module Bitget works in a new session'
        }
        finally {
            $env:PSModulePath = $saved
        }
        # build.ps1 -Task Install ends with that message and claims nothing of its own.
        Get-Content -Raw (Join-Path $BitgetRepoRoot 'build.ps1') | Should -Not -Match 'works in a new session'
    }

    It 'publishes to a local PSResourceGet repository (a Gallery dry run)' {
        $stage = Join-Path $TestDrive 'stage/Bitget'
        $null = New-Item -ItemType Directory -Path $stage -Force
        Copy-Item -Path (Join-Path (Split-Path $BitgetModuleManifest) '*') -Destination $stage -Recurse
        $repo = Join-Path $TestDrive 'repo'
        $null = New-Item -ItemType Directory -Path $repo -Force
        # (.NET reports no LocalApplicationData for a folder that does not exist, and PSResourceGet then writes its
        # settings under the working directory: create it.)
        $data = Join-Path $TestDrive 'data'
        $null = New-Item -ItemType Directory -Path $data -Force
        $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name BitgetLocal -Uri '$repo' -Trusted
Publish-PSResource -Path '$stage' -Repository BitgetLocal
(Get-ChildItem '$repo' -Filter *.nupkg).Name
"@
        # PSResourceGet keeps its repository list in the user's data folder: point it at the test's.
        $child = Invoke-ChildPwsh $script @{ XDG_DATA_HOME = $data; LOCALAPPDATA = $data }
        $child.ExitCode | Should -Be 0 -Because "$($child.Output) $($child.Errors)"
        $child.Output.Trim() | Should -Be "Bitget.$($BitgetModule.Version).nupkg"
        Get-ChildItem -Recurse -LiteralPath $data -Filter PSResourceRepository.xml | Should -Not -BeNullOrEmpty -Because 'the repository list stays in the test folder'
        Test-Path -LiteralPath (Join-Path $BitgetRepoRoot 'PSResourceGet') | Should -BeFalse
    }
}
