#Requires -Version 7.0
<#
.SYNOPSIS
Builds, tests and packages the Bitget PowerShell module (a thin wrapper around dotnet for pwsh users).

.DESCRIPTION
Tasks, run in the order given:
  Build    dotnet build BitgetPS.sln: compiles everything and assembles the importable module in out/Bitget:
           Bitget.psd1, Bitget.dll (the cmdlets, in pwsh's default load context), deps/ (Bitget.Stream.dll and every
           third-party assembly, loaded only into the module's own AssemblyLoadContext), format, help, samples.
  Test     dotnet test BitgetPS.sln: xUnit tests (parser, session against the mock exchange, cmdlets in-process).
  Pester   Build, then Invoke-Pester tests/pester in a child pwsh, with the Pester 5.9.1 that restore downloads
           from NuGet (the one dotnet test runs; nothing to install). Works in an installed pwsh and in the
           pinned dotnet tool: dotnet tool restore; dotnet pwsh ./build.ps1 -Task Pester
  Package  Build in Release, then zip out/Bitget to out/Bitget-<version>.zip (extract it into a module path).
  Install  Build in Release, then copy out/Bitget into your module path as Bitget/<version> (tools/Install-BitgetModule.ps1;
           -ModulePath chooses another folder), so that a new session can run Import-Module Bitget. A -ModulePath that
           is not on $env:PSModulePath gets the exact $env:PSModulePath line to add (and how to make it permanent).

Without an installed pwsh: dotnet tool restore, then dotnet pwsh ./build.ps1 ... The pinned pwsh is a local .NET tool
(its manifest is .config/dotnet-tools.json), so 'dotnet pwsh' works only inside this repository's folder.
  Clean    Removes out/ and the bin/ and obj/ folders of every project.

.EXAMPLE
./build.ps1

.EXAMPLE
./build.ps1 -Task Clean, Build, Test -Configuration Release

.EXAMPLE
./build.ps1 -Task Pester

.EXAMPLE
./build.ps1 -Task Install
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package', 'Install', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Install: the module path to install into (default: the current user's).
    [string] $ModulePath
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

function Get-PesterManifest {
    # The Pester that restore downloaded for tests/Bitget.PowerShell.Tests (a PackageDownload): the version and the
    # packages folder come from MSBuild, so this finds the same Pester that dotnet test runs, wherever NuGet keeps it.
    $project = Join-Path $RepoRoot 'tests/Bitget.PowerShell.Tests/Bitget.PowerShell.Tests.csproj'
    $json = & dotnet msbuild $project -getProperty:NuGetPackageRoot -getProperty:PesterVersion
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet msbuild could not read NuGetPackageRoot from $project (exit code $LASTEXITCODE)."
    }
    $properties = ($json | Out-String | ConvertFrom-Json).Properties
    $manifest = Join-Path $properties.NuGetPackageRoot "pester/$($properties.PesterVersion)/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "Pester $($properties.PesterVersion) is not where restore puts it ($manifest). Run 'dotnet restore' and try again."
    }
    $manifest
}

function Invoke-PesterTask {
    Invoke-BuildTask
    $pester = Get-PesterManifest

    # The tests run the mock exchange with 'dotnet run --no-build' in this configuration.
    $savedConfiguration = $env:BITGET_TEST_CONFIGURATION
    $env:BITGET_TEST_CONFIGURATION = $Configuration
    try {
        # A child pwsh keeps Bitget.dll out of this session, so the next build can overwrite it.
        $script = @'
$ErrorActionPreference = 'Stop'
Import-Module '{0}'
$config = New-PesterConfiguration
$config.Run.Path = '{1}'
$config.Run.Exit = $true
$config.Output.Verbosity = 'Detailed'
Invoke-Pester -Configuration $config
'@ -f ($pester -replace "'", "''"), ((Join-Path $RepoRoot 'tests/pester') -replace "'", "''")
        # An installed pwsh is its own process; the dotnet tool ('dotnet pwsh') runs as dotnet with pwsh.dll.
        $pwsh = [System.Environment]::ProcessPath
        $pwshArguments = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') {
            $pwshArguments += Join-Path $PSHOME 'pwsh.dll'
        }
        & $pwsh @pwshArguments -NoProfile -NonInteractive -Command $script
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

function Invoke-InstallTask {
    Invoke-BuildTask -BuildConfiguration 'Release'
    $installArguments = @{ Source = $ModuleDir }
    if ($ModulePath) { $installArguments.ModulePath = $ModulePath }
    # The install script ends with what a new session needs: the folder is on $env:PSModulePath, or the line to add.
    $null = & (Join-Path $RepoRoot 'tools/Install-BitgetModule.ps1') @installArguments
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
            'Install' { Invoke-InstallTask }
            'Clean' { Invoke-CleanTask }
        }
    }
}
finally {
    Pop-Location
}
