# Runs documentation code (help examples, README blocks) as a user would, offline, each in a runspace of its own, several
# at a time. Dot-source it after Common.ps1. Used by Examples.Tests.ps1 and Readme.Tests.ps1.
#
# What a run sees: the module imported from out/Bitget; its network redirected to the loopback mock exchange through
# $PSDefaultParameterValues (Connect-BitgetStream -Endpoint = the mock's root, so -Private -Api Auto asks the mock's REST
# which account the key is of; Receive-* -Endpoint = the mock's v2 path, v3 for the Liquidation cmdlets, only when the
# command names no session and there is no default session, so that a default session is still used as written); the
# current folder is a fresh one of its own, whose .env holds one of the mock's test keys (Classic, or Unified for a case
# about a Unified account); an example's ws://127.0.0.1:8765 (the port the docs start the mock on) is the running mock's.

# The mock's test keys (src/Bitget.MockExchange/MockPrivateAccount.cs).
$BitgetExampleKeys = @{
    Classic = @{ BITGET_API_KEY = 'bg_mock_test_key'; BITGET_SECRET_KEY = 'mock-test-secret-0123456789abcdef'; BITGET_PASSPHRASE = 'mockpassphrase' }
    Unified = @{ BITGET_API_KEY = 'bg_mock_uta_key'; BITGET_SECRET_KEY = 'mock-uta-secret-fedcba9876543210'; BITGET_PASSPHRASE = 'mockutapassphrase' }
}

# Help examples that truly cannot run offline, with the reason (Examples.Tests.ps1 skips them and says why).
$BitgetOfflineExamples = @{
    'Connect-BitgetStream example 3'   = '-Demo and -Endpoint are in different parameter sets, so no default -Endpoint reaches a -Demo session: it always goes to wspap.bitget.com'
    'Receive-BitgetAccount example 3'  = '-Demo: the demo host cannot be redirected (see Connect-BitgetStream example 3)'
    'Receive-BitgetFill example 3'     = '-Demo: the demo host cannot be redirected (see Connect-BitgetStream example 3)'
    'Receive-BitgetPosition example 3' = '-Demo: the demo host cannot be redirected (see Connect-BitgetStream example 3)'
}

function Get-BitgetHelpExample {
    # Every example of every exported cmdlet, from the installed help (the module must be imported): Name
    # ('<Cmdlet> example <n>'), Code, Remarks, and Offline (why it cannot run offline; empty when it can).
    foreach ($name in (Import-PowerShellDataFile -LiteralPath $BitgetModuleManifest).CmdletsToExport) {
        $n = 0
        foreach ($example in (Get-Help $name -Examples).examples.example) {
            $n++
            $key = "$name example $n"
            @{ Name = $key; Code = [string] $example.code; Remarks = (@($example.remarks | ForEach-Object Text) -join ' '); Offline = $BitgetOfflineExamples[$key] }
        }
    }
}

function Get-BitgetReadmeBlock {
    # README.md's fenced code blocks in order: Name ('README block <n> (line <l>)'), Language, Code, FirstLine (without
    # its comment) and Kind: Setup (a shell block, or PowerShell that starts with ./build.ps1: build, test, install),
    # Usage (PowerShell a user types at the prompt) or Text (a fence without a language: a layout, not code).
    $lines = @(Get-Content -LiteralPath (Join-Path $BitgetRepoRoot 'README.md'))
    $n = 0
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -notmatch '^```(\S*)\s*$') { continue }
        $language = $Matches[1]
        $start = $i + 1
        $i++
        while ($i -lt $lines.Count -and $lines[$i] -notmatch '^```\s*$') { $i++ }
        $code = ($lines[$start..($i - 1)] -join [Environment]::NewLine)
        $n++
        $first = (($lines[$start..($i - 1)] | Where-Object { $_.Trim() -and $_.Trim() -notlike '#*' } | Select-Object -First 1) -replace '\s+#.*$', '').Trim()
        $kind = if (-not $language) { 'Text' }
            elseif ($language -in 'sh', 'bash', 'shell' -or $first -like './build.ps1*') { 'Setup' }
            elseif ($language -in 'powershell', 'pwsh', 'ps1') { 'Usage' }
            else { 'Text' }
        @{ Name = "README block $n (line $start)"; Language = $language; Code = $code; FirstLine = $first; Kind = $kind }
    }
}

