using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// What the private <c>Register-Bitget&lt;Kind&gt;</c> cmdlets share: subscribe a private session to the kind's channel
/// (every symbol, or the symbols given), and with -Action return a job that runs the script block for every event.
/// Subscribing, the wait for the server's answers and the job are <see cref="TopicRegistrar"/>'s, as for the public kinds.
/// </summary>
public abstract class RegisterBitgetPrivateCommand : PrivateTopicRegistrationCommand
{
    /// <summary>A script block run for every event, with $_ set to it. Returns a job that Stop-Job stops.</summary>
    [Parameter]
    [ValidateNotNull]
    public ScriptBlock? Action { get; set; }

    /// <summary>A name for the -Action job (Get-Job -Name, Receive-Job -Name); default Job&lt;Id&gt;.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The item's name in messages, e.g. <c>order</c>.</summary>
    private protected abstract string ItemNoun { get; }

    /// <summary>On a Unified session: what -Symbol and -InstType ask of the account-wide topic's events; null: all of them.</summary>
    private protected Func<string, string, bool>? LocalFilter { get; private set; }

    /// <summary>Creates (not starts) the job that runs <see cref="Action"/>.</summary>
    private protected abstract Job CreateJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        IgnoreSymbolOfPipedSession();
        var session = PrivateCommandSupport.RequirePrivate(this, Session, Sessions.Default);
        EnsureUsable(session);
        var topics = PrivateCommandSupport.Topics(this, ChannelName, Symbol, InstType, session.Api);
        LocalFilter = session.Api == Bitget.Stream.Protocol.BitgetApi.Unified ? PrivateCommandSupport.LocalFilter(Symbol, InstType) : null;
        if (!ShouldProcess($"{string.Join(", ", topics)} on session '{session.Name}'", "Register"))
            return;
        var action = Action;
        TopicRegistrar.Register(this, session, topics, ItemNoun, action is null ? null : () => CreateJob(session, topics, action), Name,
            Cancellation.Token);
    }
}
