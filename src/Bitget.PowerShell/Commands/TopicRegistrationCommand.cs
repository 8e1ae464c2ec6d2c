using System.Management.Automation;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// What <c>Register-Bitget&lt;Kind&gt;</c> and <c>Unregister-Bitget&lt;Kind&gt;</c> share: the symbols, their instType and
/// the session, bound the same way (symbol strings by value, a piped object's Symbol and InstType by property name, a
/// piped session by value), and the kind's channel. Topics are normalised per input object.
/// </summary>
public abstract class TopicRegistrationCommand : BitgetCmdlet
{
    /// <summary>Symbols such as BTCUSDT; symbol strings bind from the pipeline, as do the Symbol properties of piped objects.</summary>
    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InstId")]
    [ArgumentCompleter(typeof(Completion.SymbolCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Symbol { get; set; } = [];

    /// <summary>
    /// USDT-FUTURES (default), COIN-FUTURES, USDC-FUTURES, SPOT or a demo type; v1 names map with a warning. Binds from
    /// the InstType property of piped objects (tickers, subscriptions), each object with its own.
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

    // The session's API decides how topics are spelled (no session yet: the Classic default session Register opens).
    private protected override Bitget.Stream.Protocol.BitgetApi TargetApi =>
        ResolveSession(Session)?.Api ?? Bitget.Stream.Protocol.BitgetApi.Classic;

    /// <summary>The channel the symbols are topics of; read for each input object.</summary>
    private protected abstract string ChannelName { get; }

    /// <summary>Warnings already written by this command, so that piped input repeats none.</summary>
    private protected HashSet<string> Warned { get; } = new(StringComparer.Ordinal);
}
