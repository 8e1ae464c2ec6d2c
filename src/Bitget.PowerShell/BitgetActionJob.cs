using System.ComponentModel;
using System.Management.Automation;
using Bitget.Stream.Collections;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.PowerShell;

/// <summary>
/// The job returned by <c>Register-Bitget&lt;Kind&gt; -Action</c>, for items of type <typeparamref name="T"/>. The action
/// runs for every item in the runspace that registered it (so it sees that script's variables and functions), whenever
/// the runspace processes events: between statements of a running script, or at the idle prompt. Items wait in a
/// bounded queue; what a slow action cannot keep up with is dropped oldest-first and counted in
/// <see cref="DroppedItems"/>. Output, errors, warnings, verbose, debug and information records of the action go to the
/// job's streams (Receive-Job); Write-Host goes to the host. Stop-Job stops it.
/// </summary>
/// <typeparam name="T">The item type, e.g. <c>BitgetTicker</c>.</typeparam>
/// <remarks>
/// The job keeps the last 10,000 records of each stream in rings (O(1) per record, oldest overwritten and counted in
/// <see cref="DroppedOutput"/>) and moves them into <see cref="Job.Output"/>, <see cref="Job.Error"/>, … when those are
/// read (PowerShell's delayed loading of job streams), so unread output never grows a list that is trimmed from the front.
/// </remarks>
public class BitgetActionJob<T> : Job, IActionJob where T : class
{
    private const int QueueCapacity = 10_000;
    private const int MaxBatch = 1_000;
    private const int MaxKeptRecords = 10_000;

    private readonly BitgetSession _session;
    private readonly ScriptBlock _action;
    private readonly PSEventManager _events;
    private readonly BitgetFeed<T> _feed;
    private readonly Func<T, bool>? _filter;
    private readonly string _sourceIdentifier;
    private readonly PSObject _self;
    // The runspace that registers the job: it is constructed on that runspace's thread.
    private readonly System.Management.Automation.Runspaces.Runspace _runspace = System.Management.Automation.Runspaces.Runspace.DefaultRunspace;
    private PSEventSubscriber? _subscriber;
    private int _signalled;
    // Runspace thread only: InvokePending is running (an event action), and the unsubscribe left to the queued event.
    private bool _inAction;
    private bool _unsubscribeDue;
    private long _invocations;
    private long _droppedOutput;
    // Records not yet handed to the job's PowerShell streams; guarded by _streams.
    private readonly Lock _streams = new();
    private readonly BoundedRing<PSObject> _pendingOutput = new(MaxKeptRecords);
    private readonly BoundedRing<ErrorRecord> _pendingErrors = new(MaxKeptRecords);
    private readonly BoundedRing<WarningRecord> _pendingWarnings = new(MaxKeptRecords);
    private readonly BoundedRing<VerboseRecord> _pendingVerbose = new(MaxKeptRecords);
    private readonly BoundedRing<DebugRecord> _pendingDebug = new(MaxKeptRecords);
    private readonly BoundedRing<InformationRecord> _pendingInformation = new(MaxKeptRecords);
    private ScriptBlock? _runner;
    private int _finished;
    private readonly Timer _heldTimer;
    // The job's topics as INSTTYPE/channel/instId, and those the server refused: when all are, nothing will ever come.
    private readonly HashSet<string> _topics;
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private string? _failureReason;

