using System.Management.Automation;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// What every <c>Unregister-Bitget&lt;Kind&gt;</c> cmdlet shares: removes the user's registration of topics of the
/// kind's channel (feeds that still hold a topic keep it subscribed). A kind adds its channel.
/// </summary>
public abstract class UnregisterBitgetCommand : BitgetCmdlet
{
    /// <summary>Symbols such as BTCUSDT; symbol strings bind from the pipeline, as do the Symbol properties of piped objects.</summary>
    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InstId")]
    [ArgumentCompleter(typeof(Completion.SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Symbol { get; set; } = [];

    /// <summary>
    /// The product type the symbols were registered under (default USDT-FUTURES). Binds from the InstType property of
    /// piped objects (tickers, subscriptions), each object with its own.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.InstTypeCompleter))]
    public string? InstType { get; set; }

    /// <summary>The session (default: the runspace's default session).</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(Completion.SessionCompleter))]
    public BitgetSession? Session { get; set; }

    /// <summary>The channel the symbols are topics of; read for each input object.</summary>
    private protected abstract string ChannelName { get; }

    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // Per input object: a piped object's InstType belongs to its own Symbol.
        var topics = NormalizeTopics(ChannelName, Symbol, InstType, _warned);
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
