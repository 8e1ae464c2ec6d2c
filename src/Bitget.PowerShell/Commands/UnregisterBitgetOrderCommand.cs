using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes private order subscriptions registered with Register-BitgetOrder.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "BitgetOrder", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class UnregisterBitgetOrderCommand : UnregisterBitgetPrivateCommand
{
    /// <summary>Plan (trigger) orders: the orders-algo channel.</summary>
    [Parameter]
    public SwitchParameter Algo { get; set; }

    private protected override string ChannelName => Algo ? BitgetChannelNames.OrdersAlgo : BitgetChannelNames.Orders;
}