function New-BitgetExampleCase {
    <#
    .SYNOPSIS
    One piece of documentation code to run. Setup runs first in the same runspace (what the docs assume was done
    before, e.g. a session named recorder); Check runs after it and returns $true when the example had its effect;
    RunsLong means the code does not end by itself (it is stopped after StopAfterSeconds); ExpectError / ExpectWarning
    are wildcard patterns of the error / warning the example's own text says it writes; During is a control path of the
    mock called every 1.5 s while the example runs (what the world does meanwhile, e.g. an order fills); Quiet is why the
    example may rightly produce nothing in the seconds it runs (a filter the mock's data rarely passes).
    #>
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $Code,
        [string] $Setup,
        [scriptblock] $Check,
        [string] $CheckText,
        [Nullable[bool]] $RunsLong,
        [string] $ExpectError,
        [string] $ExpectWarning,
        [string] $During,
        [string] $Quiet,
        [ValidateSet('Classic', 'Unified')] [string] $Account = 'Classic'
    )
    # A user types the statements one after another and presses Ctrl+C on one that does not end: each top-level statement
    # is a step of its own, in the same runspace. Bounded: it names a count (-First, Select-Object -First) and has no loop;
    # anything else may run for hours and is stopped.
    $tokens = $parseErrors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $parseErrors)
    $texts = if ($parseErrors -or -not $ast.EndBlock) { @($Code) } else { @($ast.EndBlock.Statements | ForEach-Object { $_.Extent.Text }) }
    $steps = foreach ($text in $texts) {
        $long = if ($null -ne $RunsLong) { [bool] $RunsLong } else { -not ($text -match '-First\b') -or $text -match '\bwhile\s*\(' }
        [pscustomobject]@{ Code = $text; RunsLong = $long }
    }
    [pscustomobject]@{
        Name = $Name; Code = $Code; Steps = @($steps); Setup = $Setup; Check = $Check; CheckText = $CheckText
        ExpectError = $ExpectError; ExpectWarning = $ExpectWarning; During = $During; Quiet = $Quiet; Account = $Account
    }
}

function Invoke-BitgetExampleCases {
    <#
    .SYNOPSIS
    Runs the cases, at most ThrottleLimit at a time, and returns a hashtable of results by case name: Problems (every
    reason it fails; empty = pass), Errors, Warnings, Output, Information, Files (made by it) and Stopped.
    #>
    param(
        [Parameter(Mandatory)] [object[]] $Cases,
        [Parameter(Mandatory)] $Mock,
        [Parameter(Mandatory)] [string] $Root,
        [double] $StopAfterSeconds = 3,
        [double] $BoundedLimitSeconds = 30,
        [int] $ThrottleLimit = 8
    )
    $results = @{}
    # The keys are in each run's ./.env (the process's environment is shared with whatever else runs in it, e.g. xUnit
    # classes beside the Pester suite); a BITGET_* variable of the process would win over the file.
    $set = @($BitgetExampleKeys.Classic.Keys | Where-Object { [Environment]::GetEnvironmentVariable($_) })
    if ($set) { throw "The examples log in with the mock's keys from ./.env, which $($set -join ', ') of this process would override: unset them to run the examples." }
    $queue = [System.Collections.Generic.Queue[object]]::new([object[]] $Cases)
    $active = [System.Collections.Generic.List[object]]::new()
    while ($queue.Count -or $active.Count) {
        while ($queue.Count -and $active.Count -lt $ThrottleLimit) {
            $run = Start-BitgetExampleRun -Case $queue.Dequeue() -Mock $Mock -Root $Root
            if ($run.Result) { $results[$run.Case.Name] = $run.Result } else { $active.Add($run) }
        }
        foreach ($run in @($active)) {
            $elapsed = ([DateTime]::UtcNow - $run.Started).TotalSeconds
            $limit = if ($run.Case.Steps[$run.Step].RunsLong) { $StopAfterSeconds } else { $BoundedLimitSeconds }
            if ($run.Case.During -and -not $run.Invocation.IsCompleted -and $elapsed -ge $run.DuringAt) {
                $run.DuringAt += 1.5
                $null = Invoke-BitgetMockControl -Mock $Mock -Path $run.Case.During
            }
            if ($run.Invocation.IsCompleted -or $elapsed -ge $limit) {
                Complete-BitgetExampleStatement -Run $run
                if ($run.Step + 1 -lt $run.Case.Steps.Count -and -not $run.Problems.Count) {
                    $run.Step++
                    Start-BitgetExampleStatement -Run $run
                }
                else {
                    $null = $active.Remove($run)
                    $results[$run.Case.Name] = Complete-BitgetExampleRun -Run $run
                }
            }
        }
        Start-Sleep -Milliseconds 50
    }
    $results
}

