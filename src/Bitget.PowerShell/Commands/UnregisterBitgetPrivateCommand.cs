using System.Management.Automation;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// Ends registrations made by the private <c>Register-Bitget&lt;Kind&gt;</c> cmdlets, the -Action jobs' included (see
/// <see cref="TopicRegistrar.Unregister"/>).
/// </summary>
public abstract class UnregisterBitgetPrivateCommand : PrivateTopicRegistrationCommand
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        IgnoreSymbolOfPipedSession();
        var session = ResolveSession(Session);
        if (session is null)
        {
            WriteError(BitgetErrorRecords.NoSession());
            return;
        }
        var topics = PrivateCommandSupport.Topics(this, ChannelName, Symbol, InstType, TargetApi);
        if (!ShouldProcess($"{string.Join(", ", topics)} on session '{session.Name}'", "Unregister"))
            return;
        TopicRegistrar.Unregister(this, session, topics);
    }
}
