using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Streams the fills of your Bitget orders (spot or futures) as BitgetFill objects, every one. Needs a private session.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "BitgetFill", DefaultParameterSetName = DefaultParameterSet)]
[OutputType(typeof(BitgetFill))]
public sealed class ReceiveBitgetFillCommand : ReceiveBitgetPrivateCommand<BitgetFill>
{
    private protected override string ChannelName => BitgetChannelNames.Fill;

    private protected override string ItemNoun => "fill";

    private protected override bool MatchesFilter(BitgetFill item, string? instType) => instType is null || item.InstType == instType;
}
