using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Streams your Bitget futures positions (-History: closed positions) as BitgetPosition objects. Needs a private session.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "BitgetPosition", DefaultParameterSetName = DefaultParameterSet)]
[OutputType(typeof(BitgetPosition))]
public sealed class ReceiveBitgetPositionCommand : ReceiveBitgetPrivateCommand<BitgetPosition>
{
    /// <summary>Closed positions: the positions-history channel.</summary>
    [Parameter]
    public SwitchParameter History { get; set; }

    private protected override string ChannelName => History ? BitgetChannelNames.PositionsHistory : BitgetChannelNames.Positions;

    private protected override string ItemNoun => "position";

    private protected override (string Symbol, string InstType) KeyOf(BitgetPosition item) => (item.Symbol, item.InstType);

    private protected override bool MatchesFilter(BitgetPosition item, string? instType) => instType is null || item.InstType == instType;
}
