using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Subscribes a session to candles, optionally running a script block for every candle.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "BitgetCandle", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BitgetCandleJob))]
public sealed class RegisterBitgetCandleCommand : RegisterBitgetCommand
{
    private string _interval = "";

    /// <summary>The candle interval (1m 5m 15m 30m 1H 4H 6H 12H 1D 3D 1W 1M and the utc variants; 1h, 4h, 1d, 1w also work).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.IntervalCompleter))]
    public string Interval { get; set; } = "";

    /// <summary>With -Action: run it once per candle, when the candle closes.</summary>
    [Parameter]
    public SwitchParameter ClosedOnly { get; set; }

    /// <summary>With -Action: also run it for the past candles of the snapshot sent after subscribing.</summary>
    [Parameter]
    public SwitchParameter IncludeHistory { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing() => _interval = NormalizeInterval(Interval);

    private protected override string ChannelName => BitgetChannelNames.CandlePrefix + _interval;

    private protected override string ItemNoun => "candle";

    private protected override Job CreateJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action) =>
        new BitgetCandleJob(session, topics, action, Events, MyInvocation.Line, CandleFilter.Create(ClosedOnly, IncludeHistory));
}
