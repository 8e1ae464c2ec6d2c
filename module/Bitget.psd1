#
# Module manifest for the Bitget module (BitgetPS).
# ModuleVersion is filled in by the build from Directory.Build.props (out/Bitget/Bitget.psd1).
# ReleaseNotes is filled in from this version's section of CHANGELOG.md. The build writes the file through MSBuild,
# escaped, so semicolons and percent signs are safe here and in the CHANGELOG.
#
@{
    RootModule           = 'Bitget.dll'
    # Imported before the root module: hooks the module's own AssemblyLoadContext (deps/) into the default one, so that
    # Bitget.Stream and its third-party assemblies never share pwsh's default context with other modules' versions.
    NestedModules        = @('Bitget.LoadContext.psm1')
    ModuleVersion        = '{{ModuleVersion}}'
    CompatiblePSEditions = @('Core')
    GUID                 = 'caeed96a-ab6a-4f7b-8b3a-a1c6833d8405'
    Author               = 'BitgetPS contributors'
    CompanyName          = 'BitgetPS contributors'
    Copyright            = '(c) 2026 BitgetPS contributors. MIT License.'
    Description          = 'Streams Bitget WebSocket API v2 market data into the PowerShell pipeline as typed objects: tickers with exact decimal prices and UTC timestamps, sessions that ping, reconnect and resubscribe by themselves, script-block actions as jobs, and bounded queues whose drops are counted and reported.'
    PowerShellVersion    = '7.6'

    FormatsToProcess     = @('Bitget.format.ps1xml')

    # Explicit lists, no wildcards: faster command discovery and nothing exported by accident.
    CmdletsToExport      = @(
        'Connect-BitgetStream'
        'Get-BitgetStream'
        'Disconnect-BitgetStream'
        'Register-BitgetTicker'
        'Unregister-BitgetTicker'
        'Receive-BitgetTicker'
        'Register-BitgetCandle'
        'Unregister-BitgetCandle'
        'Receive-BitgetCandle'
        'Register-BitgetTrade'
        'Unregister-BitgetTrade'
        'Receive-BitgetTrade'
        'Receive-BitgetMessage'
        'Export-BitgetCsv'
        'Get-BitgetTicker'
        'Register-BitgetOrderBook'
        'Unregister-BitgetOrderBook'
        'Receive-BitgetOrderBook'
        'Register-BitgetOrder'
        'Unregister-BitgetOrder'
        'Receive-BitgetOrder'
        'Register-BitgetPosition'
        'Unregister-BitgetPosition'
        'Receive-BitgetPosition'
        'Register-BitgetAccount'
        'Unregister-BitgetAccount'
        'Receive-BitgetAccount'
        'Register-BitgetFill'
        'Unregister-BitgetFill'
        'Receive-BitgetFill'
        'Register-BitgetLiquidation'
        'Unregister-BitgetLiquidation'
        'Receive-BitgetLiquidation'
        'Start-BitgetMockExchange'
        'Stop-BitgetMockExchange'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    # The help ships in en-US inside the module; this is where its source lives (no updatable-help cab is published yet).
    HelpInfoURI          = 'https://github.com/BitgetPS/BitgetPS/tree/main/module/en-US'

    PrivateData          = @{
        PSData = @{
            Tags         = @('PSEdition_Core', 'Linux', 'Windows', 'MacOS', 'Bitget', 'WebSocket', 'Crypto', 'Ticker', 'Candles', 'Trades', 'MarketData', 'Streaming')
            ProjectUri   = 'https://github.com/BitgetPS/BitgetPS'
            LicenseUri   = 'https://github.com/BitgetPS/BitgetPS/blob/main/LICENSE'
            # Filled in by the build from the section of this version in CHANGELOG.md.
            ReleaseNotes = '{{ReleaseNotes}}'
        }
    }
}
