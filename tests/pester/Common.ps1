# Shared setup for the Pester tests of the Bitget module. Dot-source it from BeforeAll.
# Nothing is built here: run `dotnet build` (or ./build.ps1) first. The tests import out/Bitget/Bitget.psd1,
# exactly what a user imports, and run the loopback mock exchange from its existing build output.

$BitgetRepoRoot = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
$BitgetModuleManifest = Join-Path $BitgetRepoRoot 'out/Bitget/Bitget.psd1'
$BitgetMockProject = Join-Path $BitgetRepoRoot 'tests/Bitget.MockExchange'

# Table headers and list labels may carry $PSStyle colours; tests match the plain text.
$AnsiPattern = '\x1b\[[0-9;]*m'

# BitgetTicker properties in contract order (= Export-Csv column order).
$BitgetTickerColumns = @(
    'Symbol', 'InstType', 'LastPrice', 'BidPrice', 'AskPrice', 'BidSize', 'AskSize', 'Spread', 'Open24h',
    'High24h', 'Low24h', 'Change24h', 'BaseVolume', 'QuoteVolume', 'FundingRate', 'NextFundingTime', 'MarkPrice',
    'IndexPrice', 'HoldingAmount', 'DeliveryPrice', 'OpenUtc', 'ChangeUtc24h', 'Timestamp', 'ReceivedAt',
    'DeliveryTime', 'DeliveryStartTime', 'DeliveryStatus'
)

$BitgetTickerDecimalColumns = @(
    'LastPrice', 'BidPrice', 'AskPrice', 'BidSize', 'AskSize', 'Spread', 'Open24h', 'High24h', 'Low24h',
    'Change24h', 'BaseVolume', 'QuoteVolume', 'FundingRate', 'MarkPrice', 'IndexPrice', 'HoldingAmount',
    'DeliveryPrice', 'OpenUtc', 'ChangeUtc24h'
)

function Import-BitgetTestModule {
    <#
    .SYNOPSIS
    Imports out/Bitget as a user does (any copy loaded before is removed first) and returns the module; a clear error
    when it has not been built.
    #>
    if (-not (Test-Path -LiteralPath $BitgetModuleManifest)) {
        throw "The module is not built: $BitgetModuleManifest is missing. Run 'dotnet build' first."
    }
    Get-Module Bitget | Remove-Module -Force
    Import-Module $BitgetModuleManifest -Force -PassThru -ErrorAction Stop
}

function Get-BitgetTestConfiguration {
    # The configuration the mock exchange was built in: $env:BITGET_TEST_CONFIGURATION (set by build.ps1),
    # else the newest of Debug and Release found on disk, else Debug.
    if ($env:BITGET_TEST_CONFIGURATION) {
        return $env:BITGET_TEST_CONFIGURATION
    }
    $candidates = foreach ($configuration in 'Debug', 'Release') {
        $dll = Join-Path $BitgetMockProject "bin/$configuration/net10.0/Bitget.MockExchange.Host.dll"
        if (Test-Path -LiteralPath $dll) {
            [pscustomobject]@{ Configuration = $configuration; Time = (Get-Item -LiteralPath $dll).LastWriteTimeUtc }
        }
    }
    $newest = $candidates | Sort-Object Time -Descending | Select-Object -First 1
    if ($newest) { $newest.Configuration } else { 'Debug' }
}

function Start-TestMockExchange {
    <#
    .SYNOPSIS
    Starts the mock exchange on a free port and returns an object with Process, Endpoint (ws://...) and BaseUri (http://...).
    #>
    param(
        [int] $StartTimeoutSeconds = 60
    )

    $configuration = Get-BitgetTestConfiguration
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @('run', '--project', $BitgetMockProject, '--no-build', '--no-launch-profile',
            '-c', $configuration, '--', '--port', '0')) {
        $psi.ArgumentList.Add($argument)
    }
    $psi.WorkingDirectory = $BitgetRepoRoot
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    $psi.Environment['DOTNET_NOLOGO'] = '1'
    $psi.Environment['DOTNET_CLI_TELEMETRY_OPTOUT'] = '1'

    $process = [System.Diagnostics.Process]::Start($psi)
    $stderr = $process.StandardError.ReadToEndAsync()
    $endpoint = $null
    $deadline = [DateTime]::UtcNow.AddSeconds($StartTimeoutSeconds)
    try {
        while (-not $endpoint) {
            $read = $process.StandardOutput.ReadLineAsync()
            while (-not $read.Wait(200)) {
                if ([DateTime]::UtcNow -gt $deadline) {
                    throw "The mock exchange did not report its endpoint within $StartTimeoutSeconds s."
                }
            }
            $line = $read.Result
            if ($null -eq $line) {
                $null = $process.WaitForExit(5000)
                $errors = if ($stderr.IsCompleted) { $stderr.Result } else { '' }
                throw "The mock exchange exited before it was ready (did 'dotnet build' run, configuration $configuration?). $errors"
            }
            if ($line -match 'listening on (ws://\S+)') {
                $endpoint = $Matches[1]
            }
        }
    }
    catch {
        if (-not $process.HasExited) { $process.Kill($true) }
        $process.Dispose()
        throw
    }

    # Keep reading stdout so that the mock never blocks on a full pipe.
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $uri = [uri] $endpoint
    [pscustomobject]@{
        Process  = $process
        Endpoint = $endpoint
        BaseUri  = 'http://{0}' -f $uri.Authority
        Stdout   = $stdout
        Stderr   = $stderr
    }
}

