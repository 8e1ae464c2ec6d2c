using System.Management.Automation;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// What every <c>Receive-Bitget&lt;Kind&gt;</c> cmdlet shares: topics from symbols (typed or piped, each input object
/// with its own instType), a shared session or one of its own, a bounded feed of <typeparamref name="T"/> items written
/// to the pipeline on its thread, -First and -Timeout, and session notices as warnings and errors. A kind adds its
/// channel, its noun and its filters.
/// </summary>
/// <typeparam name="T">The item type, e.g. <c>BitgetTicker</c>.</typeparam>
public abstract class ReceiveBitgetCommand<T> : BitgetCmdlet where T : class
{
    /// <summary>The parameter set that uses the runspace's default session, else a session of its own.</summary>
    protected const string DefaultParameterSet = "Default";
    private const string SessionParameterSet = "Session";
    private const string EndpointParameterSet = "Endpoint";
    private const int QueueCapacity = 10_000;

    // Topics of all input objects, in order, each normalised with its own object's InstType.
    private readonly List<BitgetTopic> _topics = [];
    private readonly HashSet<BitgetTopic> _seenTopics = [];
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private BitgetFeed<T>? _feed;
    private BitgetStreamSession? _ownSession;

    /// <summary>Symbols such as BTCUSDT. Optional with -Session: then every item of this kind the session receives streams.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InstId")]
    [ArgumentCompleter(typeof(Completion.SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Symbol { get; set; }

    /// <summary>
    /// USDT-FUTURES (default), COIN-FUTURES, USDC-FUTURES, SPOT or a demo type; v1 names map with a warning. Binds from
    /// the InstType property of piped objects (tickers, subscriptions), each object with its own. Without -Symbol it
    /// filters the session's items.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.InstTypeCompleter))]
    public string? InstType { get; set; }

    /// <summary>The session to stream from (default: the runspace's default session, else a session of its own).</summary>
    [Parameter(ParameterSetName = SessionParameterSet, Mandatory = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(Completion.SessionCompleter))]
    public BitgetSession Session { get; set; } = null!;

    /// <summary>Connect a session of its own to this endpoint (closed when the command ends).</summary>
    [Parameter(ParameterSetName = EndpointParameterSet, Mandatory = true)]
    [ValidateNotNull]
    public Uri Endpoint { get; set; } = null!;

    /// <summary>
    /// The API of the session the command opens for itself (without -Session and no default session, or with -Endpoint):
    /// Auto (default: Classic, or what the endpoint's path says), Classic (v2) or Unified (v3).
    /// </summary>
    [Parameter(ParameterSetName = DefaultParameterSet)]
    [Parameter(ParameterSetName = EndpointParameterSet)]
    [ValidateSet(ApiChoice.Auto, ApiChoice.Classic, ApiChoice.Unified)]
    public string Api { get; set; } = ApiChoice.Auto;

    /// <summary>Stop after this many items.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    /// <summary>Stop after this many seconds.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Timeout { get; set; }

    /// <summary>The channel the symbols are topics of (e.g. <c>ticker</c>, <c>candle1m</c>); read for each input object.</summary>
    private protected abstract string ChannelName { get; }

    /// <summary>The item's name in messages, e.g. <c>ticker</c>.</summary>
    private protected abstract string ItemNoun { get; }

    /// <summary>Whether an item of the session's feed (no -Symbol) belongs to this command: its instType and channel.</summary>
    private protected abstract bool MatchesFilter(T item, string? instType);

    /// <summary>Whether an item of the command's topics is written (e.g. -ClosedOnly); all by default.</summary>
    private protected virtual bool Accept(T item) => true;

    /// <summary>
    /// What is written for an accepted item: the item (default), another in its place (e.g. a cut copy), or null to hold
    /// it back; a kind that holds items (a throttle) hands them out through <see cref="TakeHeld"/>.
    /// </summary>
    private protected virtual T? Admit(T item) => item;

    /// <summary>A held item whose turn has come, else null; <paramref name="wait"/>: how long until the next is due (null: none held).</summary>
    private protected virtual T? TakeHeld(out TimeSpan? wait)
    {
        wait = null;
        return null;
    }

    private BitgetApi? _targetApi;

    // The session's API decides how topics are spelled: known before the first input object (parameters are bound).
    private protected override BitgetApi TargetApi => _targetApi ??= ParameterSetName switch
    {
        SessionParameterSet => Session.Api,
        EndpointParameterSet => ApiForOwnSession(Api, Endpoint, AutoApi),
        _ => DefaultSession?.Api ?? ApiForOwnSession(Api, null, AutoApi),
    };

    /// <summary>The API of a session of its own when -Api is Auto and no endpoint path says otherwise.</summary>
    private protected virtual BitgetApi AutoApi => BitgetApi.Classic;

    /// <summary>The session streamed from without -Session or -Endpoint (null: a session of its own).</summary>
    private protected virtual BitgetSession? DefaultSession => Sessions.Default;

    /// <summary>Whether the kind subscribes topics even without symbols (liquidations: one topic per instType).</summary>
    private protected virtual bool TopicsWithoutSymbols => false;

    /// <summary>The topics of one input object; by default its symbols' topics of <see cref="ChannelName"/>.</summary>
    private protected virtual IEnumerable<BitgetTopic> TopicsOf(string[]? symbols, string? instType, ISet<string> warned) =>
        NormalizeTopics(ChannelName, symbols!, instType, warned);

    /// <summary>The endpoint of a session of its own: -Endpoint as given, else Bitget's public one of the command's API.</summary>
    private protected virtual Uri OwnSessionEndpoint(Uri? given) => given ?? WireDialect.For(TargetApi).PublicEndpoint(demo: false);

    /// <summary>Called with a session of its own before it connects (a private kind enables its login).</summary>
    private protected virtual void PrepareOwnSession(BitgetStreamSession stream)
    {
    }

    /// <summary>Called once with the session the command reads, before its first item (a replay or a live stream).</summary>
    private protected virtual void Reading(BitgetStreamSession stream)
    {
    }

    /// <summary>
    /// The stream ended (replay finished, -Timeout, session closed; not Ctrl+C or -First): items held back that are still
    /// to be written, e.g. the newest book a throttle holds. None by default.
    /// </summary>
    private protected virtual IReadOnlyList<T> TakeRemaining() => [];

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // Per input object: a piped SPOT ticker or subscription stays SPOT, whatever the objects around it are.
        if (Symbol is null && !TopicsWithoutSymbols)
            return;
        foreach (var topic in TopicsOf(Symbol, InstType, _warned))
        {
            if (_seenTopics.Add(topic))
                _topics.Add(topic);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        IReadOnlyList<BitgetTopic>? topics = _topics.Count > 0 ? _topics : null;
        var instTypeFilter = topics is null && InstType is not null ? NormalizeInstType(InstType) : null;

        BitgetStreamSession stream;
        var shared = ParameterSetName switch
        {
            SessionParameterSet => Session,
            EndpointParameterSet => null,
            _ => DefaultSession,
        };
        if (shared is not null)
        {
            EnsureUsable(shared);
            stream = shared.Stream;
            WriteVerbose(topics is null
                ? $"Streaming every {ItemNoun} of session '{shared.Name}'."
                : $"Streaming {topics.Count} {ItemNoun} topic(s) from session '{shared.Name}': {Describe(topics)}.");
            // A replay plays what it recorded: a topic it does not hold would wait for nothing, silently.
            if (topics is not null && stream.ReplayContents?.DescribeMissing(topics) is { } missing)
                WriteWarning(missing);
        }
        else
        {
            if (topics is null)
                ThrowTerminatingError(BitgetErrorRecords.SymbolRequired(ItemNoun));
            _ownSession = stream = CreateStream(new BitgetSessionOptions
            {
                Endpoint = OwnSessionEndpoint(ParameterSetName == EndpointParameterSet ? Endpoint : null),
                Api = TargetApi,
                Name = MyInvocation.MyCommand.Name,
            });
            PrepareOwnSession(stream);
        }

        Reading(stream);
        try
        {
            _feed = stream.Open<T>(topics, QueueCapacity);
        }
        catch (BitgetConnectionLimitException ex)
        {
            ThrowTerminatingError(BitgetErrorRecords.ConnectionLimit(ex));
            return;
        }
        if (_ownSession is not null)
        {
            WriteVerbose($"Opening a session of its own (closed when the command ends) for {topics!.Count} {ItemNoun} topic(s): {Describe(topics)}.");
            if (!Connect(_ownSession))
                return;
        }
        Stream(topics, instTypeFilter);
        if (_ownSession is not null)
            WriteVerbose($"Closing the command's own session to {_ownSession.Endpoint}.");
    }

    private void Stream(IReadOnlyList<BitgetTopic>? topics, string? instTypeFilter)
    {
        var feed = _feed!;
        var run = new BoundedFeedRun<T>(feed, Timeout > 0 ? TimeSpan.FromSeconds(Timeout) : null);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        long emitted = 0;
        // Only a bounded run has a time left to show.
        var progress = First > 0 || Timeout > 0
            ? new BoundedRunProgress(Math.Abs(GetHashCode() % 100_000) + 1, ProgressActivity(topics), ItemNoun, First, run.Limit ?? TimeSpan.Zero)
            : null;
        while (true)
        {
            if (TakeHeld(out var heldWait) is { } held)
            {
                WriteObject(held);
                emitted++;
                if (First > 0 && emitted >= First)
                    break;
                continue;
            }
            if (progress?.Next(emitted, run.Elapsed) is { } record)
                WriteProgress(record);
            // A held item's turn ends the wait; a bounded run wakes up to refresh its progress even while nothing arrives.
            var wait = heldWait ?? System.Threading.Timeout.InfiniteTimeSpan;
            if (progress is not null && (wait == System.Threading.Timeout.InfiniteTimeSpan || wait > BoundedRunProgress.Interval))
                wait = BoundedRunProgress.Interval;
            BitgetFeedResult result;
            T? item;
            BitgetNotice? notice;
            try
            {
                result = run.Next(wait, Cancellation.Token, out item, out notice);
            }
            catch (OperationCanceledException)
            {
                return; // Ctrl+C: PowerShell stops the pipeline; nothing more may be written.
            }

            if (result == BitgetFeedResult.Item)
            {
                if ((topics is null && !MatchesFilter(item!, instTypeFilter)) || !Accept(item!))
                    continue;
                if (Admit(item!) is not { } admitted)
                    continue;
                WriteObject(admitted);
                // Counted with or without -First: the -Timeout warning below depends on it.
                emitted++;
                if (First > 0 && emitted >= First)
                    break;
            }
            else if (result == BitgetFeedResult.Notice)
            {
                WriteNotice(notice!);
                // When the server refused every topic this command asked for, nothing will ever come.
                if (notice!.Kind == BitgetNoticeKind.Error && topics is not null && notice.Target is { } target
                    && topics.Any(t => t.ToString() == target) && refused.Add(target) && refused.Count == topics.Count)
                    break;
            }
            else if (result == BitgetFeedResult.TimedOut)
                continue; // a held item or the progress refresh is due; the run decides about its limit
            else
                break;
        }

        // The stream ended without -First being met: what is held back still goes out (Ctrl+C returned above).
        if (First == 0 || emitted < First)
        {
            foreach (var remaining in TakeRemaining())
            {
                WriteObject(remaining);
                emitted++;
                if (First > 0 && emitted >= First)
                    break;
            }
        }

        if (progress is not null)
            WriteProgress(progress.Completed());
        // -First: what is queued beyond the items asked for is neither written nor a drop; the verbose line counts it.
        var why = First > 0 && emitted >= First ? $" (-First {First}; {feed.Count} more queued were not needed)."
            : run.TimeIsUp ? $" (-Timeout {Timeout}; {run.HandedOutAtEnd} were still queued at the limit and taken after it)." : ".";
        WriteVerbose($"Stopping after {emitted} {ItemNoun}(s) in {run.Elapsed.TotalSeconds:0.0} s{why} The feed took in {feed.Posted}, dropped {feed.Dropped}.");
        if (feed.Dropped > 0)
            WriteWarning($"{feed.Dropped} {ItemNoun}(s) were dropped because the pipeline was slower than the feed (queue of {feed.Capacity})" +
                (run.DroppedAtEnd > 0
                    ? $"; {run.DroppedAtEnd} of them were still queued when -Timeout ended the run and could not be written within {BoundedFeedRun<T>.DrainLimit.TotalSeconds:0} s more."
                    : "."));
        if (run.TimeIsUp && emitted == 0 && refused.Count == 0)
            WriteWarning($"No {ItemNoun} arrived within {Timeout} s; check the symbols and -InstType (Get-BitgetStream shows each subscription's state).");
    }

    private string ProgressActivity(IReadOnlyList<BitgetTopic>? topics) =>
        topics is null ? $"{MyInvocation.MyCommand.Name} (every {ItemNoun} of the session)"
        : $"{MyInvocation.MyCommand.Name} {string.Join(", ", topics.Select(t => t.InstId).Distinct().Take(5))}{(topics.Count > 5 ? ", …" : "")}";

    /// <inheritdoc />
    protected override void ReleaseResources()
    {
        _feed?.Dispose();
        _ownSession?.Dispose();
    }
}
