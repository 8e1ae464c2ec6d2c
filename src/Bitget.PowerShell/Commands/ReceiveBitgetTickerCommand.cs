using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Streams Bitget tickers into the pipeline as BitgetTicker objects.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "BitgetTicker", DefaultParameterSetName = DefaultParameterSet)]
[OutputType(typeof(BitgetTicker))]
public sealed class ReceiveBitgetTickerCommand : ReceiveBitgetCommand<BitgetTicker>
{
    private protected override string Channel => BitgetChannelNames.Ticker;

    private protected override string ItemNoun => "ticker";

    private protected override bool MatchesFilter(BitgetTicker item, string? instType) => instType is null || item.InstType == instType;
}
