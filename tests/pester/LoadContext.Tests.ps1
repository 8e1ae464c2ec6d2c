# Pester 5: the module's dependencies (Bitget.Stream and every third-party assembly) load in the module's own
# AssemblyLoadContext, so that another module's version of one of them in pwsh's default context breaks neither module;
# and the module's types are still found by name as if they were in the default context.
# Prerequisite: `dotnet build` has assembled out/Bitget, built tests/Bitget.MockExchange (the mock's command line), and built
# tests/Bitget.PowerShell.Tests, whose build copies the other versions of CsvHelper, System.Reactive and
# System.IO.Hashing (downloaded by restore, see its csproj) into its output folder's OtherVersions/.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    $BitgetModule = Import-BitgetTestModule
    $Mock = Start-TestMockExchange
    $ep = $Mock.Endpoint

    $otherVersions = Join-Path $BitgetRepoRoot "tests/Bitget.PowerShell.Tests/bin/$(Get-BitgetTestConfiguration)/net10.0/OtherVersions"
    $OtherCsvHelper = Join-Path $otherVersions 'CsvHelper/CsvHelper.dll'
    $OtherReactive = Join-Path $otherVersions 'System.Reactive/System.Reactive.dll'
    $OtherHashing = Join-Path $otherVersions 'System.IO.Hashing/System.IO.Hashing.dll'
    foreach ($dll in $OtherCsvHelper, $OtherReactive, $OtherHashing) {
        if (-not (Test-Path -LiteralPath $dll)) {
            throw "$dll is missing: build tests/Bitget.PowerShell.Tests (dotnet build) first."
        }
    }

    # Two throwaway "other modules", each of which loads its own version of an assembly Bitget also uses into the
    # default load context with Add-Type -Path, as many script modules do, and uses it through PowerShell type names.
    function New-OtherModule([string] $Name, [string] $Dll, [string] $Functions) {
        $folder = Join-Path $TestDrive "modules/$Name"
        $null = New-Item -ItemType Directory -Path $folder -Force
        Copy-Item -LiteralPath $Dll -Destination $folder
        $psm1 = Join-Path $folder "$Name.psm1"
        Set-Content -LiteralPath $psm1 -Value ("Add-Type -Path (Join-Path `$PSScriptRoot '$(Split-Path $Dll -Leaf)')`n" + $Functions)
        $psm1
    }
    $OtherCsvModule = New-OtherModule 'OtherCsv' $OtherCsvHelper @'
function Get-OtherCsvVersion { [CsvHelper.CsvWriter].Assembly.GetName().Version.ToString() }
function ConvertTo-OtherCsvLine([string[]] $Field) {
    $writer = [System.IO.StringWriter]::new()
    $csv = [CsvHelper.CsvWriter]::new($writer, [cultureinfo]::InvariantCulture, $false)
    foreach ($f in $Field) { $csv.WriteField($f) }
    $csv.Flush()
    $writer.ToString()
}
'@
    $OtherRxModule = New-OtherModule 'OtherRx' $OtherReactive @'
function Get-OtherRxVersion { [System.Reactive.Subjects.BehaviorSubject[int]].Assembly.GetName().Version.ToString() }
function Get-OtherRxValue { [System.Reactive.Subjects.BehaviorSubject[int]]::new(42).Value }
'@
    $OtherHashingModule = New-OtherModule 'OtherHashing' $OtherHashing @'
function Get-OtherHashingVersion { [System.IO.Hashing.Crc32].Assembly.GetName().Version.ToString() }
function Get-OtherCrc { '{0:X8}' -f [System.IO.Hashing.Crc32]::HashToUInt32([System.Text.Encoding]::ASCII.GetBytes('123456789')) }
'@

    # What the child pwsh runs: Bitget streams tickers and whole order books (their checksums: System.IO.Hashing) from
    # the mock exchange (Websocket.Client, System.Reactive, RecyclableMemoryStream, Logging.Abstractions) and writes a
    # CSV file (CsvHelper); the other module uses its version.
    $ChildFunctions = @'
