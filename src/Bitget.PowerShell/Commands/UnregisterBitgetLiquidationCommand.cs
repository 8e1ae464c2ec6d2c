using System.Management.Automation;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes a liquidation subscription registered with Register-BitgetLiquidation.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "BitgetLiquidation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class UnregisterBitgetLiquidationCommand : BitgetCmdlet
{
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>USDT-FUTURES (default), COIN-FUTURES or USDC-FUTURES.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("USDT-FUTURES", "COIN-FUTURES", "USDC-FUTURES", IgnoreCase = true)]
    public string InstType { get; set; } = "USDT-FUTURES";

    /// <summary>The session (default: the runspace's default session).</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(Completion.SessionCompleter))]
    public BitgetSession? Session { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var topic = LiquidationRecords.Topic(this, InstType, _warned);
        var session = ResolveSession(Session);
        if (session is null)
        {
            WriteError(BitgetErrorRecords.NoSession());
            return;
        }
        if (!ShouldProcess($"{topic} on session '{session.Name}'", "Unregister"))
            return;
        // Ends the registration and the hold of every -Action job on the topic, as for every other kind.
        TopicRegistrar.Unregister(this, session, [topic]);
    }
}
