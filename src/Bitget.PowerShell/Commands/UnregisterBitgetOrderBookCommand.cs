using System.Management.Automation;
using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes order book subscriptions registered with Register-BitgetOrderBook.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "BitgetOrderBook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class UnregisterBitgetOrderBookCommand : UnregisterBitgetCommand
{
    /// <summary>The depth they were registered with: 1, 5, 15 or Full. Default 15.</summary>
    [Parameter]
    [ValidateSet("1", "5", "15", "50", OrderBookDepth.Full, IgnoreCase = true)]
    public string Depth { get; set; } = "15";

    private protected override string ChannelName => ParseDepth(Depth).Channel;
}
