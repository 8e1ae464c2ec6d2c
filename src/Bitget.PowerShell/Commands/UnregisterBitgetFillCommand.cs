using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes private fill subscriptions registered with Register-BitgetFill.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Unregister, "BitgetFill", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class UnregisterBitgetFillCommand : UnregisterBitgetPrivateCommand
{
    /// <summary>Fast fills (Unified API only): each order fill as soon as it happens, without fee or value.</summary>
    [Parameter]
    public SwitchParameter Fast { get; set; }

    private protected override string ChannelName => Fast ? BitgetChannelNames.FastFill : BitgetChannelNames.Fill;
}
