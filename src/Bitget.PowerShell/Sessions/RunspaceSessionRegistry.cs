using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using Bitget.Stream.Session;

namespace Bitget.PowerShell.Sessions;

/// <summary>
/// The sessions of one runspace and its default session. Kept per runspace (not in a global variable), so
/// that ForEach-Object -Parallel and thread jobs each have their own, and closed with the runspace.
/// </summary>
internal sealed class RunspaceSessionRegistry
{
    private static readonly ConditionalWeakTable<Runspace, RunspaceSessionRegistry> s_registries = new();
    private readonly List<BitgetSession> _sessions = [];
    private int _nextId;

    static RunspaceSessionRegistry() => AppDomain.CurrentDomain.ProcessExit += (_, _) => CloseEverywhere(TimeSpan.FromSeconds(2));

    /// <summary>The registry of the runspace running on this thread.</summary>
    public static RunspaceSessionRegistry Current =>
        s_registries.GetValue(Runspace.DefaultRunspace, static runspace =>
        {
            var registry = new RunspaceSessionRegistry();
            runspace.StateChanged += (_, e) =>
            {
                if (e.RunspaceStateInfo.State is RunspaceState.Closing or RunspaceState.Closed or RunspaceState.Broken)
                    registry.CloseAll();
            };
            return registry;
        });

    /// <summary>The registry of the runspace on this thread, without creating one.</summary>
    public static RunspaceSessionRegistry? Existing =>
        Runspace.DefaultRunspace is { } runspace && s_registries.TryGetValue(runspace, out var registry) ? registry : null;

    public BitgetSession? Default { get; private set; }

    public BitgetSession[] All
    {
        get
        {
            lock (_sessions)
                return [.. _sessions];
        }
    }

    /// <summary>Names a new session and makes it the default. Null when <paramref name="name"/> is taken.</summary>
    public BitgetSession? Add(BitgetStreamSession stream, string? name, int bufferSize = BitgetSession.DefaultBufferSize)
    {
        lock (_sessions)
        {
            var id = ++_nextId;
            name ??= NextFreeName(id);
            if (_sessions.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
                return null;
            var session = new BitgetSession(id, name, stream, this, bufferSize);
            _sessions.Add(session);
            Default = session;
            return session;
        }
    }

    public bool IsNameTaken(string name)
    {
        lock (_sessions)
            return _sessions.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private string NextFreeName(int id)
    {
        var candidate = $"Bitget{id}";
        while (_sessions.Any(s => string.Equals(s.Name, candidate, StringComparison.OrdinalIgnoreCase)))
            candidate = $"Bitget{++_nextId}";
        return candidate;
    }

    public void Remove(BitgetSession session)
    {
        lock (_sessions)
        {
            _sessions.Remove(session);
            if (ReferenceEquals(Default, session))
                Default = null;
        }
    }

    // Process exit (pwsh -Command ending, exit in a script): close frames go out in parallel, within a bound, so that
    // the exchange sees a clean close and the exit is not held up. Nothing may throw here.
    private static void CloseEverywhere(TimeSpan bound)
    {
        try
        {
            var sessions = s_registries.SelectMany(pair => pair.Value.All).ToArray();
            var closing = sessions.Select(session => Task.Run(() =>
            {
                try
                {
                    session.Close();
                }
                catch (Exception)
                {
                    // Best effort at exit.
                }
            })).ToArray();
            Task.WaitAll(closing, bound);
        }
        catch (Exception)
        {
            // Best effort at exit.
        }
    }

    /// <summary>Closes every session (module removal, runspace close).</summary>
    public void CloseAll()
    {
        foreach (var session in All)
        {
            try
            {
                session.Close();
            }
            catch (Exception)
            {
                // Closing is best effort at shutdown; nothing may escape to the host here.
            }
        }
    }
}
