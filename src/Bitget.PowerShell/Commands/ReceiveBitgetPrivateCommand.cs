using Bitget.Stream.Models;
using System.Management.Automation;
using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// What the private <c>Receive-Bitget&lt;Kind&gt;</c> cmdlets add to <see cref="ReceiveBitgetCommand{T}"/>: the session
/// must be a private one (Connect-BitgetStream -Private), and without -Symbol the topic is the account-wide
/// <c>default</c> one. Every event the session receives is written; one the pipeline could not keep up with is counted
/// and reported in a warning.
/// </summary>
/// <typeparam name="T">The private item type, e.g. <c>BitgetOrder</c>.</typeparam>
public abstract class ReceiveBitgetPrivateCommand<T> : ReceiveBitgetCommand<T> where T : class
{
    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (ParameterSetName == "Endpoint")
            ThrowTerminatingError(BitgetErrorRecords.PrivateSessionRequired(MyInvocation.MyCommand.Name));
        PrivateCommandSupport.RequirePrivate(this, ParameterSetName == "Session" ? Session : null, Sessions.Default);
        base.BeginProcessing();
    }

    private readonly List<Func<string, string, bool>> _localFilters = [];
    private bool _everything;

    /// <summary>The item's symbol (coin, for balances) and instType, for the local filter of a Unified session.</summary>
    private protected abstract (string Symbol, string InstType) KeyOf(T item);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Symbol is { Length: > 0 } && !PrivateScope.TakesSymbols(ChannelName) && TargetApi == BitgetApi.Classic)
            PrivateCommandSupport.Topics(this, ChannelName, Symbol, InstType); // ends the command with the reason
        Symbol = Symbol is { Length: > 0 } ? Symbol : [PrivateScope.All];
        base.ProcessRecord();
    }

    // On Unified one account-wide topic carries every product: what each input object asked for filters locally.
    private protected override IEnumerable<BitgetTopic> TopicsOf(string[]? symbols, string? instType, ISet<string> warned)
    {
        if (TargetApi == BitgetApi.Classic)
            return base.TopicsOf(symbols, instType, warned);
        if (PrivateCommandSupport.LocalFilter(symbols, instType) is { } filter)
            _localFilters.Add(filter);
        else
            _everything = true;
        return PrivateCommandSupport.Topics(this, ChannelName, null, null, TargetApi);
    }

    private protected override bool Accept(T item)
    {
        if (_everything || _localFilters.Count == 0)
            return true;
        var (symbol, instType) = KeyOf(item);
        return _localFilters.Any(f => f(symbol, instType));
    }
}
