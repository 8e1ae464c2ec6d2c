using System.Management.Automation;
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

    /// <summary>The WebSocket endpoint, e.g. a local mock exchange (ws://127.0.0.1:8765/v2/ws/public).</summary>
    [Parameter(ParameterSetName = EndpointParameterSet, Mandatory = true)]
    [ValidateNotNull]
    public Uri Endpoint { get; set; } = null!;

    /// <summary>Use Bitget's demo-trading endpoint (wspap.bitget.com).</summary>
    [Parameter(ParameterSetName = PublicParameterSet)]
    public SwitchParameter Demo { get; set; }

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
        var stream = CreateStream(new BitgetSessionOptions
        {
            Endpoint = endpoint,
            Name = Name ?? "Bitget",
            PingInterval = TimeSpan.FromSeconds(PingInterval),
            PongTimeout = TimeSpan.FromSeconds(PongTimeout),
            MaxReconnectAttempts = MaxReconnectAttempts,
        });

        if (!Connect(stream))
            return;

        var session = Sessions.Add(stream, Name);
        if (session is null)
        {
            stream.Dispose();
            ThrowTerminatingError(BitgetErrorRecords.SessionNameInUse(Name!));
            return;
        }
        WriteObject(session);
    }
}
