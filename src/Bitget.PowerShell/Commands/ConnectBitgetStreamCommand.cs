using System.Management.Automation;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Opens a Bitget streaming session and makes it the default session of the runspace.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "BitgetStream", DefaultParameterSetName = PublicParameterSet)]
[OutputType(typeof(BitgetSession))]
public sealed class ConnectBitgetStreamCommand : BitgetCmdlet
{
    private const string PublicParameterSet = "Public";
    private const string EndpointParameterSet = "Endpoint";
    private const string ReplayParameterSet = "Replay";

    /// <summary>The WebSocket endpoint, e.g. a local mock exchange (ws://127.0.0.1:8765/v2/ws/public).</summary>
    [Parameter(ParameterSetName = EndpointParameterSet, Mandatory = true)]
    [ValidateNotNull]
    public Uri Endpoint { get; set; } = null!;

    /// <summary>Use Bitget's demo-trading endpoint (wspap.bitget.com).</summary>
    [Parameter(ParameterSetName = PublicParameterSet)]
    public SwitchParameter Demo { get; set; }

    /// <summary>Store every received frame with its receipt time in this file (JSON lines; gzip when it ends in .gz).</summary>
    [Parameter(ParameterSetName = PublicParameterSet)]
    [Parameter(ParameterSetName = EndpointParameterSet)]
    [ValidateNotNullOrEmpty]
    public string? RecordPath { get; set; }

    /// <summary>Play a recording (-RecordPath) instead of connecting: every cmdlet works offline on it.</summary>
    [Parameter(ParameterSetName = ReplayParameterSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string ReplayPath { get; set; } = "";

    /// <summary>0 plays the recording as fast as its consumers take it (default), 1 at the recorded pace, N times faster.</summary>
    [Parameter(ParameterSetName = ReplayParameterSet)]
    [ValidateRange(0.0, 1_000_000.0)]
    public double ReplaySpeed { get; set; }

    /// <summary>Seconds between pings (Bitget expects one at least every 30 s).</summary>
    [Parameter]
    [ValidateRange(1, 120)]
    public int PingInterval { get; set; } = 30;

    /// <summary>Seconds of silence after a ping before the connection is replaced.</summary>
    [Parameter]
    [ValidateRange(1, 300)]
    public int PongTimeout { get; set; } = 10;

    /// <summary>Consecutive failed reconnects before the session gives up; 0 (default) retries forever.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaxReconnectAttempts { get; set; }

    /// <summary>Items kept per kind and symbol for Get-BitgetTicker (default 1,000; memory grows with it and the symbols).</summary>
    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int BufferSize { get; set; } = BitgetSession.DefaultBufferSize;

    /// <summary>A name for the session (default Bitget1, Bitget2, …).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (Name is not null && Sessions.IsNameTaken(Name))
            ThrowTerminatingError(BitgetErrorRecords.SessionNameInUse(Name));

        var endpoint = ParameterSetName == EndpointParameterSet
            ? Endpoint
            : Demo ? BitgetSessionOptions.DemoPublicEndpoint : BitgetSessionOptions.PublicEndpoint;
        BitgetStreamSession stream;
        try
        {
            stream = new BitgetStreamSession(new BitgetSessionOptions
            {
                Endpoint = endpoint,
                Name = Name ?? "Bitget",
                PingInterval = TimeSpan.FromSeconds(PingInterval),
                PongTimeout = TimeSpan.FromSeconds(PongTimeout),
                MaxReconnectAttempts = MaxReconnectAttempts,
                RecordPath = RecordPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(RecordPath),
                ReplayPath = ParameterSetName == ReplayParameterSet ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(ReplayPath) : null,
                ReplaySpeed = ReplaySpeed,
            });
        }
        catch (BitgetArgumentException ex) when (ex.ParamName == nameof(BitgetSessionOptions.ReplayPath))
        {
            ThrowTerminatingError(new ErrorRecord(ex, "ReplayFileNotFound", ErrorCategory.ObjectNotFound, ex.Value));
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "RecordFileFailed", ErrorCategory.WriteError, RecordPath));
            return;
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "InvalidEndpoint", ErrorCategory.InvalidArgument, endpoint));
            return;
        }

        if (!Connect(stream))
            return;

        var session = Sessions.Add(stream, Name, BufferSize);
        if (session is null)
        {
            stream.Dispose();
            ThrowTerminatingError(BitgetErrorRecords.SessionNameInUse(Name!));
            return;
        }
        WriteObject(session);
    }
}
