using System.Management.Automation;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;
using Bitget.PowerShell.Sessions;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// What every Bitget cmdlet shares: cancellation on Ctrl+C, the runspace's sessions, argument normalisation
/// into warnings and errors, and turning session notices into PowerShell records on the pipeline thread.
/// </summary>
public abstract class BitgetCmdlet : PSCmdlet, IDisposable
{
    private int _disposed;

    /// <summary>Cancelled by Ctrl+C (StopProcessing) and on disposal.</summary>
    private protected CancellationTokenSource Cancellation { get; } = new();

    private protected static RunspaceSessionRegistry Sessions => RunspaceSessionRegistry.Current;

    /// <inheritdoc />
    protected override void StopProcessing() => Cancellation.Cancel();

    /// <summary>
    /// The API the command's topics are for: the session's it streams from (given, default or its own); Classic unless
    /// a command knows better.
    /// </summary>
    private protected virtual BitgetApi TargetApi => BitgetApi.Classic;

    /// <summary>
    /// The API of a session a command opens for itself: an endpoint's path decides (<c>/v3/ws/…</c> is Unified), else
    /// <paramref name="choice"/> (<c>Auto</c> is Classic for a public session, the seed's v2).
    /// </summary>
    private protected BitgetApi ApiForOwnSession(string? choice, Uri? endpoint, BitgetApi auto = BitgetApi.Classic)
    {
        var fromPath = endpoint is null ? null : WireDialect.ApiOfEndpoint(endpoint);
        var chosen = ApiChoice.Parse(choice);
        if (fromPath is { } path && chosen is { } explicitApi && path != explicitApi)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                    $"-Api {explicitApi} does not match the endpoint {endpoint}, whose path is the {path} API's. Omit -Api, or use a {explicitApi} endpoint."),
                "BitgetApiMismatch", ErrorCategory.InvalidArgument, endpoint));
        return fromPath ?? chosen ?? auto;
    }

    /// <summary>Normalises topics of one channel; warnings are written, a bad value ends the command before anything connects.</summary>
    /// <param name="channel">The channel, e.g. ticker or candle1m.</param>
    /// <param name="symbols">Symbols as typed or piped.</param>
    /// <param name="instType">The instType given with them (the same input object's, when piped).</param>
    /// <param name="warned">Warnings already written by this command, so that piped input repeats none; null writes all.</param>
    private protected IReadOnlyList<BitgetTopic> NormalizeTopics(string channel, IEnumerable<string> symbols, string? instType, ISet<string>? warned = null)
    {
        var warnings = new List<string>();
        var notes = new List<string>();
        IReadOnlyList<BitgetTopic> topics;
        try
        {
            topics = TopicNormalizer.Normalize(channel, symbols, instType, warnings, TargetApi, notes);
        }
        catch (BitgetArgumentException ex)
        {
            ThrowTerminatingError(BitgetErrorRecords.InvalidArgument(ex));
            throw; // not reached
        }
        foreach (var warning in warnings)
        {
            if (warned?.Add(warning) ?? true)
                WriteWarning(warning);
        }
        foreach (var note in notes)
        {
            if (warned?.Add(note) ?? true)
                WriteVerbose(note);
        }
        Sessions.RememberSymbols(topics);
        return topics;
    }

    /// <summary>Topics in a message: "ticker BTCUSDT, ETHUSDT (USDT-FUTURES)".</summary>
    internal static string Describe(IEnumerable<BitgetTopic> topics) =>
        string.Join("; ", topics.GroupBy(t => (t.Channel, t.InstType))
            .Select(g => $"{g.Key.Channel} {string.Join(", ", g.Select(t => t.InstId))} ({g.Key.InstType})"));

    /// <summary>Maps a candle interval as typed (1m, 1h, 1D, 1Wutc, …) to Bitget's name; a bad one ends the command.</summary>
    private protected string NormalizeInterval(string interval)
    {
        try
        {
            return CandleIntervals.Normalize(interval, TargetApi);
        }
        catch (BitgetArgumentException ex)
        {
            ThrowTerminatingError(BitgetErrorRecords.InvalidArgument(ex));
            throw; // not reached
        }
    }

    /// <summary>Reads an order book depth for the command's API; one the API lacks (books15 on Unified) ends the command.</summary>
    private protected OrderBookDepth ParseDepth(string depth)
    {
        try
        {
            return OrderBookDepth.Parse(depth, TargetApi);
        }
        catch (BitgetArgumentException ex)
        {
            ThrowTerminatingError(BitgetErrorRecords.InvalidArgument(ex));
            throw; // not reached
        }
    }

    /// <summary>Normalises an instType on its own (a filter without symbols).</summary>
    private protected string NormalizeInstType(string instType)
    {
        string v2;
        string? warning;
        try
        {
            v2 = BitgetInstTypes.Normalize(instType, out warning);
        }
        catch (BitgetArgumentException ex)
        {
            ThrowTerminatingError(BitgetErrorRecords.InvalidArgument(ex));
            throw; // not reached
        }
        if (warning is not null)
            WriteWarning(warning);
        return v2;
    }

    /// <summary>Creates a session; options the core refuses (an http:// endpoint, a value out of range) end the command.</summary>
    private protected BitgetStreamSession CreateStream(BitgetSessionOptions options)
    {
        try
        {
            return new BitgetStreamSession(options);
        }
        catch (BitgetArgumentException ex)
        {
            ThrowTerminatingError(BitgetErrorRecords.InvalidArgument(ex));
            throw; // not reached
        }
    }

    /// <summary>The session to use: the one given, else the default one; null when there is none.</summary>
    private protected static BitgetSession? ResolveSession(BitgetSession? given) => given ?? Sessions.Default;

    /// <summary>Ends the command when the session can no longer be used.</summary>
    private protected void EnsureUsable(BitgetSession session)
    {
        if (session.State is BitgetSessionState.Closed or BitgetSessionState.Failed)
            ThrowTerminatingError(BitgetErrorRecords.SessionClosed(session));
    }

    /// <summary>Writes a session notice as verbose, warning or error output.</summary>
    private protected void WriteNotice(BitgetNotice notice)
    {
        switch (notice.Kind)
        {
            case BitgetNoticeKind.Verbose:
                WriteVerbose(notice.Message);
                break;
            case BitgetNoticeKind.Warning:
                WriteWarning(notice.Message);
                break;
            case BitgetNoticeKind.Error:
                WriteError(BitgetErrorRecords.FromNotice(notice));
                break;
            case BitgetNoticeKind.SessionEnded when notice.Exception is not null:
                WriteError(BitgetErrorRecords.FromNotice(notice));
                break;
            case BitgetNoticeKind.SessionEnded:
                WriteVerbose(notice.Message);
                break;
        }
    }

    /// <summary>
    /// Connects a new session on the pipeline thread. A failure disposes it and becomes a terminating error;
    /// false means the user stopped the command (Ctrl+C) and the session was disposed.
    /// </summary>
    private protected bool Connect(BitgetStreamSession stream)
    {
        WriteVerbose($"Connecting to {stream.Endpoint}.");
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            Wait(stream.ConnectAsync());
            WriteVerbose($"Connected to {stream.Endpoint} in {started.Elapsed.TotalSeconds:0.00} s.");
            return true;
        }
        catch (BitgetConnectException ex)
        {
            stream.Dispose();
            ThrowTerminatingError(BitgetErrorRecords.ConnectFailed(ex));
        }
        catch (InvalidOperationException ex) when (ex.InnerException is BitgetSessionFatalException fatal)
        {
            // The exchange refused the login: retrying cannot help.
            stream.Dispose();
            ThrowTerminatingError(BitgetErrorRecords.LoginRefused(fatal, stream.Endpoint));
        }
        catch (BitgetConnectionLimitException ex)
        {
            // Nothing was opened: the process already holds what Bitget allows.
            stream.Dispose();
            ThrowTerminatingError(BitgetErrorRecords.ConnectionLimit(ex));
        }
        catch (OperationCanceledException)
        {
            stream.Dispose();
        }
        return false;
    }

    /// <summary>Waits for a task on the pipeline thread; Ctrl+C cancels the wait.</summary>
    private protected void Wait(Task task) => task.WaitAsync(Cancellation.Token).GetAwaiter().GetResult();

    /// <summary>Releases what the command holds; called for every way a command ends, including Select-Object -First.</summary>
    protected virtual void ReleaseResources()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Cancellation.Cancel();
        ReleaseResources();
        GC.SuppressFinalize(this);
    }
}
