# Pester 5 user scenarios for the private channels, end to end against the loopback mock exchange's private endpoint
# (/v2/ws/private, test key bg_mock_test_key, see src/Bitget.MockExchange/README.md). Each It is a thing a user does
# with their keys in a .env file in their working folder: connect, watch orders and fills, react to a fill, survive a
# reconnect, and get told what is wrong when a key is. Every wait polls against a deadline.
# Prerequisite: `dotnet build`. Run: `dotnet test` (in-process), or Invoke-Pester tests/pester/Private.Tests.ps1.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $null = Import-BitgetTestModule
    $Mock = Start-TestMockExchange
    $PrivateEndpoint = $Mock.Endpoint -replace '/v2/ws/public$', '/v2/ws/private'

    # A user's folder with a .env file as python-dotenv users write it.
    $UserFolder = Join-Path ([System.IO.Path]::GetTempPath()) ("bitget-pester-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $UserFolder
    Set-Content -LiteralPath (Join-Path $UserFolder '.env') -Encoding utf8 -Value @'
# Bitget API key for the mock exchange
export BITGET_API_KEY="bg_mock_test_key"
BITGET_SECRET_KEY='mock-test-secret-0123456789abcdef'   # single quotes: taken literally
BITGET_PASSPHRASE=mockpassphrase # comment after the value
'@
    Push-Location $UserFolder
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -in 'BitgetOrderJob', 'BitgetFillJob', 'BitgetPositionJob', 'BitgetAccountJob' | Remove-Job -Force -ErrorAction SilentlyContinue
    Get-BitgetStream -ErrorAction SilentlyContinue | Disconnect-BitgetStream -ErrorAction SilentlyContinue
    Pop-Location
    Remove-Item -LiteralPath $UserFolder -Recurse -Force -ErrorAction SilentlyContinue
    Stop-TestMockExchange -Mock $Mock
    Get-Module Bitget | Remove-Module -Force
}

