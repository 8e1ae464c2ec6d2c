using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Streams Bitget public trades into the pipeline as BitgetTrade objects, each trade id once.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "BitgetTrade", DefaultParameterSetName = DefaultParameterSet)]
[OutputType(typeof(BitgetTrade))]
public sealed class ReceiveBitgetTradeCommand : ReceiveBitgetCommand<BitgetTrade>
{
    private protected override string ChannelName => BitgetChannelNames.Trade;

    private protected override string ItemNoun => "trade";

    private protected override bool MatchesFilter(BitgetTrade item, string? instType) => instType is null || item.InstType == instType;
}
