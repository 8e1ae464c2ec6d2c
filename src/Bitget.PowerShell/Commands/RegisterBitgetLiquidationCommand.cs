using System.Management.Automation;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Subscribes a Unified (v3) session to the liquidations of a futures instType, optionally running a script block for each.</para>
/// <para type="description">One subscription per instType covers every contract; -Symbol filters what the -Action
/// job sees (wildcards allowed). Without -Session it uses the default session when that is Unified, and with no
/// default session connects a Unified one as the default.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "BitgetLiquidation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BitgetLiquidationJob))]
public sealed class RegisterBitgetLiquidationCommand : BitgetCmdlet
{
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>USDT-FUTURES (default), COIN-FUTURES or USDC-FUTURES.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("USDT-FUTURES", "COIN-FUTURES", "USDC-FUTURES", IgnoreCase = true)]
    public string InstType { get; set; } = "USDT-FUTURES";

    /// <summary>Symbols (wildcards allowed) whose liquidations the -Action job runs for; all without it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Symbol { get; set; }

    /// <summary>The Unified session (default: the runspace's default session, which must be Unified).</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(Completion.SessionCompleter))]
    public BitgetSession? Session { get; set; }

    /// <summary>A script block run for every liquidation, with $_ set to it. Returns a job that Stop-Job stops.</summary>
    [Parameter]
    [ValidateNotNull]
    public ScriptBlock? Action { get; set; }

    /// <summary>A name for the -Action job; default Job&lt;Id&gt;.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    private protected override BitgetApi TargetApi => BitgetApi.Unified;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var topics = new[] { LiquidationRecords.Topic(this, InstType, _warned) };
        var existing = ResolveSession(Session);
        if (existing is { Api: not BitgetApi.Unified })
            ThrowTerminatingError(LiquidationRecords.NeedsUnified(existing.Name));
        var unifiedEndpoint = WireDialect.Unified.PublicEndpoint(demo: false);
        var where = existing is null ? $"a new Unified session to {unifiedEndpoint}" : $"session '{existing.Name}'";
        if (!ShouldProcess($"{Describe(topics)} on {where}", "Register"))
            return;
        var session = existing;
        if (session is null)
        {
            WriteVerbose($"No Bitget session yet: connecting to {unifiedEndpoint}.");
            var stream = CreateStream(new BitgetSessionOptions { Endpoint = unifiedEndpoint, Api = BitgetApi.Unified });
            if (!Connect(stream))
                return;
            session = Sessions.Add(stream, null);
            if (session is null)
                return;
        }
        EnsureUsable(session);
        var filter = Symbol?.Select(s => new WildcardPattern(s.Trim(), WildcardOptions.IgnoreCase)).ToArray();
        var action = Action;
        TopicRegistrar.Register(this, session, topics, "liquidation",
            action is null ? null : () => new BitgetLiquidationJob(session, topics, filter, action, Events, MyInvocation.Line), Name,
            Cancellation.Token);
    }
}
