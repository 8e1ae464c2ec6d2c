using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Streams your Bitget balances (spot coins, futures margin coins) as BitgetAccount objects. Needs a private session.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "BitgetAccount", DefaultParameterSetName = DefaultParameterSet)]
[OutputType(typeof(BitgetAccount))]
public sealed class ReceiveBitgetAccountCommand : ReceiveBitgetPrivateCommand<BitgetAccount>
{
    private protected override string ChannelName => BitgetChannelNames.Account;

    private protected override string ItemNoun => "balance";

    private protected override (string Symbol, string InstType) KeyOf(BitgetAccount item) => (item.Coin, item.InstType);

    private protected override bool MatchesFilter(BitgetAccount item, string? instType) => instType is null || item.InstType == instType;
}