function Start-BitgetExampleRun {
    param([Parameter(Mandatory)] $Case, [Parameter(Mandatory)] $Mock, [Parameter(Mandatory)] [string] $Root)
    $folder = Join-Path $Root ([guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $folder
    # As a user keeps them: the key of the account the example is about, in ./.env.
    Set-Content -LiteralPath (Join-Path $folder '.env') -Value @($BitgetExampleKeys[$Case.Account].GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" })
    $runspace = [runspacefactory]::CreateRunspace([initialsessionstate]::CreateDefault2())
    $runspace.Open()
    $ps = [powershell]::Create()
    $ps.Runspace = $runspace
    $run = [pscustomobject]@{
        Case = $Case; Folder = $folder; Runspace = $runspace; PowerShell = $ps; Invocation = $null; Started = $null
        Output = [System.Management.Automation.PSDataCollection[psobject]]::new(); Result = $null; FilesBefore = @(); DuringAt = 1.5
        Step = 0; Stopped = $false; Server = ([uri] $Mock.Endpoint).Authority
        Problems = [System.Collections.Generic.List[string]]::new(); Errors = [System.Collections.Generic.List[string]]::new()
        Warnings = [System.Collections.Generic.List[string]]::new(); Information = [System.Collections.Generic.List[string]]::new()
    }
    $server = $run.Server
    $prelude = @'
param($Manifest, $Folder, $Server)
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $Folder
Import-Module $Manifest
$root = "ws://$Server"
$PSDefaultParameterValues['Connect-BitgetStream:Endpoint'] = [scriptblock]::Create("'$root'")
$own = [scriptblock]::Create(@"
if (`$args[0].BoundParameters.Contains('Session') -or (Get-BitgetStream -ErrorAction SilentlyContinue | Where-Object IsDefault)) { return }
'$root' + '__PATH__'
"@)
foreach ($command in Get-Command -Module Bitget -Name Receive-* | Where-Object { $_.Parameters.ContainsKey('Endpoint') }) {
    $path = if ($command.Name -like '*Liquidation') { '/v3/ws/public' }
        elseif ($command.Name -match 'Order$|Position$|Account$|Fill$') { '/v2/ws/private' }
        else { '/v2/ws/public' }
    $PSDefaultParameterValues["$($command.Name):Endpoint"] = [scriptblock]::Create($own.ToString().Replace('__PATH__', $path))
}
'@
    try {
        Invoke-BitgetExampleStep -Run $run -Script $prelude -Parameters @{ Manifest = $BitgetModuleManifest; Folder = $folder; Server = $server } -What 'the harness set-up'
        if ($Case.Setup) { Invoke-BitgetExampleStep -Run $run -Script $Case.Setup -What 'the example''s set-up (what the docs assume was done before)' }
        Invoke-BitgetExampleStep -Run $run -Script '$ErrorActionPreference = ''Continue''; $Error.Clear()' -What 'the harness set-up'
    }
    catch {
        $run.Result = [pscustomobject]@{ Problems = @("$_"); Errors = @(); Warnings = @(); Output = @(); Information = @(); Files = @(); Stopped = $false }
        Close-BitgetExampleRun -Run $run
        return $run
    }
    $run.FilesBefore = @(Get-ChildItem -LiteralPath $folder -Recurse -File | ForEach-Object FullName)
    Start-BitgetExampleStatement -Run $run
    $run
}

function Start-BitgetExampleStatement {
    param([Parameter(Mandatory)] $Run)
    $ps = $Run.PowerShell
    $ps.Commands.Clear()
    $ps.Streams.ClearStreams()
    $null = $ps.AddScript(($Run.Case.Steps[$Run.Step].Code -replace '127\.0\.0\.1:8765', $Run.Server))
    $Run.Started = [DateTime]::UtcNow
    $Run.DuringAt = 1.5
    $Run.Invocation = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $Run.Output)
}

function Complete-BitgetExampleStatement {
    # The statement ended, or it is stopped (Ctrl+C): what it wrote goes to the run's lists.
    param([Parameter(Mandatory)] $Run)
    $ps = $Run.PowerShell
    if (-not $Run.Invocation.IsCompleted) {
        $Run.Stopped = $true
        $stop = $ps.BeginStop($null, $null)
        if (-not $stop.AsyncWaitHandle.WaitOne(15000)) { $Run.Problems.Add('did not stop within 15 s of PowerShell.Stop()') }
        if (-not $Run.Case.Steps[$Run.Step].RunsLong) { $Run.Problems.Add("a bounded statement (it names -First) did not end by itself in time: $($Run.Case.Steps[$Run.Step].Code)") }
    }
    try { $null = $ps.EndInvoke($Run.Invocation) }
    catch {
        $inner = $_.Exception.InnerException ?? $_.Exception
        if ($inner -isnot [System.Management.Automation.PipelineStoppedException]) { $Run.Errors.Add("terminating: $($inner.Message)") }
    }
    foreach ($e in $ps.Streams.Error) { $Run.Errors.Add("$($e.FullyQualifiedErrorId): $e") }
    foreach ($w in $ps.Streams.Warning) { $Run.Warnings.Add($w.Message) }
    foreach ($i in $ps.Streams.Information) { $Run.Information.Add("$($i.MessageData)") }
}

function Invoke-BitgetExampleStep {
    # A step of the harness in the run's runspace: any error is the harness's (or the set-up's), never the example's.
    param($Run, [string] $Script, [hashtable] $Parameters = @{}, [string] $What)
    $ps = $Run.PowerShell
    $ps.Commands.Clear()
    $ps.Streams.ClearStreams()
    $null = $ps.AddScript($Script)
    foreach ($p in $Parameters.GetEnumerator()) { $null = $ps.AddParameter($p.Key, $p.Value) }
    try { $out = $ps.Invoke() } catch { throw "$What failed: $($_.Exception.InnerException.Message ?? $_.Exception.Message)" }
    if ($ps.Streams.Error.Count) { throw "$What failed: $($ps.Streams.Error[0])" }
    $ps.Commands.Clear()
    $out
}

function Complete-BitgetExampleRun {
    param([Parameter(Mandatory)] $Run)
    $ps = $Run.PowerShell
    $case = $Run.Case
    $problems = $Run.Problems
    $stopped = $Run.Stopped
    $errors = $Run.Errors
    $warnings = @($Run.Warnings)
    $information = @($Run.Information)
    $items = for ($i = 0; $i -lt $Run.Output.Count; $i++) { $Run.Output[$i] }
    $output = @(foreach ($item in $items) {
            $text = if ($null -ne $item) { try { ($item | Out-String -Width 200).Trim() } catch { '' } }
            if ($text) { $text } else { "$item" }
        })

    # What the example left in its runspace: $Error (errors the streams may not show), its jobs' errors and warnings,
    # then its effect; finally nothing is left behind.
    $leftover = @'
param($Check)
$found = [ordered]@{ Errors = @(); Warnings = @(); Information = @(); Effect = $null }
$found.Errors = @($Error | Where-Object { $_ -isnot [System.Management.Automation.PipelineStoppedException] -and
    $_.Exception -isnot [System.Management.Automation.PipelineStoppedException] -and "$_" -ne 'The pipeline has been stopped.' } |
    ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { "$($_.FullyQualifiedErrorId): $_" } else { "$_" } })
$jobs = @(Get-Job | Where-Object PSJobTypeName -like 'Bitget*')
foreach ($job in $jobs) {
    foreach ($j in @($job) + @($job.ChildJobs)) {
        $found.Errors += @($j.Error | ForEach-Object { "job $($job.Name): $($_.FullyQualifiedErrorId): $_" })
        $found.Warnings += @($j.Warning | ForEach-Object { "job $($job.Name): $($_.Message)" })
        $found.Information += @($j.Information | ForEach-Object { "$($_.MessageData)" })
    }
}
# For checks: the topics of every session, as InstType/Channel/Symbol.
function Get-ExampleTopic { @(Get-BitgetStream | ForEach-Object Subscriptions | ForEach-Object { '{0}/{1}/{2}' -f $_.InstType, $_.Channel, $_.Symbol }) }
# For checks: every -Action job of the example ran its action within 10 s (they run between statements, so sleep).
function Test-ExampleActionRan {
    $jobs = @(Get-Job | Where-Object PSJobTypeName -like 'Bitget*')
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while (($jobs | Where-Object Invocations -lt 1) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
    $jobs.Count -gt 0 -and -not ($jobs | Where-Object Invocations -lt 1)
}
if ($Check) { $found.Effect = [bool] (. ([scriptblock]::Create($Check))) }
$jobs | Remove-Job -Force -ErrorAction SilentlyContinue
Get-BitgetStream -ErrorAction SilentlyContinue | Disconnect-BitgetStream -Confirm:$false -ErrorAction SilentlyContinue
[pscustomobject] $found
'@
    $ps.Commands.Clear()
    $ps.Streams.ClearStreams()
    $null = $ps.AddScript($leftover).AddParameter('Check', $(if ($case.Check) { $case.Check.ToString() }))
    $found = $null
    try { $found = $ps.Invoke() | Select-Object -Last 1 } catch { $problems.Add("the harness could not look at the runspace after the example: $($_.Exception.Message)") }
    if ($found) {
        foreach ($e in $found.Errors) { if (-not $errors.Contains($e)) { $errors.Add($e) } }
        $warnings += @($found.Warnings)
        $information += @($found.Information)
    }
    $files = @(Get-ChildItem -LiteralPath $Run.Folder -Recurse -File | Where-Object FullName -notin $Run.FilesBefore | ForEach-Object FullName)
    Close-BitgetExampleRun -Run $Run

    if ($case.ExpectError) {
        if (-not ($errors | Where-Object { $_ -like $case.ExpectError })) { $problems.Add("the error its text describes ($($case.ExpectError)) did not come") }
        $errors = @($errors | Where-Object { $_ -notlike $case.ExpectError })
    }
    foreach ($e in $errors) { $problems.Add("error: $e") }
    if ($case.ExpectWarning) {
        if (-not ($warnings | Where-Object { $_ -like $case.ExpectWarning })) { $problems.Add("the warning its text describes ($($case.ExpectWarning)) did not come") }
        $warnings = @($warnings | Where-Object { $_ -notlike $case.ExpectWarning })
    }
    foreach ($w in $warnings) { $problems.Add("warning: $w") }
    if ($case.Check) {
        if (-not ($found -and $found.Effect)) { $problems.Add("its effect is missing: $($case.CheckText)") }
    }
    elseif (-not ($output.Count -or $information.Count -or $files.Count -or $case.Quiet)) {
        $problems.Add('it produced nothing: no output, no host output and no file')
    }
    [pscustomobject]@{
        Problems = @($problems); Errors = @($errors); Warnings = @($warnings); Output = $output; Information = $information
        Files = $files; Stopped = $stopped
    }
}

function Close-BitgetExampleRun {
    param($Run)
    $Run.PowerShell.Dispose()
    $Run.Runspace.Dispose()
}

function Format-BitgetExampleResult {
    # What a failing It shows: every problem, then what the example wrote.
    param($Result)
    $lines = @($Result.Problems) + @($Result.Output | Select-Object -First 5 | ForEach-Object { "output: $_" })
    ($lines | ForEach-Object { $_ -replace '\s+', ' ' }) -join [Environment]::NewLine
}
