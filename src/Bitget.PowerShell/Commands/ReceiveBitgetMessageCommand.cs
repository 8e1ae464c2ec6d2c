using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Streams the raw pushes of any Bitget public channel as BitgetRawMessage objects (the JSON text with its envelope).</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "BitgetMessage", DefaultParameterSetName = DefaultParameterSet)]
[OutputType(typeof(BitgetRawMessage))]
public sealed class ReceiveBitgetMessageCommand : ReceiveBitgetCommand<BitgetRawMessage>
{
    private string _channel = "";

    /// <summary>
    /// The channel, as Bitget names it: ticker, trade, books, books1, books5, books15, candle1m, …, or one the module does
    /// not model (v3: rpi-books5, …; publicTrade is trade). Sent as given (channel names are case-sensitive).
    /// </summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.ChannelCompleter))]
    public string Channel { get; set; } = "";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _channel = Channel.Trim();
        if (_channel.Length == 0 || _channel.Length > 64 || !_channel.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            ThrowTerminatingError(BitgetErrorRecords.InvalidArgument(new Bitget.Stream.Protocol.BitgetArgumentException("Channel", Channel,
                $"'{Channel}' is not a Bitget channel name (letters, digits, '-' and '_', e.g. books5).")));
        // On v3 a user may type the wire's topic name (publicTrade); the module's topics use one spelling on both APIs.
        if (Bitget.Stream.Protocol.WireDialect.For(TargetApi).ChannelOfName(_channel) is not { } mapped)
            ThrowTerminatingError(BitgetErrorRecords.InvalidArgument(new Bitget.Stream.Protocol.BitgetArgumentException("Channel", Channel,
                $"'{Channel}' needs an interval on the Unified API: use candle<interval> (e.g. candle1m) or Receive-BitgetCandle.")));
        else
            _channel = mapped;

        // v3's account-wide private topics (adl-notification, …) live under instType UTA, with no symbol, on a private
        // session only: a session this command opens itself is public.
        _accountWide = InstType is not null && string.Equals(InstType.Trim(), Bitget.Stream.Protocol.BitgetInstTypes.Unified, StringComparison.OrdinalIgnoreCase);
        var session = MyInvocation.BoundParameters.ContainsKey(nameof(Session)) ? Session
            : MyInvocation.BoundParameters.ContainsKey(nameof(Endpoint)) ? null : DefaultSession;
        if (_accountWide && session is not { IsPrivate: true })
            ThrowTerminatingError(BitgetErrorRecords.InvalidArgument(new Bitget.Stream.Protocol.BitgetArgumentException("InstType", InstType!,
                "UTA topics are private: pass -Session with a session from Connect-BitgetStream -Private -Api Unified.")));
    }

    private bool _accountWide;

    private protected override bool TopicsWithoutSymbols => _accountWide;

    private protected override string ChannelName => _channel;

    private protected override string ItemNoun => "message";

    private protected override bool MatchesFilter(BitgetRawMessage item, string? instType) =>
        (instType is null || item.InstType == instType) && item.Channel == _channel;
}
