using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// A loopback mock exchange and a PowerShell host with the module imported, started before each test and disposed
/// after it, with an optional temporary folder; a test class chooses the mock's options.
/// </summary>
public abstract class MockedModuleTests : IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    protected MockBitgetExchange _mock = null!;
    protected ModuleHost _host = null!;
    private string? _folder;

    /// <summary>The mock's options; by default tickers every 20 ms.</summary>
    private protected virtual MockExchangeOptions MockOptions() => new() { TickerInterval = TimeSpan.FromMilliseconds(20) };

    /// <summary>A temporary folder of this test, created on first use and deleted with it.</summary>
    protected string Folder => _folder ??= Directory.CreateTempSubdirectory("bitget-ps-test-").FullName;

    public virtual async Task InitializeAsync()
    {
        _mock = await MockBitgetExchange.StartAsync(MockOptions());
        _host = new ModuleHost();
    }

    public virtual async Task DisposeAsync()
    {
        _host.Dispose();
        await _mock.DisposeAsync();
        if (_folder is not null)
            Directory.Delete(_folder, recursive: true);
    }
}
