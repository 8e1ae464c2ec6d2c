using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Streams your Bitget orders (spot or futures; -Algo: plan orders) as BitgetOrder objects, every update in order. Needs a private session.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "BitgetOrder", DefaultParameterSetName = DefaultParameterSet)]
[OutputType(typeof(BitgetOrder))]
public sealed class ReceiveBitgetOrderCommand : ReceiveBitgetPrivateCommand<BitgetOrder>
{
    /// <summary>Plan (trigger) orders: the orders-algo channel.</summary>
    [Parameter]
    public SwitchParameter Algo { get; set; }

    private protected override string ChannelName => Algo ? BitgetChannelNames.OrdersAlgo : BitgetChannelNames.Orders;

    private protected override string ItemNoun => "order";

    private protected override (string Symbol, string InstType) KeyOf(BitgetOrder item) => (item.Symbol, item.InstType);

    private protected override bool MatchesFilter(BitgetOrder item, string? instType) => instType is null || item.InstType == instType;
}
