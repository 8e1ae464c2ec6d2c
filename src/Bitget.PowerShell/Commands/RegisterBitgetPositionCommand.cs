using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Subscribes a private session to your futures positions, optionally running a script block for every update.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "BitgetPosition", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BitgetPositionJob))]
public sealed class RegisterBitgetPositionCommand : RegisterBitgetPrivateCommand
{
    /// <summary>Closed positions: the positions-history channel.</summary>
    [Parameter]
    public SwitchParameter History { get; set; }

    private protected override string ChannelName => History ? BitgetChannelNames.PositionsHistory : BitgetChannelNames.Positions;

    private protected override string ItemNoun => History ? "closed position" : "position";

    private protected override Job CreateJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action) =>
        new BitgetPositionJob(session, topics, action, Events, MyInvocation.Line, LocalFilter);
}
