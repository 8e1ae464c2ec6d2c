using System.Management.Automation;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// What the private <c>Register-Bitget&lt;Kind&gt;</c> and <c>Unregister-Bitget&lt;Kind&gt;</c> share: the optional symbols
/// (none: every symbol, or the whole account), their instType, the session, and the kind's private channel.
/// </summary>
public abstract class PrivateTopicRegistrationCommand : BitgetCmdlet
{
    /// <summary>Symbols (orders and fills only); default: every symbol. Symbol strings bind from the pipeline, as do the Symbol properties of piped objects.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InstId")]
    [ValidateNotNullOrEmpty]
    public string[]? Symbol { get; set; }

    /// <summary>USDT-FUTURES (default), COIN-FUTURES, USDC-FUTURES or SPOT.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.InstTypeCompleter))]
    public string? InstType { get; set; }

    /// <summary>The private session (default: the runspace's default session).</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(Completion.SessionCompleter))]
    public BitgetSession? Session { get; set; }

    private protected override Bitget.Stream.Protocol.BitgetApi TargetApi =>
        ResolveSession(Session)?.Api ?? Bitget.Stream.Protocol.BitgetApi.Classic;

    /// <summary>The private channel.</summary>
    private protected abstract string ChannelName { get; }

    private bool _symbolOrSessionGiven;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        // Before the first input object: only what the command line bound.
        _symbolOrSessionGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Symbol)) || MyInvocation.BoundParameters.ContainsKey(nameof(Session));
        base.BeginProcessing();
    }

    /// <summary>
    /// A piped session (Get-BitgetStream | Unregister-BitgetOrder) binds to -Session and, turned into its name, to -Symbol
    /// too, which takes strings from the pipeline: that name is no symbol, so it is dropped. Call first in ProcessRecord.
    /// </summary>
    private protected void IgnoreSymbolOfPipedSession()
    {
        if (!_symbolOrSessionGiven && Session is not null && Symbol is [var only] && only == Session.Name)
            Symbol = null;
    }
}
