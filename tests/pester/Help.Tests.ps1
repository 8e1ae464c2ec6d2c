# Pester 5 tests of the cmdlet help (module/en-US/Bitget.dll-Help.xml, as Get-Help shows it from out/Bitget): its syntax
# is Get-Command's, it is what tools/Update-BitgetHelpSyntax.ps1 writes, every parameter is described, and every example
# is numbered, parses and uses only cmdlets and parameters that exist; the examples that need no network (the
# loopback mock exchange, the bundled sample) run as written.
# Same setup as Bitget.Tests.ps1: `dotnet build` first.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # The cmdlets the manifest exports, read without importing the module (discovery runs before BeforeAll).
    $CmdletCases = @((Import-PowerShellDataFile -LiteralPath $BitgetModuleManifest).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $BitgetModule = Import-BitgetTestModule
    $HelpSource = Join-Path $BitgetRepoRoot 'module/en-US/Bitget.dll-Help.xml'
    $Generator = Join-Path $BitgetRepoRoot 'tools/Update-BitgetHelpSyntax.ps1'
    $CommonParameterNames = [System.Management.Automation.Cmdlet]::CommonParameters

    function Get-HelpSyntaxLine([string] $Name) {
        # The SYNTAX section of Get-Help -Full as a user reads it (wide enough that no line wraps).
        $lines = @(((Get-Help $Name -Full | Out-String -Width 10000) -replace $AnsiPattern, '') -split '\r?\n')
        $start = [array]::IndexOf($lines, 'SYNTAX')
        if ($start -lt 0) { throw "Get-Help $Name -Full has no SYNTAX section." }
        $section = for ($i = $start + 1; $i -lt $lines.Count -and $lines[$i] -notmatch '^\S'; $i++) { $lines[$i] }
        @($section | ForEach-Object Trim | Where-Object { $_ })
    }

    function Get-CommandSyntaxLine([string] $Name) {
        @((Get-Command $Name -Syntax) -split '\r?\n' | ForEach-Object Trim | Where-Object { $_ })
    }

    function Test-BitgetExampleCode {
        <#
        .SYNOPSIS
        What is wrong with the code of a help example: parse errors, a Bitget cmdlet that does not exist, a parameter
        that the cmdlet does not have (by name or alias, written in full), or parameters that no parameter set has
        together. Returns one line per problem; nothing when the code is good.
        #>
        param([Parameter(Mandatory)] [string] $Code)
        $tokens = $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors)
        foreach ($e in $errors) { "parse error at line $($e.Extent.StartLineNumber): $($e.Message)" }
        if ($errors) { return }
        foreach ($commandAst in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $commandAst.GetCommandName()
            if (-not $name -or $name -notlike '*-Bitget*') { continue }
            $command = Get-Command -Name $name -Module Bitget -CommandType Cmdlet -ErrorAction SilentlyContinue
            if (-not $command) { "${name}: no such cmdlet in the module"; continue }
            $used = [System.Collections.Generic.List[string]]::new()
            foreach ($parameterAst in $commandAst.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                $written = $parameterAst.ParameterName
                $parameter = $command.Parameters.Values | Where-Object { $_.Name -eq $written -or $_.Aliases -contains $written } | Select-Object -First 1
                if (-not $parameter) { "${name}: no parameter -$written"; continue }
                $used.Add($parameter.Name)
            }
            $splatted = $commandAst.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.VariableExpressionAst] -and $_.Splatted }
            if ($used.Count -and -not $splatted) {
                $fits = $command.ParameterSets | Where-Object { $setNames = $_.Parameters.Name; -not ($used | Where-Object { $setNames -notcontains $_ }) }
                if (-not $fits) { "${name}: no parameter set has -$($used -join ', -') together" }
            }
        }
    }
}

AfterAll {
    Get-Module Bitget | Remove-Module -Force
}

