using System.Management.Automation;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// What every <c>Unregister-Bitget&lt;Kind&gt;</c> cmdlet shares: ends the registrations of topics of the kind's channel,
/// the plain ones and the -Action jobs' (a job left with no topic is stopped); feeds that still hold a topic keep it
/// subscribed. A kind adds its channel.
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
        TopicRegistrar.Unregister(this, session, topics);
    }
}
