# Pester 5: a new user's walk-through of README.md. Its code blocks are taken in order; the usage blocks (PowerShell a
# user types at the prompt) run as written, offline, with ExampleHarness.ps1 (statement by statement, the network
# redirected to the loopback mock exchange, a long-running statement stopped as with Ctrl+C); the set-up blocks (build,
# test, install: shell commands that change the machine or take minutes) are checked instead: every command exists and
# parses, and every path and -Task they name exists in the repository. Prerequisite: `dotnet build`.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'ExampleHarness.ps1')
    $ReadmeBlocks = @(Get-BitgetReadmeBlock)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'ExampleHarness.ps1')
    $null = Import-BitgetTestModule
    $Blocks = @(Get-BitgetReadmeBlock)

    # What the README assumes of the user's machine besides the mock: a SecretManagement vault holding the key (the
    # module does not depend on it; a stand-in Get-Secret returns the mock's test key) and, for the block that shows
    # Auto picking v3, a Unified key in the environment.
    $vault = @'
function global:Get-Secret([string] $Name) {
    switch ($Name) {
        'BitgetApiKey' { [pscredential]::new('bg_mock_test_key', (ConvertTo-SecureString 'mock-test-secret-0123456789abcdef' -AsPlainText -Force)) }
        'BitgetPassphrase' { ConvertTo-SecureString 'mockpassphrase' -AsPlainText -Force }
    }
}
'@
    $cases = foreach ($block in $Blocks | Where-Object Kind -eq 'Usage') {
        # The README is read from the clone's root: ./out/Bitget is the module built there.
        $code = $block.Code.Replace('./out/Bitget', (Join-Path $BitgetRepoRoot 'out/Bitget'))
        $given = @{}
        if ($code -match 'Get-Secret') { $given.Setup = $vault }
        if ($code -match '-Api Unified' -and $code -match '-Private') { $given.Account = 'Unified' }
        New-BitgetExampleCase -Name $block.Name -Code $code @given
    }
    $Mock = Start-TestMockExchange
    $ReadmeResults = Invoke-BitgetExampleCases -Cases $cases -Mock $Mock -Root $TestDrive

    $ToolManifest = Get-Content -Raw -LiteralPath (Join-Path $BitgetRepoRoot '.config/dotnet-tools.json') | ConvertFrom-Json
    $PinnedTools = @($ToolManifest.tools.PSObject.Properties.Value | ForEach-Object commands)

    function Test-BitgetSetupCommand {
        <#
        .SYNOPSIS
        What is wrong with a set-up command line of the README: one line per problem, nothing when it is good. Only the
        commands a new user is told to run exist here: dotnet (build, test, run --project <path>, tool restore, pwsh),
        pwsh (installed or the pinned tool) and ./build.ps1 with -Task values it has; a pwsh -Command text parses and its
        paths exist.
        #>
        param([Parameter(Mandatory)] [string] $Line)
        $tokens = $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Line, [ref] $tokens, [ref] $errors)
        foreach ($e in $errors) { "'$Line' does not parse: $($e.Message)" }
        if ($errors) { return }
        foreach ($command in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $false)) {
            $words = @($command.CommandElements | ForEach-Object { if ($_ -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $_.Value } else { $_.Extent.Text } })
            $name = $words[0]
            $rest = @($words | Select-Object -Skip 1)
            if ($name -eq 'dotnet' -and $rest[0] -eq 'pwsh') { $name = 'pwsh'; $rest = @($rest | Select-Object -Skip 1) }
            switch -Wildcard ($name) {
                'dotnet' {
                    if (-not (Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue)) { 'dotnet is not on PATH' }
                    if ($rest[0] -notin 'build', 'test', 'run', 'tool') { "dotnet $($rest[0]): not a command the README should need" }
                    if ($rest[0] -eq 'tool' -and $rest[1] -ne 'restore') { "dotnet tool $($rest[1]): only 'dotnet tool restore' is expected" }
                    if ($rest[0] -in 'build', 'test' -and -not (Get-ChildItem -LiteralPath $BitgetRepoRoot -Filter *.sln)) { 'no solution at the root for dotnet build/test' }
                    $project = [array]::IndexOf($rest, '--project')
                    if ($project -ge 0 -and -not (Test-Path -LiteralPath (Join-Path $BitgetRepoRoot $rest[$project + 1]))) { "no project $($rest[$project + 1])" }
                }
                'pwsh' {
                    $installed = Get-Command pwsh -CommandType Application -ErrorAction SilentlyContinue
                    if (-not $installed -and $PinnedTools -notcontains 'pwsh') { 'pwsh is neither installed nor pinned in .config/dotnet-tools.json' }
                    $commandText = [array]::IndexOf($rest, '-Command')
                    if ($commandText -ge 0) {
                        $inner = $rest[$commandText + 1]
                        $innerTokens = $innerErrors = $null
                        $innerAst = [System.Management.Automation.Language.Parser]::ParseInput($inner, [ref] $innerTokens, [ref] $innerErrors)
                        foreach ($e in $innerErrors) { "-Command '$inner' does not parse: $($e.Message)" }
                        foreach ($c in $innerAst.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                            $cn = $c.GetCommandName()
                            if ($cn -eq 'Import-Module') {
                                $path = $c.CommandElements[1].Extent.Text
                                if (-not (Test-Path -LiteralPath (Join-Path $BitgetRepoRoot $path))) { "Import-Module ${path}: no such folder after dotnet build" }
                            }
                            elseif (-not (Get-Command $cn -ErrorAction SilentlyContinue)) { "-Command uses $cn, which does not exist" }
                        }
                    }
                    $script = $rest | Where-Object { $_ -like './*.ps1' } | Select-Object -First 1
                    if ($script) { Test-BitgetSetupCommand -Line (@($script) + @($rest | Where-Object { $_ -ne $script }) -join ' ') }
                }
                './*.ps1' {
                    $path = Join-Path $BitgetRepoRoot $name
                    if (-not (Test-Path -LiteralPath $path)) { "no script $name"; break }
                    $parameters = (Get-Command $path).Parameters
                    for ($i = 0; $i -lt $rest.Count; $i++) {
                        if ($rest[$i] -notlike '-*') { continue }
                        $parameter = $parameters[$rest[$i].TrimStart('-')]
                        if (-not $parameter) { "${name} has no parameter $($rest[$i])"; continue }
                        $set = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
                        if ($set -and $i + 1 -lt $rest.Count -and $rest[$i + 1] -notlike '-*' -and $set.ValidValues -notcontains $rest[$i + 1] -and $rest[$i + 1] -notlike '<*>') {
                            "$name $($rest[$i]) $($rest[$i + 1]): not one of $($set.ValidValues -join ', ')"
                        }
                    }
                }
                default { "$name is not a set-up command the README should need" }
            }
        }
    }
}

