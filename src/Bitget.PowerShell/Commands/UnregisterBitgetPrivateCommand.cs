using System.Management.Automation;

namespace Bitget.PowerShell.Commands;

/// <summary>Removes registrations made by the private <c>Register-Bitget&lt;Kind&gt;</c> cmdlets.</summary>
public abstract class UnregisterBitgetPrivateCommand : BitgetCmdlet
{
    /// <summary>Symbols as registered (orders and fills only); default: the every-symbol registration.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("InstId")]
    [ValidateNotNullOrEmpty]
    public string[]? Symbol { get; set; }

    /// <summary>The product type registered (default USDT-FUTURES).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.InstTypeCompleter))]
    public string? InstType { get; set; }

    /// <summary>The session (default: the runspace's default session).</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public BitgetSession? Session { get; set; }

    /// <summary>The private channel.</summary>
    private protected abstract string ChannelName { get; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var session = ResolveSession(Session);
        if (session is null)
        {
            WriteError(BitgetErrorRecords.NoSession());
            return;
        }
        var topics = PrivateCommandSupport.Topics(this, ChannelName, Symbol, InstType);
        if (!ShouldProcess($"{string.Join(", ", topics)} on session '{session.Name}'", "Unregister"))
            return;
        foreach (var topic in topics.Where(t => !session.Stream.IsRegistered(t)))
            WriteWarning($"{topic} was not registered on session '{session.Name}'.");
        session.Stream.Unsubscribe(topics);
    }
}
