using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Subscribes a private session to your orders, optionally running a script block for every order update.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "BitgetOrder", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BitgetOrderJob))]
public sealed class RegisterBitgetOrderCommand : RegisterBitgetPrivateCommand
{
    /// <summary>Plan (trigger) orders: the orders-algo channel.</summary>
    [Parameter]
    public SwitchParameter Algo { get; set; }

    private protected override string ChannelName => Algo ? BitgetChannelNames.OrdersAlgo : BitgetChannelNames.Orders;

    private protected override string ItemNoun => Algo ? "plan order" : "order";

    private protected override Job CreateJob(BitgetSession session, IReadOnlyList<BitgetTopic> topics, ScriptBlock action) =>
        new BitgetOrderJob(session, topics, action, Events, MyInvocation.Line, LocalFilter);
}