Describe 'Private channels with keys in a .env file' {

    AfterEach {
        Get-Job | Where-Object PSJobTypeName -in 'BitgetOrderJob', 'BitgetFillJob' | Remove-Job -Force -ErrorAction SilentlyContinue
        Get-BitgetStream -ErrorAction SilentlyContinue | Disconnect-BitgetStream -ErrorAction SilentlyContinue
    }

    It 'connects with the ./.env of the current folder and shows balances and positions' {
        $session = Connect-BitgetStream -Endpoint $PrivateEndpoint -Private
        $session.IsPrivate | Should -BeTrue
        $balance = Receive-BitgetAccount -InstType SPOT -First 1 -Timeout 10
        $balance.Coin | Should -Be 'USDT'
        $balance.Available | Should -BeOfType [decimal]
        $balance.Available | Should -Be 100000
        $position = Receive-BitgetPosition -First 1 -Timeout 10
        $position.Symbol | Should -Be 'ETHUSDT'
        $position.LiquidationPrice | Should -Be 5788.108475905242d
        (Receive-BitgetOrder -First 1 -Timeout 10 | Out-String) | Should -Match 'ETHUSDT'
    }

    It 'runs an -Action for every fill, including fills pushed while the script waits' {
        Connect-BitgetStream -Endpoint $PrivateEndpoint -Private | Out-Null
        $global:PesterFills = [System.Collections.Generic.List[object]]::new()
        $job = Register-BitgetFill -Action { $global:PesterFills.Add($_) }
        $job.PSJobTypeName | Should -Be 'BitgetFillJob'
        Wait-BitgetCondition { $global:PesterFills.Count -ge 1 } | Should -BeTrue
        $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/private?instType=USDT-FUTURES&channel=fill'
        $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/private?instType=USDT-FUTURES&channel=fill'
        Wait-BitgetCondition { $global:PesterFills.Count -ge 3 } | Should -BeTrue
        $global:PesterFills[-1].Action | Should -Be 'update'
        $global:PesterFills[-1].Price | Should -Be ([decimal] '51000.5')
    }

    It 'logs in again after the connection drops and keeps delivering orders to its -Action' {
        $session = Connect-BitgetStream -Endpoint $PrivateEndpoint -Private
        $global:PesterOrders = [System.Collections.Generic.List[object]]::new()
        $null = Register-BitgetOrder -Action { $global:PesterOrders.Add($_) }
        Wait-BitgetCondition { $global:PesterOrders.Count -ge 1 } | Should -BeTrue
        $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/drop'
        # The resubscribe after the new login brings a fresh snapshot.
        Wait-BitgetCondition { $session.ReconnectCount -ge 1 -and $global:PesterOrders.Count -ge 2 } | Should -BeTrue
        $null = Invoke-BitgetMockControl -Mock $Mock -Path '/control/private?instType=USDT-FUTURES&channel=orders'
        Wait-BitgetCondition { $global:PesterOrders.Count -ge 3 } | Should -BeTrue
        $global:PesterOrders[-1].Action | Should -Be 'update'
        $session.State | Should -Be 'Connected'
    }

    It 'says which piece is missing, before connecting, when the .env lacks one' {
        $partial = Join-Path $UserFolder 'partial.env'
        Set-Content -LiteralPath $partial -Value 'BITGET_API_KEY=bg_mock_test_key'
        $before = (Get-BitgetMockStats -Mock $Mock).totalConnections
        { Connect-BitgetStream -Endpoint $PrivateEndpoint -Private -EnvFile $partial -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*passphrase*BITGET_PASSPHRASE*'
        (Get-BitgetMockStats -Mock $Mock).totalConnections | Should -Be $before
    }

    It 'tells the user to check the secret when the exchange refuses the signature, and does not retry' {
        $wrong = [pscredential]::new('bg_mock_test_key', (ConvertTo-SecureString 'wrong-secret' -AsPlainText -Force))
        $err = $null
        try { Connect-BitgetStream -Endpoint $PrivateEndpoint -Credential $wrong -Passphrase (ConvertTo-SecureString 'mockpassphrase' -AsPlainText -Force) -ErrorAction Stop }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'BitgetLoginFailed*'
        $err.ToString() | Should -Match '30015'
        $err.ErrorDetails.RecommendedAction | Should -Match 'BITGET_SECRET_KEY'
        $err.ToString() | Should -Not -Match 'wrong-secret'
        Get-BitgetStream | Should -BeNullOrEmpty
    }

    It 'takes the key from a vault-style PSCredential and SecureString (what Get-Secret returns)' {
        # Stand-ins for: $cred = Get-Secret BitgetKey; $pass = Get-Secret BitgetPassphrase
        $cred = [pscredential]::new('bg_mock_test_key', (ConvertTo-SecureString 'mock-test-secret-0123456789abcdef' -AsPlainText -Force))
        $pass = ConvertTo-SecureString 'mockpassphrase' -AsPlainText -Force
        Connect-BitgetStream -Endpoint $PrivateEndpoint -Credential $cred -Passphrase $pass -EnvFile (Join-Path $UserFolder 'none.env') -ErrorAction SilentlyContinue -ErrorVariable e | Out-Null
        # A named .env that does not exist is an error only when a piece is still missing; here none is.
        $e | Should -BeNullOrEmpty
        (Receive-BitgetFill -First 1 -Timeout 10).TradeId | Should -Not -BeNullOrEmpty
    }
}

Describe 'Default views of the private kinds at 80 and 120 columns' {

    BeforeAll {
            $session = Connect-BitgetStream -Endpoint $PrivateEndpoint -Private -Name PrivateViews
        $Samples = @{
            Order           = @(Receive-BitgetOrder -Session $session -First 1 -Timeout 10)
            Position        = @(Receive-BitgetPosition -Session $session -First 1 -Timeout 10)
            ClosedPosition  = @(Receive-BitgetPosition -Session $session -History -First 1 -Timeout 10)
            Account         = @(Receive-BitgetAccount -Session $session -InstType SPOT -First 1 -Timeout 10)
            Fill            = @(Receive-BitgetFill -Session $session -First 1 -Timeout 10)
        }
    }

    AfterAll {
        Get-BitgetStream -ErrorAction SilentlyContinue | Disconnect-BitgetStream -ErrorAction SilentlyContinue
    }

    It 'the <Kind> table fits <Width> columns with one header line' -ForEach @(
        foreach ($kind in 'Order', 'Position', 'ClosedPosition', 'Account', 'Fill') {
            foreach ($width in 80, 120) { @{ Kind = $kind; Width = $width } }
        }
    ) {
        Assert-BitgetTableFits -Objects $Samples[$Kind] -Width $Width
    }

    It 'the <Kind> time column says UTC and shows the time, with the date when not of today, at 80 columns' -ForEach @(
        @{ Kind = 'Order'; Property = 'UpdatedAt' }
        @{ Kind = 'Position'; Property = 'UpdatedAt' }
        @{ Kind = 'Fill'; Property = 'CreatedAt' }
    ) {
        $text = ($Samples[$Kind] | Out-String -Width 80) -replace $AnsiPattern, ''
        $text | Should -Match 'Time \(UTC\)'
        $Samples[$Kind][0].$Property | Should -Not -BeNullOrEmpty
        # Today's events show the time to the millisecond; older ones the date too (the mock's come from real pushes).
        $t = $Samples[$Kind][0].$Property.UtcDateTime
        $now = [datetime]::UtcNow
        $shown = if ($t.Date -eq $now.Date) { $t.ToString('HH:mm:ss.fff') } elseif ($t.Year -eq $now.Year) { $t.ToString('MM-dd HH:mm:ss') } else { $t.ToString('yyyy-MM-dd') }
        $text | Should -Match ([regex]::Escape($shown))
    }

    It 'a closed position shows its realised profit where an open one shows the unrealised' {
        $closed = $Samples.ClosedPosition[0]
        $closed.IsHistory | Should -BeTrue
        $text = ($Samples.ClosedPosition | Out-String -Width 80) -replace $AnsiPattern, ''
        # Shown without trailing zeros; the exact value stays in the property.
        $text | Should -Match ([regex]::Escape($closed.AchievedProfits.ToString('0.############################')))
    }
}
