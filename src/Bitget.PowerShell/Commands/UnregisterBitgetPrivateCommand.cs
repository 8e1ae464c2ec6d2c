using System.Management.Automation;

namespace Bitget.PowerShell.Commands;

/// <summary>Removes registrations made by the private <c>Register-Bitget&lt;Kind&gt;</c> cmdlets.</summary>
public abstract class UnregisterBitgetPrivateCommand : PrivateTopicRegistrationCommand
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var session = ResolveSession(Session);
        if (session is null)
        {
            WriteError(BitgetErrorRecords.NoSession());
            return;
        }
        var topics = PrivateCommandSupport.Topics(this, ChannelName, Symbol, InstType, TargetApi);
        if (!ShouldProcess($"{string.Join(", ", topics)} on session '{session.Name}'", "Unregister"))
            return;
        var registered = topics.Where(session.Stream.IsRegistered).ToList();
        foreach (var topic in topics.Except(registered))
            WriteWarning($"{topic} was not registered on session '{session.Name}', so there is nothing to unregister.");
        if (registered.Count > 0)
            WriteVerbose($"Unsubscribing session '{session.Name}' from {registered.Count} topic(s): {Describe(registered)} (feeds that still read a topic keep it).");
        session.Stream.Unsubscribe(topics);
    }
}
