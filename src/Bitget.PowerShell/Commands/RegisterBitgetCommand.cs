using System.Management.Automation;
using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// What every <c>Register-Bitget&lt;Kind&gt;</c> cmdlet shares: subscribes a session (the default one, connected to
/// Bitget if there is none) to topics of the kind's channel, and with -Action returns a job that runs the script block
/// for every item. A kind adds its channel and its job.
/// </summary>
public abstract class RegisterBitgetCommand : TopicRegistrationCommand
{
    /// <summary>A script block run for every item, with $_ set to it. Returns a job that Stop-Job stops.</summary>
    [Parameter]
    [ValidateNotNull]
    public ScriptBlock? Action { get; set; }

    /// <summary>A name for the -Action job (Get-Job -Name, Receive-Job -Name); default Job&lt;Id&gt;.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The item's name in messages, e.g. <c>ticker</c>.</summary>
    private protected abstract string ItemNoun { get; }

    /// <summary>Creates (not starts) the job that runs <see cref="Action"/> for the topics' items.</summary>
    private protected abstract Job CreateJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // Per input object: a piped object's InstType belongs to its own Symbol.
        var topics = NormalizeTopics(ChannelName, Symbol, InstType, Warned);
        var existing = ResolveSession(Session);
        var where = existing is null ? $"a new session to {BitgetSessionOptions.PublicEndpoint}" : $"session '{existing.Name}'";
        if (!ShouldProcess($"{Describe(topics)} on {where}", "Register"))
            return;
        var session = existing ?? ConnectDefault();
        if (session is null)
            return;
        EnsureUsable(session);

        var already = topics.Where(session.Stream.IsRegistered).ToList();
        var added = topics.Except(already).ToList();
        if (already.Count > 0)
            WriteVerbose($"{Describe(already)} {(already.Count == 1 ? "is" : "are")} already registered on session '{session.Name}'; nothing to do for {(already.Count == 1 ? "it" : "them")}.");
        if (added.Count > 0)
            WriteVerbose($"Subscribing session '{session.Name}' to {added.Count} {ItemNoun} topic(s): {Describe(added)}.");
        session.Stream.Subscribe(topics);
        ReportRefused(session, added);
        if (Action is null)
            return;

        var job = CreateJob(session, topics, Action);
        if (Name is not null)
            job.Name = Name;
        WriteVerbose($"Started job '{job.Name}' (Id {job.Id}) for {topics.Count} {ItemNoun} topic(s).");
        JobRepository.Add(job);
        session.AddJob(job);
        ((IActionJob)job).Start();
        WriteObject(job);
    }

    /// <summary>How long Register waits for the server's answers before it returns (the subscriptions stay wanted after).</summary>
    private static readonly TimeSpan AckWait = TimeSpan.FromSeconds(2);

    // Waits (bounded) until the server has answered every topic, then writes each refused one as an error.
    private void ReportRefused(BitgetSession session, IReadOnlyList<BitgetTopic> topics)
    {
        if (topics.Count == 0)
            return;
        var deadline = DateTime.UtcNow + AckWait;
        IReadOnlyList<BitgetSubscriptionInfo> states;
        while (true)
        {
            states = StatesOf(session, topics);
            if (!states.Any(s => s.State is BitgetSubscriptionState.Pending or BitgetSubscriptionState.Requested))
                break;
            if (DateTime.UtcNow >= deadline || Cancellation.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(20)))
            {
                WriteVerbose($"The server has not answered {states.Count(s => s.State is BitgetSubscriptionState.Pending or BitgetSubscriptionState.Requested)} of {topics.Count} {ItemNoun} topic(s) within {AckWait.TotalSeconds:0} s; they stay registered and are reported when it does.");
                break;
            }
        }
        var refused = states.Where(s => s.State == BitgetSubscriptionState.Failed).ToList();
        var acknowledged = states.Count(s => s.State is BitgetSubscriptionState.Subscribed or BitgetSubscriptionState.Stale);
        WriteVerbose($"The server acknowledged {acknowledged} of {topics.Count} {ItemNoun} topic(s) on session '{session.Name}'" +
            (refused.Count > 0 ? $" and refused {refused.Count}." : "."));
        foreach (var subscription in refused)
            WriteError(BitgetErrorRecords.TopicRefused(subscription));
    }

    private static List<BitgetSubscriptionInfo> StatesOf(BitgetSession session, IReadOnlyList<BitgetTopic> topics)
    {
        var wanted = topics.ToHashSet();
        return session.Stream.Subscriptions.Where(s => wanted.Contains(new BitgetTopic(s.InstType, s.Channel, s.Symbol))).ToList();
    }

    private BitgetSession? ConnectDefault()
    {
        WriteVerbose($"No Bitget session yet: connecting to {BitgetSessionOptions.PublicEndpoint}.");
        var stream = CreateStream(new BitgetSessionOptions());
        if (!Connect(stream))
            return null;
        return Sessions.Add(stream, null);
    }
}
