#Requires -Version 7.0
<#
.SYNOPSIS
Builds, tests and packages the Bitget PowerShell module (a thin wrapper around dotnet for pwsh users).

.DESCRIPTION
Tasks, run in the order given:
  Build    dotnet build BitgetPS.sln: compiles everything and assembles the importable module in out/Bitget.
  Test     dotnet test BitgetPS.sln: xUnit tests (parser, session against the mock exchange, cmdlets in-process).
  Pester   Build, then Invoke-Pester tests/pester (needs Pester 5 installed; this script installs nothing).
  Package  Build in Release, then zip out/Bitget to out/Bitget-<version>.zip.
  Clean    Removes out/ and the bin/ and obj/ folders of every project.

.EXAMPLE
./build.ps1

.EXAMPLE
./build.ps1 -Task Clean, Build, Test -Configuration Release

.EXAMPLE
./build.ps1 -Task Pester
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$RepoRoot = $PSScriptRoot
$Solution = Join-Path $RepoRoot 'BitgetPS.sln'
$OutDir = Join-Path $RepoRoot 'out'
$ModuleDir = Join-Path $OutDir 'Bitget'

function Invoke-Dotnet {
    param([Parameter(Mandatory)] [string[]] $Arguments)
    Write-Host "> dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

function Invoke-BuildTask {
    param([string] $BuildConfiguration = $Configuration)
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        throw 'The .NET SDK (dotnet) is not on PATH. Install the .NET 10 SDK: https://dot.net'
    }
    Invoke-Dotnet -Arguments @('build', $Solution, '-c', $BuildConfiguration)
    $manifest = Join-Path $ModuleDir 'Bitget.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "The build did not assemble the module: $manifest is missing."
    }
    Write-Host "Module ready in $ModuleDir" -ForegroundColor Green
}

function Invoke-TestTask {
    Invoke-Dotnet -Arguments @('test', $Solution, '-c', $Configuration)
}

function Invoke-PesterTask {
    $pester = Get-Module -ListAvailable -Name Pester |
        Where-Object { $_.Version -ge [version] '5.0.0' } |
        Sort-Object Version -Descending |
        Select-Object -First 1
    if (-not $pester) {
        $found = @(Get-Module -ListAvailable -Name Pester | ForEach-Object { $_.Version.ToString() })
        $foundText = if ($found.Count -gt 0) { $found -join ', ' } else { 'none' }
        throw ("Pester 5 or later is not installed (found: $foundText). This script installs nothing; install it with " +
            "'Install-PSResource Pester' or 'Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser', then run again.")
    }

    Invoke-BuildTask

    # The tests run the mock exchange with 'dotnet run --no-build' in this configuration.
    $savedConfiguration = $env:BITGET_TEST_CONFIGURATION
    $env:BITGET_TEST_CONFIGURATION = $Configuration
    try {
        # A child pwsh keeps Bitget.dll out of this session, so the next build can overwrite it.
        $script = @'
$ErrorActionPreference = 'Stop'
Import-Module Pester -RequiredVersion '{0}'
$config = New-PesterConfiguration
$config.Run.Path = '{1}'
$config.Run.Exit = $true
$config.Output.Verbosity = 'Detailed'
Invoke-Pester -Configuration $config
'@ -f $pester.Version, ((Join-Path $RepoRoot 'tests/pester') -replace "'", "''")
        $pwsh = [System.Environment]::ProcessPath
        & $pwsh -NoProfile -NonInteractive -Command $script
        if ($LASTEXITCODE -ne 0) {
            throw "Pester reported $LASTEXITCODE failed test(s) or an error (exit code $LASTEXITCODE)."
        }
    }
    finally {
        $env:BITGET_TEST_CONFIGURATION = $savedConfiguration
    }
}

function Invoke-PackageTask {
    Invoke-BuildTask -BuildConfiguration 'Release'
    $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $ModuleDir 'Bitget.psd1')
    $version = $manifest.ModuleVersion
    if ($version -notmatch '^\d+(\.\d+){1,3}$') {
        throw "out/Bitget/Bitget.psd1 has no usable ModuleVersion ('$version')."
    }
    $zip = Join-Path $OutDir "Bitget-$version.zip"
    if (Test-Path -LiteralPath $zip) {
        Remove-Item -LiteralPath $zip -Force
    }
    # The archive holds the Bitget folder itself, so that it can be extracted into a PSModulePath folder.
    Compress-Archive -LiteralPath $ModuleDir -DestinationPath $zip
    Write-Host "Package: $zip" -ForegroundColor Green
}

function Invoke-CleanTask {
    if (Test-Path -LiteralPath $OutDir) {
        Write-Host "Removing $OutDir"
        Remove-Item -LiteralPath $OutDir -Recurse -Force
    }
    foreach ($root in 'src', 'tests', 'bench') {
        $path = Join-Path $RepoRoot $root
        if (-not (Test-Path -LiteralPath $path)) { continue }
        # Collect first, parents before children, so that nothing is enumerated after it was removed.
        $folders = @(Get-ChildItem -LiteralPath $path -Directory -Recurse -Include 'bin', 'obj' |
                Sort-Object { $_.FullName.Length })
        foreach ($folder in $folders) {
            if (Test-Path -LiteralPath $folder.FullName) {
                Write-Host "Removing $($folder.FullName)"
                Remove-Item -LiteralPath $folder.FullName -Recurse -Force
            }
        }
    }
}

Push-Location $RepoRoot
try {
    foreach ($t in $Task) {
        Write-Host "=== $t ($Configuration) ===" -ForegroundColor Yellow
        switch ($t) {
            'Build' { Invoke-BuildTask }
            'Test' { Invoke-TestTask }
            'Pester' { Invoke-PesterTask }
            'Package' { Invoke-PackageTask }
            'Clean' { Invoke-CleanTask }
        }
    }
}
finally {
    Pop-Location
}