AfterAll {
    Stop-TestMockExchange -Mock $Mock
    Get-Module Bitget | Remove-Module -Force
}

Describe 'README walk-through' {

    It 'classifies every block: the set-up blocks are exactly the ones listed' {
        # Set-up (checked, not run): build and run from a shell, the pinned pwsh, install and package, the tests, the
        # Pester suite, and starting the mock by hand (the harness starts its own).
        @($Blocks | Where-Object Kind -eq 'Setup' | ForEach-Object FirstLine) | Should -Be @(
            'dotnet build'
            'dotnet tool restore'
            './build.ps1 -Task Install'
            'dotnet test'
            'pwsh ./build.ps1 -Task Pester'
            'dotnet run --project tests/Bitget.MockExchange -- --port 8765'
        )
        @($Blocks | Where-Object Kind -eq 'Usage').Count | Should -BeGreaterThan 5
    }

    It '<Name>: <FirstLine>' -ForEach @($ReadmeBlocks | Where-Object Kind -eq 'Usage') {
        $result = $ReadmeResults[$Name]
        $result | Should -Not -BeNullOrEmpty -Because 'the harness ran every usage block'
        $result.Problems | Should -BeNullOrEmpty -Because (Format-BitgetExampleResult $result)
    }

    It '<Name> (set-up, checked): <FirstLine>' -ForEach @($ReadmeBlocks | Where-Object Kind -eq 'Setup') {
        $problems = foreach ($line in $Code -split '\r?\n' | Where-Object { $_.Trim() -and $_.Trim() -notlike '#*' }) {
            Test-BitgetSetupCommand -Line $line
        }
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'The set-up check' {

    It 'reports <Problem>' -ForEach @(
        @{ Problem = 'a task build.ps1 does not have'; Line = './build.ps1 -Task Deploy'; Expected = '*-Task Deploy: not one of*' }
        @{ Problem = 'a project that does not exist'; Line = 'dotnet run --project tests/NoSuchProject -- --port 1'; Expected = 'no project tests/NoSuchProject' }
        @{ Problem = 'a -Command that does not parse'; Line = 'pwsh -NoProfile -Command "Import-Module ./out/Bitget; Receive-BitgetTicker |"'; Expected = '-Command * does not parse*' }
        @{ Problem = 'a command nobody needs'; Line = 'npm install'; Expected = 'npm is not a set-up command*' }
    ) {
        @(Test-BitgetSetupCommand -Line $Line) | Should -BeLike $Expected
    }

    It 'accepts the commands the README names' {
        Test-BitgetSetupCommand -Line 'dotnet tool restore; dotnet pwsh ./build.ps1 -Task Pester' | Should -BeNullOrEmpty
    }
}