function Stop-TestMockExchange {
    param($Mock)
    if ($null -eq $Mock -or $null -eq $Mock.Process) { return }
    try {
        if (-not $Mock.Process.HasExited) {
            $Mock.Process.Kill($true)
            $null = $Mock.Process.WaitForExit(5000)
        }
    }
    finally {
        $Mock.Process.Dispose()
    }
}

function Invoke-BitgetMockControl {
    <#
    .SYNOPSIS
    Calls an HTTP control endpoint of the mock exchange, e.g. '/control/drop' or '/control/options?answerPings=false'.
    #>
    param(
        [Parameter(Mandatory)] $Mock,
        [Parameter(Mandatory)] [string] $Path,
        [ValidateSet('Get', 'Post')] [string] $Method = 'Post'
    )
    Invoke-RestMethod -Method $Method -Uri ($Mock.BaseUri + $Path) -TimeoutSec 10
}

function Get-BitgetMockStats {
    # {activeConnections, totalConnections, pingsReceived, pushesSent, subscriptions}
    param([Parameter(Mandatory)] $Mock)
    Invoke-BitgetMockControl -Mock $Mock -Path '/control/stats' -Method Get
}

function Wait-BitgetCondition {
    <#
    .SYNOPSIS
    Polls a condition until it is true or the time is up; returns $true or $false. Runs statements between
    polls, so that -Action jobs of this runspace get their turn.
    #>
    param(
        [Parameter(Mandatory)] [scriptblock] $Condition,
        [double] $TimeoutSeconds = 10,
        [int] $IntervalMilliseconds = 100
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        if (& $Condition) { return $true }
        if ([DateTime]::UtcNow -ge $deadline) { return $false }
        Start-Sleep -Milliseconds $IntervalMilliseconds
    }
}

function Clear-BitgetTestState {
    <#
    .SYNOPSIS
    Leaves no -Action job, no session and no fault switch behind, so that the next test starts from nothing.
    #>
    param([Parameter(Mandatory)] [AllowNull()] $Mock)
    Get-Job | Where-Object PSJobTypeName -in 'BitgetTickerJob', 'BitgetCandleJob', 'BitgetTradeJob' | Remove-Job -Force -ErrorAction SilentlyContinue
    Get-BitgetStream -ErrorAction SilentlyContinue | Disconnect-BitgetStream -Confirm:$false -ErrorAction SilentlyContinue
    if ($null -ne $Mock -and -not $Mock.Process.HasExited) {
        $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/options?answerPings=true&sendData=true&candlePeriodMs=0&candleIntervalMs=250&candleHistory=5&tradeIntervalMs=100&tradeSnapshot=20&repeatTradeSnapshots=false'
    }
}

function Assert-BitgetTableFits {
    <#
    .SYNOPSIS
    The default table of the objects fits the width: one header line, the dashes, then one line per object (no label or
    value wrapped onto a second line, no line longer than the width).
    #>
    param(
        [Parameter(Mandatory)] [object[]] $Objects,
        [Parameter(Mandatory)] [int] $Width
    )
    $Objects.Count | Should -BeGreaterThan 0
    $lines = @((($Objects | Out-String -Width $Width) -replace $AnsiPattern, '') -split "`r?`n" | Where-Object { $_.Trim() })
    foreach ($line in $lines) {
        $line.Length | Should -BeLessOrEqual $Width -Because "'$line' must not wrap"
    }
    $lines[1] | Should -Match '^[- ]+$'
    $lines.Count | Should -Be (2 + $Objects.Count)
}

function Invoke-BitgetChildPwsh {
    <#
    .SYNOPSIS
    Runs a command in a pwsh process of its own (for what must not share this process: another version of an assembly
    in the default load context, a second Bitget.dll) and returns ExitCode, Output and Errors. An installed pwsh, else
    the one the repository pins as a .NET tool (dotnet tool restore); -Pinned always the pinned one. -File runs a script
    file as a user does (pwsh -File) instead of -Command; Environment adds variables to the child's.
    #>
    param(
        [Parameter(Mandatory, ParameterSetName = 'Command')] [string] $Command,
        [Parameter(Mandatory, ParameterSetName = 'File')] [string] $File,
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 120,
        [switch] $Pinned
    )
    $installed = if (-not $Pinned) { Get-Command pwsh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 }
    $psi = if ($installed) { [System.Diagnostics.ProcessStartInfo]::new($installed.Source) } else {
        $p = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        $p.ArgumentList.Add('pwsh')
        $p
    }
    $run = if ($PSCmdlet.ParameterSetName -eq 'File') { '-File', $File } else { '-Command', $Command }
    foreach ($a in @('-NoProfile', '-NonInteractive') + $run) { $psi.ArgumentList.Add($a) }
    $psi.Environment['DOTNET_NOLOGO'] = '1'
    $psi.Environment['DOTNET_CLI_TELEMETRY_OPTOUT'] = '1'
    $psi.WorkingDirectory = $BitgetRepoRoot
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    foreach ($key in $Environment.Keys) { $psi.Environment[$key] = $Environment[$key] }
    $process = [System.Diagnostics.Process]::Start($psi)
    try {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "The child pwsh did not finish within $TimeoutSeconds s: $Command$File. Output so far: $(if ($stdout.IsCompleted) { $stdout.Result })"
        }
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Errors = $stderr.Result }
    }
    finally {
        $process.Dispose()
    }
}
