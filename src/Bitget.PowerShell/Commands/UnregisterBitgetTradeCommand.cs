using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes trade subscriptions registered with Register-BitgetTrade.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "BitgetTrade", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class UnregisterBitgetTradeCommand : UnregisterBitgetCommand
{
    private protected override string ChannelName => BitgetChannelNames.Trade;
}