$ErrorActionPreference = 'Stop'
function Use-Bitget([string] $Path) {
    $tickers = @(Receive-BitgetTicker BTCUSDT -First 3 -Endpoint $env:BITGET_TEST_ENDPOINT -Timeout 30)
    $tickers | Export-BitgetCsv -Path $Path
    $books = @(Receive-BitgetOrderBook BTCUSDT -Depth Full -First 3 -Endpoint $env:BITGET_TEST_ENDPOINT -Timeout 30 -WarningVariable bookWarnings)
    "Bitget: $($tickers.Count) tickers, $(@(Import-Csv -LiteralPath $Path).Count) rows, $($books.Count) books, $(@($bookWarnings).Count) warnings"
}
function Use-Others {
    "CsvHelper $(Get-OtherCsvVersion): $(ConvertTo-OtherCsvLine 'a', 'b,c')"
    "System.Reactive $(Get-OtherRxVersion): $(Get-OtherRxValue)"
    "System.IO.Hashing $(Get-OtherHashingVersion): $(Get-OtherCrc)"
}
$otherModules = $env:BITGET_TEST_OTHER_MODULES -split [System.IO.Path]::PathSeparator
'@
    $ExpectedOthers = @(
        "CsvHelper $([System.Reflection.AssemblyName]::GetAssemblyName($OtherCsvHelper).Version): a,`"b,c`""
        "System.Reactive $([System.Reflection.AssemblyName]::GetAssemblyName($OtherReactive).Version): 42"
        "System.IO.Hashing $([System.Reflection.AssemblyName]::GetAssemblyName($OtherHashing).Version): CBF43926"
    )
    $ExpectedBitget = 'Bitget: 3 tickers, 3 rows, 3 books, 0 warnings'
    # One child pwsh per order, with the three other modules at once: a pwsh costs seconds on a busy machine.
    function Invoke-Scenario([string] $Script) {
        Invoke-BitgetChildPwsh -Command ($ChildFunctions + "`n" + $Script) -Environment @{
            BITGET_TEST_MANIFEST      = $BitgetModuleManifest
            BITGET_TEST_ENDPOINT      = $ep
            BITGET_TEST_OTHER_MODULES = $OtherCsvModule, $OtherRxModule, $OtherHashingModule -join [System.IO.Path]::PathSeparator
            BITGET_TEST_FOLDER        = $TestDrive
        }
    }
}

AfterAll {
    if (Get-Module Bitget) {
        Clear-BitgetTestState -Mock $Mock
    }
    Stop-TestMockExchange -Mock $Mock
    Get-Module Bitget | Remove-Module -Force
}

