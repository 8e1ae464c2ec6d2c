using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes private position subscriptions registered with Register-BitgetPosition.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "BitgetPosition", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class UnregisterBitgetPositionCommand : UnregisterBitgetPrivateCommand
{
    /// <summary>Closed positions: the positions-history channel.</summary>
    [Parameter]
    public SwitchParameter History { get; set; }

    private protected override string ChannelName => History ? BitgetChannelNames.PositionsHistory : BitgetChannelNames.Positions;
}
