#Requires -Version 7.0
<#
.SYNOPSIS
Copies a built Bitget module folder (out/Bitget) into a PowerShell module path, as <path>/Bitget/<version>, so that
`Import-Module Bitget` finds it.

.DESCRIPTION
build.ps1 -Task Install runs this after a Release build. Without -ModulePath the module goes to the current user's
module folder: the entry of $env:PSModulePath under the user's home (Documents\PowerShell\Modules on Windows,
~/.local/share/powershell/Modules elsewhere), created when missing. An existing copy of the same version is replaced;
other versions stay. Returns the folder it installed to, and says whether Import-Module Bitget will find it in a new
session: when the module path is not on $env:PSModulePath it prints the exact line to add (and how to make it
permanent).

.EXAMPLE
./tools/Install-BitgetModule.ps1 -Source ./out/Bitget
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # The assembled module folder (holds Bitget.psd1).
    [string] $Source = (Join-Path $PSScriptRoot '../out/Bitget'),

    # The module path to install into; default: the current user's.
    [string] $ModulePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$manifestPath = Join-Path $Source 'Bitget.psd1'
if (-not (Test-Path -LiteralPath $manifestPath)) {
    throw "No built module at $Source (Bitget.psd1 is missing). Build first: ./build.ps1 -Configuration Release"
}
$version = (Import-PowerShellDataFile -LiteralPath $manifestPath).ModuleVersion
if ($version -notmatch '^\d+(\.\d+){1,3}$') {
    throw "$manifestPath has no usable ModuleVersion ('$version')."
}

if (-not $ModulePath) {
    $userRoot = if ($IsWindows) { [Environment]::GetFolderPath('MyDocuments') } else { [Environment]::GetFolderPath('UserProfile') }
    $ModulePath = @($env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ -and $_.StartsWith($userRoot, [StringComparison]::OrdinalIgnoreCase) })[0]
    if (-not $ModulePath) {
        $ModulePath = if ($IsWindows) { Join-Path $userRoot 'PowerShell/Modules' } else { Join-Path $userRoot '.local/share/powershell/Modules' }
    }
}

# Import-Module Bitget finds the module in a new session only when its folder is on $env:PSModulePath: say so, or say
# exactly what to add (paths compared whole, case-insensitively on Windows as its file system does).
function Get-InstallMessage([string] $Target, [string] $ModulePath) {
    $full = [IO.Path]::TrimEndingDirectorySeparator([IO.Path]::GetFullPath($ModulePath))
    $comparison = if ($IsWindows) { [StringComparison]::OrdinalIgnoreCase } else { [StringComparison]::Ordinal }
    $onPath = @($env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ } | Where-Object {
            [string]::Equals([IO.Path]::TrimEndingDirectorySeparator([IO.Path]::GetFullPath($_)), $full, $comparison)
        }).Count -gt 0
    if ($onPath) {
        return "Installed in ${Target}: Import-Module Bitget works in a new session."
    }
    $quoted = "'" + ($full -replace "'", "''") + "'"
    $line = "`$env:PSModulePath = $quoted + [IO.Path]::PathSeparator + `$env:PSModulePath"
    @(
        "Installed in $Target, but $full is not on `$env:PSModulePath: Import-Module Bitget will not find it in a new session."
        "For this session run:"
        "    $line"
        "To make it permanent, add that line to your profile (notepad `$PROFILE, or code `$PROFILE); or import it by path: Import-Module '$(Join-Path $Target 'Bitget.psd1')'."
    ) -join [Environment]::NewLine
}

$target = Join-Path $ModulePath "Bitget/$version"
if ($PSCmdlet.ShouldProcess($target, "Install Bitget $version")) {
    if (Test-Path -LiteralPath $target) {
        # A loaded Bitget.dll cannot be overwritten on Windows: say so rather than leave a half-copied folder.
        if (Get-Module Bitget | Where-Object { $_.ModuleBase -eq (Resolve-Path -LiteralPath $target).Path }) {
            throw "Bitget $version is loaded from $target in this session; run Remove-Module Bitget (or start a new session) and install again."
        }
        Remove-Item -LiteralPath $target -Recurse -Force
    }
    $null = New-Item -ItemType Directory -Path $target -Force
    Copy-Item -Path (Join-Path $Source '*') -Destination $target -Recurse -Force
    Write-Verbose "Installed Bitget $version in $target."
    Write-Host (Get-InstallMessage -Target $target -ModulePath $ModulePath) -ForegroundColor Green
    Get-Item -LiteralPath $target
}