Describe 'The module''s own load context' {

    AfterEach {
        Clear-BitgetTestState -Mock $Mock
    }

    It 'the other modules'' assemblies really are other versions of the module''s' {
        foreach ($dll in $OtherCsvHelper, $OtherReactive, $OtherHashing) {
            $shipped = @(Get-ChildItem -LiteralPath $BitgetModule.ModuleBase -Recurse -Filter (Split-Path $dll -Leaf))
            $shipped.Count | Should -Be 1
            $ours = [System.Reflection.AssemblyName]::GetAssemblyName($shipped[0].FullName)
            $theirs = [System.Reflection.AssemblyName]::GetAssemblyName($dll)
            $theirs.Name | Should -Be $ours.Name
            $theirs.Version | Should -Not -Be $ours.Version
        }
    }

    It 'only Bitget.dll is in the default context; Bitget.Stream and its dependencies load from deps/ into the context named Bitget' {
        $tickers = @(Receive-BitgetTicker BTCUSDT -First 3 -Endpoint $ep -Timeout 30)
        $tickers | Export-BitgetCsv -Path (Join-Path $TestDrive 'in-process.csv')
        $tickers.Count | Should -Be 3
        @(Receive-BitgetOrderBook BTCUSDT -Depth Full -First 2 -Endpoint $ep -Timeout 30).Count | Should -Be 2

        $default = [System.Runtime.Loader.AssemblyLoadContext]::Default
        $cmdlets = (Get-Command Receive-BitgetTicker).ImplementingType.Assembly
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($cmdlets) | Should -Be $default
        $cmdlets.Location | Should -Be (Join-Path $BitgetModule.ModuleBase 'Bitget.dll')
        $fromModule = @($default.Assemblies | Where-Object { $_.Location -and $_.Location.StartsWith($BitgetModule.ModuleBase) })
        $fromModule.Location | Should -Be @($cmdlets.Location)

        $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($tickers[0].GetType().Assembly)
        $context.Name | Should -Be 'Bitget'
        $loaded = @($context.Assemblies)
        foreach ($name in 'Bitget.Stream', 'Websocket.Client', 'System.Reactive', 'CsvHelper', 'System.IO.Hashing') {
            $loaded.GetName().Name | Should -Contain $name
        }
        foreach ($assembly in $loaded) {
            Split-Path $assembly.Location | Should -Be (Join-Path $BitgetModule.ModuleBase 'deps')
        }
    }

    It 'every public type of Bitget.Stream is found by its name: type literals, -as [type], catch' {
        $ticker = Receive-BitgetTicker BTCUSDT -First 1 -Endpoint $ep -Timeout 30
        $ticker -is [Bitget.Stream.Models.BitgetTicker] | Should -BeTrue
        [Bitget.Stream.Models.BitgetTicker] | Should -Be $ticker.GetType()
        $caught = try {
            throw [Bitget.Stream.Protocol.BitgetServerException]::new(30001, 'doesn''t exist', 'SPOT', 'ticker', 'NOPE', 'subscribe')
        }
        catch [Bitget.Stream.Protocol.BitgetServerException] {
            $_.Exception.Code
        }
        $caught | Should -Be 30001
        foreach ($type in $ticker.GetType().Assembly.GetExportedTypes()) {
            $type.FullName -as [type] | Should -Be $type -Because "[$($type.FullName)] names the module's type"
        }
    }

    It 'a user''s Add-Type compiles against the module''s types and runs on its objects' {
        $ticker = Receive-BitgetTicker BTCUSDT -First 1 -Endpoint $ep -Timeout 30
        $class = 'BitgetUserScript' + [guid]::NewGuid().ToString('n')
        Add-Type -ReferencedAssemblies $ticker.GetType().Assembly.Location -TypeDefinition @"
public static class $class
{
    public static string Describe(Bitget.Stream.Models.BitgetTicker ticker) => ticker.Symbol + " " + ticker.InstType;
}
"@
        ($class -as [type])::Describe($ticker) | Should -Be "$($ticker.Symbol) $($ticker.InstType)"
    }

    It 'nothing it ships has the name of an assembly of pwsh or of .NET (those come from the default context)' {
        $theirs = @(
            Get-ChildItem -LiteralPath $PSHOME -Filter *.dll
            Get-ChildItem -LiteralPath ([System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()) -Filter *.dll
        ).Name
        $shipped = @(Get-ChildItem -LiteralPath $BitgetModule.ModuleBase -Recurse -Filter *.dll)
        $shipped.Count | Should -BeGreaterThan 2
        foreach ($dll in $shipped) {
            $theirs | Should -Not -Contain $dll.Name
        }
    }

    It 'a process that has Bitget.Stream in its default context already: the cmdlets and the type names use that one copy' {
        # As an application that references Bitget.Stream and hosts PowerShell has it, or a script that loaded it first.
        $child = Invoke-BitgetChildPwsh -Environment @{ BITGET_TEST_MANIFEST = $BitgetModuleManifest; BITGET_TEST_ENDPOINT = $ep } -Command @'
$ErrorActionPreference = 'Stop'
Add-Type -Path ([System.IO.Path]::Combine((Split-Path $env:BITGET_TEST_MANIFEST), 'deps', 'Bitget.Stream.dll'))
Import-Module $env:BITGET_TEST_MANIFEST
$ticker = Receive-BitgetTicker BTCUSDT -First 1 -Endpoint $env:BITGET_TEST_ENDPOINT -Timeout 30
"is: $($ticker -is [Bitget.Stream.Models.BitgetTicker])"
"copies: $(@([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Bitget.Stream' }).Count)"
'@
        $child.ExitCode | Should -Be 0 -Because "$($child.Output) $($child.Errors)"
        @($child.Output.Trim() -split '\r?\n') | Should -Be @('is: True', 'copies: 1')
    }

    It 'modules that loaded other versions of CsvHelper, System.Reactive and System.IO.Hashing before: all work' {
        $child = Invoke-Scenario @'
Import-Module $otherModules
Use-Others
Import-Module $env:BITGET_TEST_MANIFEST
Use-Bitget (Join-Path $env:BITGET_TEST_FOLDER 'others-first.csv')
Use-Others
'@
        $child.ExitCode | Should -Be 0 -Because "$($child.Output) $($child.Errors)"
        @($child.Output.Trim() -split '\r?\n') | Should -Be @($ExpectedOthers; $ExpectedBitget; $ExpectedOthers)
    }

    It 'modules that load other versions of CsvHelper, System.Reactive and System.IO.Hashing after: all work' {
        $child = Invoke-Scenario @'
Import-Module $env:BITGET_TEST_MANIFEST
Use-Bitget (Join-Path $env:BITGET_TEST_FOLDER 'bitget-first.csv')
Import-Module $otherModules
Use-Others
Use-Bitget (Join-Path $env:BITGET_TEST_FOLDER 'bitget-again.csv')
'@
        $child.ExitCode | Should -Be 0 -Because "$($child.Output) $($child.Errors)"
        @($child.Output.Trim() -split '\r?\n') | Should -Be @($ExpectedBitget; $ExpectedOthers; $ExpectedBitget)
    }
}
