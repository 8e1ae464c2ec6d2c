# Pester 5: the host output of an -Action (Write-Host) reaches the console as it does in Register-ObjectEvent's own event
# actions, in the real pinned pwsh: run as a script (pwsh -File, output redirected) and at an interactive prompt in a
# terminal (tmux). Both play the bundled capture, so nothing here needs a network or the mock.
# Prerequisite: `dotnet build` (out/Bitget) and `dotnet tool restore` (the pinned pwsh as `dotnet pwsh`).

BeforeDiscovery {
    # The interactive test needs a terminal multiplexer to give pwsh a real console; on Windows there is none.
    $NoTmux = $IsWindows -or -not (Get-Command tmux -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    if (-not (Test-Path -LiteralPath $BitgetModuleManifest)) {
        throw "The module is not built: $BitgetModuleManifest is missing. Run 'dotnet build' first."
    }
    $Sample = Join-Path $BitgetRepoRoot 'module/samples/bitget-sample.jsonl.gz'

    # Single-quoted PowerShell literal of a path, for the scripts the child pwsh runs.
    function ConvertTo-Literal([string] $Text) { "'" + $Text.Replace("'", "''") + "'" }

    function Invoke-PinnedPwshFile([string] $Script, [int] $TimeoutSeconds = 120) {
        # The pwsh the repository pins (.config/dotnet-tools.json), run as a user runs a script: pwsh -File.
        $path = Join-Path $TestDrive ("script-" + [guid]::NewGuid().ToString('n') + '.ps1')
        Set-Content -LiteralPath $path -Value $Script -Encoding utf8
        $run = Invoke-BitgetChildPwsh -File $path -Pinned -TimeoutSeconds $TimeoutSeconds
        [pscustomobject]@{
            ExitCode = $run.ExitCode
            Output   = $run.Output -replace $AnsiPattern, ''
            Errors   = $run.Errors -replace $AnsiPattern, ''
        }
    }
}

Describe 'Write-Host in an -Action under pwsh -File' {

    It 'reaches stdout, coloured or not, with no color error, as in Register-ObjectEvent' {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module $(ConvertTo-Literal $BitgetModuleManifest)
`$s = Connect-BitgetStream -ReplayPath $(ConvertTo-Literal $Sample) -Name replay
`$job = Register-BitgetTicker BTCUSDT -Session `$s -Action {
    Write-Host "ACTION-GREEN `$(`$_.Symbol)" -ForegroundColor Green
    Write-Host 'ACTION-PLAIN'
    Write-Host 'ACTION-NO-' -NoNewline
    Write-Host 'NEWLINE' -BackgroundColor DarkBlue
    Write-Warning 'ACTION-WARNING'
}
`$deadline = [datetime]::UtcNow.AddSeconds(60)
while (`$job.Invocations -lt 3 -and [datetime]::UtcNow -lt `$deadline) { Start-Sleep -Milliseconds 50 }
Stop-Job `$job
"INVOCATIONS=`$(`$job.Invocations)"
"JOB-ERRORS=`$(`$job.Error.Count)"
"JOB-WARNINGS=`$(`$job.Warning.Count)"
`$job.Error | ForEach-Object { "JOB-ERROR: `$_" }
# The same block as PowerShell's own event action, for comparison.
`$timer = [System.Timers.Timer]::new(50)
`$event = Register-ObjectEvent `$timer Elapsed -MaxTriggerCount 1 -Action { Write-Host 'EVENT-GREEN' -ForegroundColor Green }
`$timer.Start()
`$deadline = [datetime]::UtcNow.AddSeconds(30)
while (`$event.State -ne 'Stopped' -and -not `$event.HasMoreData -and [datetime]::UtcNow -lt `$deadline) { Start-Sleep -Milliseconds 50 }
Start-Sleep -Milliseconds 200
Disconnect-BitgetStream -Session `$s
"@
        $run = Invoke-PinnedPwshFile $script
        $all = $run.Output + $run.Errors
        $all | Should -Not -Match 'not a valid color'
        $run.ExitCode | Should -Be 0 -Because $all
        $run.Output | Should -Match 'EVENT-GREEN' -Because 'Register-ObjectEvent writes its host output (the reference)'
        [int] [regex]::Match($run.Output, 'INVOCATIONS=(\d+)').Groups[1].Value | Should -BeGreaterOrEqual 3 -Because $all
        $run.Output | Should -Match 'JOB-ERRORS=0' -Because $all
        $run.Output | Should -Match '(?m)^ACTION-GREEN BTCUSDT\r?$'
        $run.Output | Should -Match '(?m)^ACTION-PLAIN\r?$'
        $run.Output | Should -Match '(?m)^ACTION-NO-NEWLINE\r?$'
        # Warnings stay the job's (Receive-Job), as the module documents; only host output goes to the host.
        $run.Output | Should -Match 'JOB-WARNINGS=[1-9]'
        $all | Should -Not -Match 'WARNING: ACTION-WARNING'
    }
}

Describe 'Write-Host in an -Action at an interactive prompt' {

    BeforeAll {
        # A tmux server of this test's own (-L): the user's sessions are never touched, and killing it ends only it.
        $Socket = "bitget-pester-$PID-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        function Invoke-Tmux { & tmux -L $Socket @args }
        function Get-Pane { (Invoke-Tmux capture-pane -p -J -t bitget -S -200) -join "`n" }
        function Wait-Pane([string] $Pattern, [int] $TimeoutSeconds) {
            $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
            while ([datetime]::UtcNow -lt $deadline) {
                if ((Get-Pane) -match $Pattern) { return $true }
                Start-Sleep -Milliseconds 250
            }
            $false
        }
        function Send-Line([string] $Line) {
            Invoke-Tmux send-keys -t bitget -l $Line
            Invoke-Tmux send-keys -t bitget Enter
        }
    }

    AfterAll {
        if ($Socket) { Invoke-Tmux kill-server 2>$null }
        # tmux leaves its socket file behind.
        if ($SocketPath) { Remove-Item -LiteralPath $SocketPath -Force -ErrorAction SilentlyContinue }
    }

    It 'shows the host output at the idle prompt, as a Register-ObjectEvent action does' -Skip:$NoTmux {
        # A wide window so that nothing wraps; pwsh started by the pinned tool in the repository.
        $command = "cd $(ConvertTo-Literal $BitgetRepoRoot) && exec dotnet pwsh -NoProfile -NoLogo"
        Invoke-Tmux new-session -d -s bitget -x 220 -y 50 $command
        $LASTEXITCODE | Should -Be 0 -Because 'tmux starts a session'
        $script:SocketPath = Invoke-Tmux display-message -p '#{socket_path}'
        Wait-Pane '(?m)^PS .*> ?$' 90 | Should -BeTrue -Because "pwsh shows its prompt. Pane: $(Get-Pane)"

        Send-Line "Import-Module $(ConvertTo-Literal $BitgetModuleManifest); `$s = Connect-BitgetStream -ReplayPath $(ConvertTo-Literal $Sample) -ReplaySpeed 1 -Name replay; 'CONNECTED'"
        Wait-Pane '(?m)^CONNECTED' 60 | Should -BeTrue -Because "the module loads and the capture opens. Pane: $(Get-Pane)"

        # The command returns at once; the action's output must then appear while the prompt waits for input.
        Send-Line '$job = Register-BitgetTicker BTCUSDT -Action { Write-Host "ACTION-GREEN $($_.Symbol)" -ForegroundColor Green }'
        Wait-Pane '(?m)ACTION-GREEN BTCUSDT' 60 | Should -BeTrue -Because "the action's Write-Host shows at the prompt. Pane: $(Get-Pane)"

        Send-Line '"JOB-ERRORS=$($job.Error.Count) STATE=$($job.State)"; Stop-Job $job'
        Wait-Pane 'JOB-ERRORS=\d+ STATE=\w+' 30 | Should -BeTrue -Because "the prompt still answers. Pane: $(Get-Pane)"
        $pane = Get-Pane
        $pane | Should -Match 'JOB-ERRORS=0 STATE=Running'
        $pane | Should -Not -Match 'not a valid color'

        # The reference: PowerShell's own event action shows its Write-Host the same way.
        Send-Line '$t = [System.Timers.Timer]::new(100); $null = Register-ObjectEvent $t Elapsed -MaxTriggerCount 1 -Action { Write-Host ("EVENT-" + "GREEN") -ForegroundColor Green }; $t.Start()'
        Wait-Pane '(?m)EVENT-GREEN' 30 | Should -BeTrue -Because "Register-ObjectEvent's action shows at the prompt. Pane: $(Get-Pane)"
        Send-Line 'exit'
    }
}