    /// <summary>Opens the job's feed; Start starts the action.</summary>
    /// <param name="session">The session the items come from.</param>
    /// <param name="topics">The topics the action runs for.</param>
    /// <param name="action">The script block, run with $_ set to each item.</param>
    /// <param name="events">The registering runspace's event manager.</param>
    /// <param name="command">The command line, the job's Command.</param>
    /// <param name="jobTypeName">PSJobTypeName, e.g. BitgetTickerJob.</param>
    /// <param name="filter">Which items run the action (others are skipped); null for all.</param>
    private protected BitgetActionJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action, PSEventManager events,
        string command, string jobTypeName, Func<T, bool>? filter = null)
        : base(command, null)
    {
        PSJobTypeName = jobTypeName;
        _filter = filter;
        _session = session;
        _action = action;
        _events = events;
        Symbols = topics.Select(t => t.InstId).ToArray();
        InstType = string.Join(",", topics.Select(t => t.InstType).Distinct());
        _topics = topics.Select(t => t.ToString()).ToHashSet(StringComparer.Ordinal);
        _sourceIdentifier = $"Bitget.{jobTypeName}.{InstanceId}";
        _feed = session.Stream.Open<T>(topics, QueueCapacity);
        _self = PSObject.AsPSObject(this);
        _heldTimer = new Timer(_ => Signal());
    }

    /// <summary>The session the items come from.</summary>
    public BitgetSession Session => _session;

    /// <summary>The symbols the action runs for.</summary>
    public string[] Symbols { get; }

    /// <summary>Their product type(s).</summary>
    public string InstType { get; }

    /// <summary>How many times the action has run.</summary>
    public long Invocations => Interlocked.Read(ref _invocations);

    /// <summary>Items dropped because the action was slower than the feed.</summary>
    public long DroppedItems => _feed.Dropped;

    /// <summary>Old output and error records discarded because nobody received them (the job keeps the last 10,000).</summary>
    public long DroppedOutput => Interlocked.Read(ref _droppedOutput);

    /// <inheritdoc />
    public override bool HasMoreData => Output.Count > 0 || Error.Count > 0 || Warning.Count > 0 || Verbose.Count > 0
        || Debug.Count > 0 || Information.Count > 0;

    /// <inheritdoc />
    public override string Location => _session.Endpoint.ToString();

    /// <inheritdoc />
    public override string StatusMessage => _failureReason ?? $"{Invocations} run(s), {DroppedItems} dropped";

    void IActionJob.Start()
    {
        // The action job runs $Event.MessageData.InvokePending() on the runspace's own thread; at most one such
        // event is queued at a time, so PowerShell's event queue never grows with the feed.
        // A script block of its own (not a shared static one): script blocks carry runspace affinity.
        var dispatch = ScriptBlock.Create("$Event.MessageData.InvokePending()");
        _runner = ScriptBlock.Create(Runner);
        _subscriber = _events.SubscribeEvent(null, null, _sourceIdentifier, null, dispatch, true, false);
        _feed.Available = Signal;
        SetJobState(JobState.Running);
        // Refusals that came before the job's feed opened (Register waits for the answers first) count too.
        foreach (var subscription in _session.Stream.Subscriptions.Where(s => s.State == BitgetSubscriptionState.Failed))
            NoteRefused($"{subscription.InstType}/{subscription.Channel}/{subscription.Symbol}", subscription.LastError);
        Signal();
    }

    bool IActionJob.Holds(BitgetTopic topic) => Volatile.Read(ref _finished) == 0 && _feed.Topics?.Contains(topic) == true;

    IReadOnlyList<BitgetTopic> IActionJob.Release(IReadOnlyCollection<BitgetTopic> topics)
    {
        if (Volatile.Read(ref _finished) != 0)
            return [];
        var released = _session.Stream.Release(_feed, topics);
        if (released.Count > 0 && _feed.Topics is { Count: 0 })
            Finish(JobState.Stopped);
        return released;
    }

    // Ends the job as Failed once the server has refused every one of its topics, with the reason in its error stream.
    private void NoteRefused(string topic, string? reason)
    {
        if (!_topics.Contains(topic) || !_refused.Add(topic) || _refused.Count < _topics.Count)
            return;
        _failureReason = _topics.Count == 1
            ? $"The server refused the job's topic {topic}: {reason}"
            : $"The server refused all {_topics.Count} of the job's topics (the last, {topic}: {reason})";
        Keep(_pendingErrors, new ErrorRecord(new InvalidOperationException(_failureReason), "BitgetJobTopicsRefused",
            ErrorCategory.ObjectNotFound, this));
        Finish(JobState.Failed);
    }

    // Session thread: wake the runspace once; InvokePending clears the flag before it drains.
    private void Signal()
    {
        if (Interlocked.CompareExchange(ref _signalled, 1, 0) == 0)
        {
            try
            {
                _events.GenerateEvent(_sourceIdentifier, this, null, _self);
            }
            catch (Exception)
            {
                // The runspace is gone; StopJob follows from its closing.
                Volatile.Write(ref _signalled, 0);
            }
        }
    }

    /// <summary>Runs the action for the queued items. Called by the job's event on the runspace thread; not for users.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void InvokePending()
    {
        if (Volatile.Read(ref _finished) != 0)
        {
            // The job finished inside an earlier action while this event was queued: unsubscribing is now safe.
            if (_unsubscribeDue)
            {
                _unsubscribeDue = false;
                Unsubscribe();
            }
            return;
        }
        Volatile.Write(ref _signalled, 0);
        _inAction = true;
        try
        {
            RunPending();
        }
        finally
        {
            _inAction = false;
        }
    }

    private void RunPending()
    {
        for (var i = 0; i < MaxBatch; i++)
        {
            while (_feed.TryTakeNotice(out var notice))
            {
                Report(notice!);
                if (Volatile.Read(ref _finished) != 0)
                    return;
            }
            if (TakeHeld(out _) is { } held)
            {
                Run(held);
                continue;
            }
            if (!_feed.TryTakeItem(out var item))
            {
                if (_feed.IsCompleted)
                {
                    // The feed ended (the session closed, the replay finished): held items still run, then the job ends.
                    foreach (var remaining in TakeRemaining())
                        Run(remaining);
                    Finish(_session.State == BitgetSessionState.Failed ? JobState.Failed : JobState.Completed);
                }
                else
                    WakeForHeld();
                return;
            }
            if ((_filter is null || _filter(item!)) && Admit(item!) is { } admitted)
                Run(admitted);
        }
        // More is waiting: yield to the shell, then continue.
        Signal();
    }

    /// <summary>
    /// What the action runs for an item that passed the filter: the item (default), another in its place, or null to
    /// hold it back; a kind that holds items (a throttle) hands them out through <see cref="TakeHeld"/>. Runspace thread.
    /// </summary>
    private protected virtual T? Admit(T item) => item;

    /// <summary>A held item whose turn has come, else null; <paramref name="wait"/>: how long until the next is due (null: none held).</summary>
    private protected virtual T? TakeHeld(out TimeSpan? wait)
    {
        wait = null;
        return null;
    }

    /// <summary>The feed ended: items still held (a throttle's newest) that the action runs for before the job ends. Runspace thread.</summary>
    private protected virtual IReadOnlyList<T> TakeRemaining() => [];

    // Nothing is queued but an item is held: wake the runspace when it is due (a later item may wake it sooner).
    private void WakeForHeld()
    {
        TakeHeld(out var wait);
        if (wait is { } due)
            _heldTimer.Change(due <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : due, Timeout.InfiniteTimeSpan);
    }

    // Runs the action with every stream merged into its output, so that the job gets its warnings, Write-Error,
    // verbose, debug and information records (an event action's streams go to the host). Write-Host's records (tagged
    // PSHOST) go back to the host unchanged, through the engine's own WriteInformation (of a small advanced script block,
    // run only for them), as they would from an event action: the host then applies their colours, a console's unset
    // ones (-1) included, and a transcript sees them. Re-issuing them with Write-Host failed on those unset colours.
    private const string Runner = """
        param($__bitgetAction, $__bitgetItem)
        $__bitgetContext = [System.Collections.Generic.List[psvariable]]::new()
        $__bitgetContext.Add([psvariable]::new('_', $__bitgetItem))
        & { $__bitgetAction.InvokeWithContext($null, $__bitgetContext, @($__bitgetItem)) } *>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.InformationRecord] -and $_.Tags -contains 'PSHOST') {
                & { [CmdletBinding()] param($record) $PSCmdlet.WriteInformation($record) } $_
            }
            else { $_ }
        }
        """;

    private void Run(T item)
    {
        Interlocked.Increment(ref _invocations);
        try
        {
            var results = _runner!.Invoke(_action, item);
            foreach (var result in results)
            {
                switch (result?.BaseObject)
                {
                    case ErrorRecord error:
                        Keep(_pendingErrors, error);
                        break;
                    case WarningRecord warning:
                        Keep(_pendingWarnings, warning);
                        break;
                    case VerboseRecord verbose:
                        Keep(_pendingVerbose, verbose);
                        break;
                    case DebugRecord debug:
                        Keep(_pendingDebug, debug);
                        break;
                    case InformationRecord information:
                        Keep(_pendingInformation, information);
                        break;
                    default:
                        Keep(_pendingOutput, result!);
                        break;
                }
            }
        }
        catch (RuntimeException ex)
        {
            // A throw in the action reaches here wrapped by the runner's method call; report the action's own error.
            var thrown = ex is MethodInvocationException { InnerException: RuntimeException inner } ? inner : ex;
            Keep(_pendingErrors, new ErrorRecord(thrown.ErrorRecord, thrown));
        }
    }

    private void Report(BitgetNotice notice)
    {
        switch (notice.Kind)
        {
            case BitgetNoticeKind.Error:
                Keep(_pendingErrors, BitgetErrorRecords.FromNotice(notice));
                // The codes for which the session marks the topic failed and stops asking for it.
                if (notice.Target is string topic && notice.Exception is BitgetServerException
                    {
                        Code: BitgetErrorCodes.ChannelDoesNotExist or BitgetErrorCodes.ParamError,
                    })
                    NoteRefused(topic, notice.Message);
                break;
            case BitgetNoticeKind.Warning:
                Keep(_pendingWarnings, new WarningRecord(notice.Message));
                break;
            case BitgetNoticeKind.SessionEnded when notice.Exception is not null:
                Keep(_pendingErrors, BitgetErrorRecords.FromNotice(notice));
                break;
            case BitgetNoticeKind.Verbose:
                Keep(_pendingVerbose, new VerboseRecord(notice.Message));
                break;
        }
    }

    private void Keep<TRecord>(BoundedRing<TRecord> pending, TRecord item)
    {
        bool overwrote;
        lock (_streams)
            overwrote = pending.Add(item);
        if (overwrote)
            Interlocked.Increment(ref _droppedOutput);
        // The next read of Output, Error, … loads the pending records (DoLoadJobStreams).
        UnloadJobStreams();
    }

    /// <inheritdoc />
    protected override void DoLoadJobStreams() => Publish();

    // Moves the pending records into the job's PowerShell streams (what Receive-Job reads).
    private void Publish()
    {
        // Reading a stream property may load the streams, which calls back here: read them before taking the lock.
        var output = Output;
        var errors = Error;
        var warnings = Warning;
        var verbose = Verbose;
        var debug = Debug;
        var information = Information;
        lock (_streams)
        {
            Publish(_pendingDebug, debug);
            Publish(_pendingInformation, information);
            Publish(_pendingOutput, output);
            Publish(_pendingErrors, errors);
            Publish(_pendingWarnings, warnings);
            Publish(_pendingVerbose, verbose);
        }
    }

    private void Publish<TRecord>(BoundedRing<TRecord> pending, PSDataCollection<TRecord> stream)
    {
        if (pending.Count == 0 || !stream.IsOpen)
            return;
        var excess = stream.Count + pending.Count - MaxKeptRecords;
        if (excess > 0)
        {
            // Published before and still unread (Receive-Job -Keep, or a look at $job.Output): keep only the newest,
            // in one pass rather than one RemoveAt(0) per record.
            var earlier = stream.ReadAll();
            for (var i = excess; i < earlier.Count; i++)
                stream.Add(earlier[i]);
            Interlocked.Add(ref _droppedOutput, Math.Min(excess, earlier.Count));
        }
        while (pending.TryTake(out var item))
            stream.Add(item);
    }

    /// <inheritdoc />
    public override void StopJob() => Finish(JobState.Stopped);

    private void Finish(JobState state)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
            return;
        _feed.Available = null;
        _feed.Dispose();
        _heldTimer.Dispose();
        // No wake-up is queued from now on: one in flight has set the flag already (its event is or will be queued), and
        // any later one finds it set.
        var eventQueued = Interlocked.Exchange(ref _signalled, 1) == 1;
        // Unsubscribing waits for this subscriber's queued events to run. Inside an action (this job's own event) they
        // cannot run until it returns: that wait never ended. The queued event unsubscribes instead (InvokePending).
        if (_inAction && eventQueued)
            _unsubscribeDue = true;
        else
            Unsubscribe();
        _session.RemoveJob(this);
        // A finished job's streams are closed: hand over what is pending first.
        Publish();
        SetJobState(state);
    }

    // Unsubscribing runs the actions still queued, on this thread; their script block belongs to the runspace, so each
    // waits for the runspace to run it. A closing runspace never will (that wait hung forever), and it drops its
    // subscribers itself.
    private void Unsubscribe()
    {
        if (_subscriber is null || _runspace.RunspaceStateInfo.State != System.Management.Automation.Runspaces.RunspaceState.Opened)
            return;
        try
        {
            _events.UnsubscribeEvent(_subscriber);
        }
        catch (Exception)
        {
            // The runspace may already be closing.
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            StopJob();
        base.Dispose(disposing);
    }
}
