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

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Symbol is { Length: > 0 } && !PrivateScope.TakesSymbols(ChannelName))
            PrivateCommandSupport.Topics(this, ChannelName, Symbol, InstType); // ends the command with the reason
        Symbol = Symbol is { Length: > 0 } ? Symbol : [PrivateScope.All];
        base.ProcessRecord();
    }
}
