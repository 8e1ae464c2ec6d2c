#Requires -Version 7.0
<#
.SYNOPSIS
Rewrites the syntax and the parameter facts of the MAML help (module/en-US/Bitget.dll-Help.xml) from the cmdlets
themselves, so that Get-Help <cmdlet> shows what Get-Command <cmdlet> -Syntax shows.

.DESCRIPTION
Run it after adding, removing or changing a cmdlet parameter (a new parameter set, Mandatory, Position, an alias,
pipeline input, SupportsShouldProcess), or after merging branches that did. It imports the built module, and for every
cmdlet the module exports:

  - replaces the <command:syntax> section: one syntax item per parameter set, in the order and with the type names of
    Get-Command <cmdlet> -Syntax, -WhatIf and -Confirm included when the cmdlet supports ShouldProcess;
  - rebuilds each entry of <command:parameters> from the cmdlet (required, position, pipeline input, aliases, type),
    keeping the text written for it (the description and the default value) and the order of the entries;
  - adds what the help lacks: an entry for a new parameter (with an empty description, to be written: the help tests
    fail until it is), the standard text of -WhatIf and -Confirm, and a whole entry for a new cmdlet (synopsis,
    description and examples to be written).

Everything else in the file (descriptions, examples, inputs, outputs, notes, links) is kept as it is. A parameter the
cmdlet no longer has is removed from the help, and help for a cmdlet the module no longer exports is reported, not
removed.

Run it in a pwsh of its own (the build cannot overwrite a Bitget.dll that a session has loaded), between two builds:
the first builds the cmdlets it reads, the second copies the rewritten help into out/Bitget:

  dotnet build src/Bitget.PowerShell
  dotnet pwsh -NoProfile -File tools/Update-BitgetHelpSyntax.ps1
  dotnet build src/Bitget.PowerShell

then write the descriptions it reports as missing, and commit module/en-US/Bitget.dll-Help.xml. The Pester tests
tests/pester/Help.Tests.ps1 fail while the help differs from what this script writes or lacks a description.

.PARAMETER ModuleManifest
The built module to read the cmdlets from. The default is out/Bitget/Bitget.psd1 of the repository.

.PARAMETER HelpPath
The MAML file to read. The default is module/en-US/Bitget.dll-Help.xml of the repository (the source of the help;
the build copies it into out/Bitget/en-US).

.PARAMETER OutPath
Where to write the result. The default is HelpPath itself.

.OUTPUTS
System.String. One line for each piece of help still to be written (also written as a warning).

.EXAMPLE
dotnet pwsh -NoProfile -File tools/Update-BitgetHelpSyntax.ps1

Rewrites module/en-US/Bitget.dll-Help.xml from out/Bitget.

.EXAMPLE
./tools/Update-BitgetHelpSyntax.ps1 -OutPath ./help-new.xml; git diff --no-index module/en-US/Bitget.dll-Help.xml help-new.xml

Shows what a rewrite would change without changing the help.
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../out/Bitget/Bitget.psd1'),
    [string] $HelpPath = (Join-Path $PSScriptRoot '../module/en-US/Bitget.dll-Help.xml'),
    [string] $OutPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    msh     = 'http://msh'
}
# Text of PowerShell's own help for the two ShouldProcess parameters.
$standardText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters

function Get-SyntaxToken {
    <#
    The parameters of one parameter set as Get-Command -Syntax shows them: its text is the reference (order and type
    names such as int, string[], BitgetSession), so the help is built from that text rather than from rules that could
    differ from PowerShell's.
    #>
    param([System.Management.Automation.CommandParameterSetInfo] $Set)
    $byName = @{}
    foreach ($p in $Set.Parameters) { $byName[$p.Name] = $p }
    foreach ($m in [regex]::Matches($Set.ToString(), '(?<![^\s\[])-(?<name>[A-Za-z0-9_]+)\]?(?: <(?<type>[^>]+)>)?')) {
        $name = $m.Groups['name'].Value
        if ($commonParameters -contains $name) { continue }
        if (-not $byName.ContainsKey($name)) {
            throw "Cannot read the syntax of parameter set '$($Set.Name)': '-$name' in '$Set' is no parameter of the set."
        }
        [pscustomobject]@{
            Parameter = $byName[$name]
            TypeText  = if ($m.Groups['type'].Success) { $m.Groups['type'].Value } else { $null }
        }
    }
}