Describe 'Help syntax' {

    It 'Get-Help <Name> -Full shows the syntax of Get-Command <Name> -Syntax' -ForEach $CmdletCases {
        Get-HelpSyntaxLine $Name | Should -Be (Get-CommandSyntaxLine $Name)
    }

    It 'the help is what tools/Update-BitgetHelpSyntax.ps1 writes (run it after changing a parameter)' {
        $regenerated = Join-Path $TestDrive 'Bitget.dll-Help.xml'
        $todo = @(& $Generator -ModuleManifest $BitgetModuleManifest -HelpPath $HelpSource -OutPath $regenerated -WarningAction SilentlyContinue)
        $todo | Should -BeNullOrEmpty
        $expected = @(Get-Content -LiteralPath $regenerated)
        $actual = @(Get-Content -LiteralPath $HelpSource)
        $first = 0
        while ($first -lt [Math]::Min($expected.Count, $actual.Count) -and $expected[$first] -ceq $actual[$first]) { $first++ }
        $because = "line $($first + 1) of module/en-US/Bitget.dll-Help.xml differs from what the script writes: '$(if ($first -lt $actual.Count) { $actual[$first].Trim() })' instead of '$(if ($first -lt $expected.Count) { $expected[$first].Trim() })'"
        $first | Should -Be $expected.Count -Because $because
        $actual.Count | Should -Be $expected.Count -Because $because
    }

    It 'the installed help of <Name> is the source in module/en-US (rebuild after changing it)' -ForEach @(@{ Name = 'Bitget.dll-Help.xml' }, @{ Name = 'about_Bitget.help.txt' }, @{ Name = 'about_Bitget_Testing.help.txt' }) {
        $installed = Join-Path $BitgetModule.ModuleBase "en-US/$Name"
        (Get-FileHash -LiteralPath $installed).Hash | Should -Be (Get-FileHash -LiteralPath (Join-Path $BitgetRepoRoot "module/en-US/$Name")).Hash
    }
}

Describe 'Help of <Name>' -ForEach $CmdletCases {

    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
    }

    It 'has a synopsis and a description' {
        $help.Synopsis.Trim() | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name*" -Because 'Get-Help shows the syntax as the synopsis when there is no MAML help'
        (@($help.description | ForEach-Object Text) -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter, -WhatIf and -Confirm included, and no other' {
        $documented = @($help.parameters.parameter | ForEach-Object name)
        $actual = @($command.Parameters.Keys | Where-Object { $CommonParameterNames -notcontains $_ })
        $documented | Sort-Object | Should -Be ($actual | Sort-Object)
        foreach ($parameter in $help.parameters.parameter) {
            (@($parameter.description | ForEach-Object Text) -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.name) needs a description"
        }
    }

    It 'numbers its examples 1 to n in order' {
        $titles = @($help.examples.example | ForEach-Object { $_.title.Trim() })
        $titles.Count | Should -BeGreaterThan 0
        $titles | Should -Be @(1..$titles.Count | ForEach-Object { "-------------------------- Example $_ --------------------------" })
    }

    It 'has examples that parse and use only cmdlets and parameters of the module' {
        $problems = foreach ($example in $help.examples.example) {
            Test-BitgetExampleCode -Code $example.code | ForEach-Object { "$($example.title.Trim('- ')): $_" }
        }
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'The example check' {

    It 'reports <Problem>' -ForEach @(
        @{ Problem = 'a made-up parameter'; Code = 'Receive-BitgetTicker BTCUSDT -NoSuchParameter 5'; Expected = 'Receive-BitgetTicker: no parameter -NoSuchParameter' }
        @{ Problem = 'a made-up cmdlet'; Code = '$x = 1; Receive-BitgetNothing -First 1'; Expected = 'Receive-BitgetNothing: no such cmdlet in the module' }
        @{ Problem = 'parameters of two sets'; Code = 'Receive-BitgetTicker BTCUSDT -Session $s -Endpoint ws://127.0.0.1:1/v2/ws/public'; Expected = 'Receive-BitgetTicker: no parameter set has -Session, -Endpoint together' }
        @{ Problem = 'a syntax error'; Code = 'Receive-BitgetTicker BTCUSDT | '; Expected = 'parse error at line 1: *' }
    ) {
        @(Test-BitgetExampleCode -Code $Code) | Should -BeLike $Expected
    }

    It 'accepts aliases, switches written with a value, splatting and other modules'' commands' {
        Test-BitgetExampleCode -Code @'
Receive-BitgetTicker -InstId BTCUSDT -First 1 | Export-Csv x.csv -UseCulture
Connect-BitgetStream -Demo:$false
$p = @{ First = 1 }; Receive-BitgetTicker BTCUSDT @p -Endpoint ws://127.0.0.1:1/v2/ws/public
'@ | Should -BeNullOrEmpty
    }
}
