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

        var action = Action;
        TopicRegistrar.Register(this, session, topics, ItemNoun, action is null ? null : () => CreateJob(session, topics, action), Name,
            Cancellation.Token);
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
