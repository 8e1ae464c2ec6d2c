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
        if (!session.Stream.IsRegistered(topic))
        {
            WriteWarning($"{topic} was not registered on session '{session.Name}', so there is nothing to unregister.");
            return;
        }
        WriteVerbose($"Unsubscribing session '{session.Name}' from {topic} (feeds that still read it keep it).");
        session.Stream.Unsubscribe([topic]);
    }
}
