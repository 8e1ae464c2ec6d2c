using System.Management.Automation;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// What every <c>Unregister-Bitget&lt;Kind&gt;</c> cmdlet shares: removes the user's registration of topics of the
/// kind's channel (feeds that still hold a topic keep it subscribed). A kind adds its channel.
/// </summary>
public abstract class UnregisterBitgetCommand : TopicRegistrationCommand
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // Per input object: a piped object's InstType belongs to its own Symbol.
        var topics = NormalizeTopics(ChannelName, Symbol, InstType, Warned);
        var session = ResolveSession(Session);
        if (session is null)
        {
            WriteError(BitgetErrorRecords.NoSession());
            return;
        }
        if (!ShouldProcess($"{Describe(topics)} on session '{session.Name}'", "Unregister"))
            return;
        var registered = topics.Where(session.Stream.IsRegistered).ToList();
        foreach (var topic in topics.Except(registered))
            WriteWarning($"{topic} was not registered on session '{session.Name}', so there is nothing to unregister.");
        if (registered.Count > 0)
            WriteVerbose($"Unsubscribing session '{session.Name}' from {registered.Count} topic(s): {Describe(registered)} (feeds that still read a topic keep it).");
        session.Stream.Unsubscribe(topics);
    }
}
