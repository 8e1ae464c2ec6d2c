# A nested module of Bitget.psd1, imported before its root module Bitget.dll: the cmdlets' types refer to Bitget.Stream,
# which ships in deps/ and loads only into the module's own AssemblyLoadContext, so the resolver that finds it has to be
# in place before PowerShell reads those types. Loading Bitget.dll reads none of them; Import-Module then finds it loaded.
$assembly = [System.Runtime.Loader.AssemblyLoadContext]::Default.LoadFromAssemblyPath([System.IO.Path]::Combine($PSScriptRoot, 'Bitget.dll'))
$null = $assembly.GetType('Bitget.PowerShell.BitgetLoadContext', $true).GetMethod('Install').Invoke($null, $null)
Export-ModuleMember
