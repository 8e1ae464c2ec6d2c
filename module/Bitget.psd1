#
# Module manifest for the Bitget module (BitgetPS).
# ModuleVersion is filled in by the build from Directory.Build.props (out/Bitget/Bitget.psd1).
# Note for editors: the build copies this file through MSBuild, which splits text on semicolons;
# keep this file free of semicolons and percent signs.
#
@{
    RootModule           = 'Bitget.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    CompatiblePSEditions = @('Core')
    GUID                 = 'caeed96a-ab6a-4f7b-8b3a-a1c6833d8405'
    Author               = 'BitgetPS contributors'
    CompanyName          = 'BitgetPS contributors'
    Copyright            = '(c) BitgetPS contributors. All rights reserved.'
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
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('PSEdition_Core', 'Linux', 'Windows', 'MacOS', 'Bitget', 'WebSocket', 'Crypto', 'Ticker', 'Candles', 'Trades', 'MarketData', 'Streaming')
            ReleaseNotes = 'First release: Connect-BitgetStream, Get-BitgetStream, Disconnect-BitgetStream, Register-BitgetTicker, Unregister-BitgetTicker and Receive-BitgetTicker over the Bitget WebSocket API v2.'
        }
    }
}
