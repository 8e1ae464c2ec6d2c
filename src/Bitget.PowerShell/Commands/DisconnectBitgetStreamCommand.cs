using System.Management.Automation;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Closes Bitget sessions: stops their -Action jobs and closes their sockets.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "BitgetStream", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class DisconnectBitgetStreamCommand : BitgetCmdlet
{
    /// <summary>The sessions to close; the default session when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(Completion.SessionCompleter))]
    public BitgetSession[]? Session { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var sessions = Session ?? (Sessions.Default is { } current ? [current] : null);
        if (sessions is null)
        {
            WriteError(BitgetErrorRecords.NoSession());
            return;
        }
        foreach (var session in sessions)
        {
            if (ShouldProcess($"{session.Name} ({session.Endpoint})", "Disconnect"))
            {
                WriteVerbose($"Closing session '{session.Name}' ({session.MessagesReceived} messages, {session.ReconnectCount} reconnects).");
                session.Close();
            }
        }
    }
}