function Get-PipelineInputText {
    param([System.Management.Automation.CommandParameterInfo[]] $Infos)
    $kinds = @()
    if ($Infos | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($Infos | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-PositionText {
    param([System.Management.Automation.CommandParameterInfo[]] $Infos)
    $positions = @($Infos | Where-Object Position -GE 0 | ForEach-Object Position | Sort-Object -Unique)
    if ($positions.Count) { [string] $positions[0] } else { 'named' }
}

function New-MamlElement {
    param([string] $Prefix, [string] $Name, [string] $Text)
    $element = $doc.CreateElement($Prefix, $Name, $ns[$Prefix])
    if ($PSBoundParameters.ContainsKey('Text')) { $element.InnerText = $Text }
    $element
}

function New-TypeElement {
    param([type] $Type)
    $devType = New-MamlElement dev type
    $null = $devType.AppendChild((New-MamlElement maml name $Type.FullName))
    $null = $devType.AppendChild((New-MamlElement maml uri))
    $devType
}

function New-ParameterElement {
    <# A <command:parameter> with the facts of the cmdlet; the caller adds description and default value. #>
    param(
        [System.Management.Automation.ParameterMetadata] $Metadata,
        [System.Management.Automation.CommandParameterInfo[]] $Infos,
        [string] $Globbing
    )
    # Required when it is mandatory in every parameter set it belongs to.
    $required = -not ($Infos | Where-Object { -not $_.IsMandatory })
    $element = New-MamlElement command parameter
    $element.SetAttribute('required', ([string] $required).ToLowerInvariant())
    $element.SetAttribute('variableLength', ([string] $Metadata.ParameterType.IsArray).ToLowerInvariant())
    $element.SetAttribute('globbing', $Globbing)
    $element.SetAttribute('pipelineInput', (Get-PipelineInputText $Infos))
    $element.SetAttribute('position', (Get-PositionText $Infos))
    $element.SetAttribute('aliases', $(if ($Metadata.Aliases.Count) { $Metadata.Aliases -join ', ' } else { 'none' }))
    $null = $element.AppendChild((New-MamlElement maml name $Metadata.Name))
    $element
}

function Get-ParameterFact {
    <# Everything the help says of one parameter across the parameter sets it belongs to. #>
    param([System.Management.Automation.CmdletInfo] $Cmdlet)
    $facts = [ordered]@{}
    foreach ($set in $Cmdlet.ParameterSets) {
        foreach ($token in Get-SyntaxToken $set) {
            $name = $token.Parameter.Name
            if (-not $facts.Contains($name)) {
                $facts[$name] = [pscustomobject]@{
                    Metadata = $Cmdlet.Parameters[$name]
                    Infos    = [System.Collections.Generic.List[System.Management.Automation.CommandParameterInfo]]::new()
                    TypeText = $token.TypeText
                }
            }
            $facts[$name].Infos.Add($token.Parameter)
        }
    }
    $facts
}

function Get-Globbing {
    param([System.Management.Automation.ParameterMetadata] $Metadata, [System.Xml.XmlElement] $Existing)
    $wildcards = [bool] ($Metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    if ($wildcards -or ($Existing -and $Existing.GetAttribute('globbing') -eq 'true')) { 'true' } else { 'false' }
}

function Update-Command {
    param([System.Management.Automation.CmdletInfo] $Cmdlet, [System.Xml.XmlElement] $Entry)
    $missing = [System.Collections.Generic.List[string]]::new()
    $facts = Get-ParameterFact $Cmdlet

    $existing = @{}
    $parameters = $Entry.SelectSingleNode('command:parameters', $nsManager)
    if (-not $parameters) {
        $parameters = New-MamlElement command parameters
        $null = $Entry.InsertAfter($parameters, $Entry.SelectSingleNode('command:syntax', $nsManager))
    }
    $order = [System.Collections.Generic.List[string]]::new()
    foreach ($old in @($parameters.SelectNodes('command:parameter', $nsManager))) {
        $name = $old.SelectSingleNode('maml:name', $nsManager).InnerText.Trim()
        if ($facts.Contains($name)) {
            $existing[$name] = $old
            $order.Add($facts[$name].Metadata.Name)
        }
        else {
            Write-Verbose "$($Cmdlet.Name): -$name is no parameter of the cmdlet any more; removed from the help."
        }
        $null = $parameters.RemoveChild($old)
    }
    foreach ($name in $facts.Keys) { if (-not $order.Contains($name)) { $order.Add($name) } }

    # The syntax: one item per parameter set, the parameters as Get-Command -Syntax lists them.
    $syntax = New-MamlElement command syntax
    foreach ($set in $Cmdlet.ParameterSets) {
        $item = New-MamlElement command syntaxItem
        $null = $item.AppendChild((New-MamlElement maml name $Cmdlet.Name))
        foreach ($token in Get-SyntaxToken $set) {
            $fact = $facts[$token.Parameter.Name]
            $element = New-ParameterElement $fact.Metadata @($token.Parameter) (Get-Globbing $fact.Metadata $existing[$fact.Metadata.Name])
            if (-not $fact.Metadata.SwitchParameter) {
                $value = New-MamlElement command parameterValue $token.TypeText
                $value.SetAttribute('required', 'true')
                $value.SetAttribute('variableLength', 'false')
                $null = $element.AppendChild($value)
            }
            $null = $element.AppendChild((New-TypeElement $fact.Metadata.ParameterType))
            $null = $item.AppendChild($element)
        }
        $null = $syntax.AppendChild($item)
    }
    $oldSyntax = $Entry.SelectSingleNode('command:syntax', $nsManager)
    $null = $Entry.ReplaceChild($syntax, $oldSyntax)

    # The parameters: the cmdlet's facts, the help's own words.
    foreach ($name in $order) {
        $fact = $facts[$name]
        $old = $existing[$name]
        $isSwitch = $fact.Metadata.SwitchParameter
        $element = New-ParameterElement $fact.Metadata $fact.Infos.ToArray() (Get-Globbing $fact.Metadata $old)
        $description = if ($old) { $old.SelectSingleNode('maml:description', $nsManager) } else { $null }
        if (-not $description -or -not $description.InnerText.Trim()) {
            $description = New-MamlElement maml description
            $text = if ($isSwitch -and $standardText.ContainsKey($name)) { $standardText[$name] } else { '' }
            $para = New-MamlElement maml para $text
            if (-not $para.InnerText) { $missing.Add("$($Cmdlet.Name): write the description of -$name.") }
            $null = $description.AppendChild($para)
        }
        $null = $element.AppendChild($description)
        $value = New-MamlElement command parameterValue $(if ($isSwitch) { 'SwitchParameter' } else { $fact.TypeText })
        $value.SetAttribute('required', ([string] (-not $isSwitch)).ToLowerInvariant())
        $value.SetAttribute('variableLength', 'false')
        $null = $element.AppendChild($value)
        $null = $element.AppendChild((New-TypeElement $fact.Metadata.ParameterType))
        $default = if ($old) { $old.SelectSingleNode('dev:defaultValue', $nsManager) } else { $null }
        $defaultText = if ($default -and $default.InnerText.Trim()) { $default.InnerText } elseif ($isSwitch) { 'False' } else { 'None' }
        $null = $element.AppendChild((New-MamlElement dev defaultValue $defaultText))
        $null = $parameters.AppendChild($element)
    }
    $missing
}

function New-CommandEntry {
    <# The skeleton of a new cmdlet's help: the texts are left empty for the author (the help tests name each). #>
    param([System.Management.Automation.CmdletInfo] $Cmdlet)
    $entry = New-MamlElement command command
    foreach ($prefix in 'maml', 'command', 'dev') { $entry.SetAttribute("xmlns:$prefix", $ns[$prefix]) }
    $details = New-MamlElement command details
    $null = $details.AppendChild((New-MamlElement command name $Cmdlet.Name))
    $null = $details.AppendChild((New-MamlElement command verb $Cmdlet.Verb))
    $null = $details.AppendChild((New-MamlElement command noun $Cmdlet.Noun))
    $synopsis = New-MamlElement maml description
    $null = $synopsis.AppendChild((New-MamlElement maml para ''))
    $null = $details.AppendChild($synopsis)
    $null = $entry.AppendChild($details)
    $description = New-MamlElement maml description
    $null = $description.AppendChild((New-MamlElement maml para ''))
    $null = $entry.AppendChild($description)
    $null = $entry.AppendChild((New-MamlElement command syntax))
    $null = $entry.AppendChild((New-MamlElement command parameters))
    $null = $entry.AppendChild((New-MamlElement command examples))
    $entry
}

$HelpPath = (Resolve-Path -LiteralPath $HelpPath).Path
if (-not $OutPath) { $OutPath = $HelpPath }
$OutPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutPath)
if (-not (Test-Path -LiteralPath $ModuleManifest)) {
    throw "The module is not built: $ModuleManifest is missing. Run 'dotnet build src/Bitget.PowerShell' first."
}
$module = Import-Module $ModuleManifest -PassThru -ErrorAction Stop

$doc = [System.Xml.XmlDocument]::new()
$doc.Load($HelpPath)
$nsManager = [System.Xml.XmlNamespaceManager]::new($doc.NameTable)
foreach ($prefix in $ns.Keys) { $nsManager.AddNamespace($prefix, $ns[$prefix]) }

$entries = @{}
foreach ($entry in $doc.SelectNodes('/msh:helpItems/command:command', $nsManager)) {
    $entries[$entry.SelectSingleNode('command:details/command:name', $nsManager).InnerText.Trim()] = $entry
}

$todo = [System.Collections.Generic.List[string]]::new()
$cmdlets = @(Get-Command -Module $module.Name -CommandType Cmdlet | Where-Object { $_.Module.ModuleBase -eq $module.ModuleBase })
foreach ($cmdlet in $cmdlets) {
    $entry = $entries[$cmdlet.Name]
    if (-not $entry) {
        $entry = $doc.DocumentElement.AppendChild((New-CommandEntry $cmdlet))
        $todo.Add("$($cmdlet.Name): new help entry; write its synopsis, description and examples.")
    }
    foreach ($line in Update-Command $cmdlet $entry) { $todo.Add($line) }
}
foreach ($name in $entries.Keys | Sort-Object) {
    if ($cmdlets.Name -notcontains $name) {
        $todo.Add("${name}: help for a cmdlet the module does not export; remove the entry if the cmdlet is gone.")
    }
}

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.NewLineChars = "`n"
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$writer = [System.Xml.XmlWriter]::Create($OutPath, $settings)
try {
    $doc.Save($writer)
}
finally {
    $writer.Dispose()
}
# The writer ends without a newline; the committed file ends with one.
[System.IO.File]::AppendAllText($OutPath, "`n")

foreach ($line in $todo) {
    Write-Warning $line
    $line
}
