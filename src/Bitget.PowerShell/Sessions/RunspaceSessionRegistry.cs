using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.PowerShell.Sessions;

/// <summary>
/// The sessions of one runspace and its default session. Kept per runspace (not in a global variable), so
/// that ForEach-Object -Parallel and thread jobs each have their own, and closed with the runspace.
/// </summary>
internal sealed class RunspaceSessionRegistry
{
    private static readonly ConditionalWeakTable<Runspace, RunspaceSessionRegistry> s_registries = new();
    // Symbols the runspace's commands named, newest last, for -Symbol completion; bounded, the oldest forgotten first.
    private const int MaxSeenSymbols = 256;
    private readonly List<BitgetSession> _sessions = [];
    private readonly LinkedList<BitgetTopic> _seen = new();
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
    public BitgetSession? Add(BitgetStreamSession stream, string? name, int bufferSize = BitgetSession.DefaultBufferSize,
        int bufferLimit = BitgetSession.DefaultBufferLimit)
    {
        lock (_sessions)
        {
            var id = ++_nextId;
            name ??= NextFreeName(id);
            if (_sessions.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
                return null;
            var session = new BitgetSession(id, name, stream, this, bufferSize, bufferLimit);
            _sessions.Add(session);
            Default = session;
            return session;
        }
    }

    /// <summary>Remembers the topics a command named (for completion), most recent first.</summary>
    public void RememberSymbols(IEnumerable<BitgetTopic> topics)
    {
        lock (_seen)
        {
            foreach (var topic in topics)
            {
                _seen.Remove(topic);
                _seen.AddFirst(topic);
                if (_seen.Count > MaxSeenSymbols)
                    _seen.RemoveLast();
            }
        }
    }

    /// <summary>The symbols commands of this runspace named, most recent first; of one product type unless null.</summary>
    public string[] SeenSymbols(string? instType)
    {
        lock (_seen)
            return [.. _seen.Where(t => instType is null || t.InstType == instType).Select(t => t.InstId).Distinct()];
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
            CloseTogether(s_registries.SelectMany(pair => pair.Value.All).ToArray(), bound);
        }
        catch (Exception)
        {
            // Best effort at exit.
        }
    }

    /// <summary>
    /// Closes every session (module removal, runspace close), all together: the runspace waits about as long as its
    /// slowest session's close (at most <see cref="BitgetSession.CloseBound"/>), not the sum of them.
    /// </summary>
    public void CloseAll() => CloseTogether(All, BitgetSession.CloseBound);

    // Starts every session's close, then waits for them together within the bound. Closing is best effort at shutdown:
    // nothing may escape to the host here.
    private static void CloseTogether(BitgetSession[] sessions, TimeSpan bound)
    {
        var closing = new List<Task>(sessions.Length);
        foreach (var session in sessions)
        {
            try
            {
                closing.Add(session.BeginClose());
            }
            catch (Exception)
            {
                // A job that failed to stop does not keep the other sessions open.
            }
        }
        try
        {
            Task.WaitAll([.. closing], bound);
        }
        catch (Exception)
        {
            // A close that failed has dropped its sockets anyway.
        }
    }
}
