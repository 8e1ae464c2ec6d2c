using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Bitget.PowerShell.Sessions;

/// <summary>
/// The mock exchanges a runspace started (Start-BitgetMockExchange): owned by the runspace, as its sessions are, and
/// stopped when it closes or the module is removed, so that no listening port outlives what started it.
/// </summary>
internal sealed class RunspaceMockRegistry
{
    private static readonly ConditionalWeakTable<Runspace, RunspaceMockRegistry> s_registries = new();
    private readonly List<BitgetMockExchange> _mocks = [];

    /// <summary>The registry of the runspace running on this thread.</summary>
    public static RunspaceMockRegistry Current =>
        s_registries.GetValue(Runspace.DefaultRunspace, static runspace =>
        {
            var registry = new RunspaceMockRegistry();
            runspace.StateChanged += (_, e) =>
            {
                if (e.RunspaceStateInfo.State is RunspaceState.Closing or RunspaceState.Closed or RunspaceState.Broken)
                    registry.StopAll();
            };
            return registry;
        });

    /// <summary>The registry of the runspace on this thread, without creating one.</summary>
    public static RunspaceMockRegistry? Existing =>
        Runspace.DefaultRunspace is { } runspace && s_registries.TryGetValue(runspace, out var registry) ? registry : null;

    public BitgetMockExchange[] All
    {
        get
        {
            lock (_mocks)
                return [.. _mocks];
        }
    }

    public void Add(BitgetMockExchange mock)
    {
        lock (_mocks)
            _mocks.Add(mock);
    }

    /// <summary>Stops one mock and forgets it; false when it was not running.</summary>
    public bool Stop(BitgetMockExchange mock)
    {
        lock (_mocks)
            _mocks.Remove(mock);
        return mock.Stop();
    }

    /// <summary>Stops every mock of the runspace (runspace close, module removal). Nothing may escape to the host here.</summary>
    public void StopAll()
    {
        foreach (var mock in All)
        {
            try
            {
                Stop(mock);
            }
            catch (Exception)
            {
                // Best effort at shutdown: its listener is closed before anything that could fail.
            }
        }
    }
}
