#Requires -Version 7.0
<#
.SYNOPSIS
Copies a built Bitget module folder (out/Bitget) into a PowerShell module path, as <path>/Bitget/<version>, so that
`Import-Module Bitget` finds it.

.DESCRIPTION
build.ps1 -Task Install runs this after a Release build. Without -ModulePath the module goes to the current user's
module folder: the entry of $env:PSModulePath under the user's home (Documents\PowerShell\Modules on Windows,
~/.local/share/powershell/Modules elsewhere), created when missing. An existing copy of the same version is replaced;
other versions stay. Returns the folder it installed to.

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
    Get-Item -LiteralPath $target
}
