using System.Management.Automation;
using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// What every <c>Register-Bitget&lt;Kind&gt;</c> cmdlet does once it has its session and topics, public and private
/// kinds alike: subscribes them with a verbose account of what was new, waits up to 2 s for the server's answers and
/// writes each refused topic as an error (<c>BitgetTopicRefused</c>), and starts the -Action job. Topics that would need
/// connections beyond Bitget's per-IP limit are one error (<c>BitgetConnectionLimit</c>) and nothing of them is subscribed.
/// And what every <c>Unregister-Bitget&lt;Kind&gt;</c> cmdlet does: ends the registrations of topics, -Action jobs' included.
/// </summary>
/// <remarks>
/// An -Action job is a registration of its own, as an event action is (Register-ObjectEvent): its feed holds its topics,
/// not the session's plain registration, so that ending the job (Stop-Job, Remove-Job, Unregister) releases them and the
/// session unsubscribes those no one else holds.
/// </remarks>
internal static class TopicRegistrar
{
    /// <summary>How long Register waits for the server's answers before it returns (the subscriptions stay wanted after).</summary>
    public static readonly TimeSpan AckWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Subscribes <paramref name="topics"/> on the session, reports the server's answers and, given
    /// <paramref name="createJob"/>, starts the -Action job and writes it. The job is created (its feed opened, which
    /// subscribes the topics) before the subscription goes out, so that it sees the first push: a private channel's
    /// snapshot, an order book's. Without a job the topics are registered on the session until Unregister.
    /// </summary>
    public static void Register(PSCmdlet cmdlet, BitgetSession session, IReadOnlyList<BitgetTopic> topics, string itemNoun,
        Func<Job>? createJob, string? jobName, CancellationToken cancellation)
    {
        var already = topics.Where(session.Stream.IsRegistered).ToList();
        var added = topics.Except(already).ToList();
        if (already.Count > 0)
            cmdlet.WriteVerbose($"{BitgetCmdlet.Describe(already)} {(already.Count == 1 ? "is" : "are")} already registered on session '{session.Name}'; nothing to do for {(already.Count == 1 ? "it" : "them")}.");
        if (added.Count > 0)
            cmdlet.WriteVerbose($"Subscribing session '{session.Name}' to {added.Count} {itemNoun} topic(s): {BitgetCmdlet.Describe(added)}.");
        // A replay plays what it recorded: a topic it does not hold would wait for nothing, silently.
        if (session.Stream.ReplayContents?.DescribeMissing(topics) is { } missing)
            cmdlet.WriteWarning(missing);
        Job? job = null;
        try
        {
            job = createJob?.Invoke();
            // A job holds its topics itself (its feed); a plain registration is the session's.
            if (job is null)
                session.Stream.Subscribe(topics);
        }
        catch (BitgetConnectionLimitException ex)
        {
            // Nothing of this input was subscribed or opened; the next input object may still fit.
            job?.Dispose();
            cmdlet.WriteError(BitgetErrorRecords.ConnectionLimit(ex));
            return;
        }
        catch
        {
            job?.Dispose();
            throw;
        }
        try
        {
            ReportRefused(cmdlet, session, added, itemNoun, cancellation);
        }
        catch
        {
            job?.Dispose();
            throw;
        }
        if (job is not null)
            StartJob(cmdlet, session, job, jobName, itemNoun, topics.Count);
    }

    /// <summary>
    /// Ends the registrations of <paramref name="topics"/> on the session: the plain registration (Register without
    /// -Action) and every -Action job's hold on them; a job left holding none of its topics is stopped. The session
    /// unsubscribes what no feed (a Receive-*, another session's view) still holds. A topic nobody registered is a warning.
    /// </summary>
    public static void Unregister(PSCmdlet cmdlet, BitgetSession session, IReadOnlyList<BitgetTopic> topics)
    {
        var registered = topics.Where(session.Stream.IsRegistered).ToList();
        var jobs = session.ActionJobs();
        var held = topics.Where(t => registered.Contains(t) || jobs.Any(j => j.Holds(t))).ToList();
        foreach (var topic in topics.Except(held))
            cmdlet.WriteWarning($"{topic} was not registered on session '{session.Name}', so there is nothing to unregister.");
        if (held.Count == 0)
            return;
        cmdlet.WriteVerbose($"Unsubscribing session '{session.Name}' from {held.Count} topic(s): {BitgetCmdlet.Describe(held)} (feeds that still read a topic keep it).");
        session.Stream.Unsubscribe(registered);
        foreach (var actionJob in jobs)
        {
            var released = actionJob.Release(held);
            if (released.Count == 0)
                continue;
            var job = (Job)actionJob;
            cmdlet.WriteVerbose(job.JobStateInfo.State == JobState.Stopped
                ? $"Stopped job '{job.Name}' (Id {job.Id}): it held no other topic."
                : $"Job '{job.Name}' (Id {job.Id}) no longer runs for {BitgetCmdlet.Describe(released)}; it goes on for its other topics.");
        }
    }

    // Names, records and starts an -Action job, and writes it to the pipeline.
    private static void StartJob(PSCmdlet cmdlet, BitgetSession session, Job job, string? name, string itemNoun, int topicCount)
    {
        if (name is not null)
            job.Name = name;
        cmdlet.WriteVerbose($"Started job '{job.Name}' (Id {job.Id}) for {topicCount} {itemNoun} topic(s).");
        cmdlet.JobRepository.Add(job);
        session.AddJob(job);
        ((IActionJob)job).Start();
        cmdlet.WriteObject(job);
    }

    // Waits (bounded) until the server has answered every topic, then writes each refused one as an error.
    private static void ReportRefused(PSCmdlet cmdlet, BitgetSession session, IReadOnlyList<BitgetTopic> topics, string itemNoun, CancellationToken cancellation)
    {
        if (topics.Count == 0)
            return;
        // A monotonic clock: a step of the wall clock neither cuts the wait short nor stretches it.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        IReadOnlyList<BitgetSubscriptionInfo> states;
        while (true)
        {
            states = StatesOf(session, topics);
            if (!states.Any(s => s.State is BitgetSubscriptionState.Pending or BitgetSubscriptionState.Requested))
                break;
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) >= AckWait || cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(20)))
            {
                cmdlet.WriteVerbose($"The server has not answered {states.Count(s => s.State is BitgetSubscriptionState.Pending or BitgetSubscriptionState.Requested)} of {topics.Count} {itemNoun} topic(s) within {AckWait.TotalSeconds:0} s; they stay registered and are reported when it does.");
                break;
            }
        }
        var refused = states.Where(s => s.State == BitgetSubscriptionState.Failed).ToList();
        var acknowledged = states.Count(s => s.State is BitgetSubscriptionState.Subscribed or BitgetSubscriptionState.Stale);
        cmdlet.WriteVerbose($"The server acknowledged {acknowledged} of {topics.Count} {itemNoun} topic(s) on session '{session.Name}'" +
            (refused.Count > 0 ? $" and refused {refused.Count}." : "."));
        foreach (var subscription in refused)
            cmdlet.WriteError(BitgetErrorRecords.TopicRefused(subscription));
    }

    private static List<BitgetSubscriptionInfo> StatesOf(BitgetSession session, IReadOnlyList<BitgetTopic> topics)
    {
        var wanted = topics.ToHashSet();
        return session.Stream.Subscriptions.Where(s => wanted.Contains(new BitgetTopic(s.InstType, s.Channel, s.Symbol))).ToList();
    }
}
