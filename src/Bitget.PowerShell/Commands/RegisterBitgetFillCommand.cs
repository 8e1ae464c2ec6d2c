using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Subscribes a private session to your fills, optionally running a script block for every fill.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "BitgetFill", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BitgetFillJob))]
public sealed class RegisterBitgetFillCommand : RegisterBitgetPrivateCommand
{
    /// <summary>Fast fills (Unified API only): each order fill as soon as it happens, without fee or value.</summary>
    [Parameter]
    public SwitchParameter Fast { get; set; }

    private protected override string ChannelName => Fast ? BitgetChannelNames.FastFill : BitgetChannelNames.Fill;

    private protected override string ItemNoun => "fill";

    private protected override Job CreateJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action) =>
        new BitgetFillJob(session, topics, action, Events, MyInvocation.Line, LocalFilter);
}
