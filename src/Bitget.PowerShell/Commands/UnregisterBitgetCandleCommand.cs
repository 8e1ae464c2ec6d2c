using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes candle subscriptions registered with Register-BitgetCandle.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "BitgetCandle", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class UnregisterBitgetCandleCommand : UnregisterBitgetCommand
{
    private string _interval = "";

    /// <summary>The interval the candles were registered with.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.IntervalCompleter))]
    public string Interval { get; set; } = "";

    /// <inheritdoc />
    protected override void BeginProcessing() => _interval = NormalizeInterval(Interval);

    private protected override string ChannelName => BitgetChannelNames.CandlePrefix + _interval;
}
