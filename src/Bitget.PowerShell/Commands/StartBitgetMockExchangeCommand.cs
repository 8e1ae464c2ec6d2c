using System.Globalization;
using System.Management.Automation;
using System.Net.Sockets;
using Bitget.MockExchange;
using Bitget.PowerShell.Sessions;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Starts a loopback Bitget exchange inside this pwsh (v2 and v3, public and private), for testing scripts offline.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "BitgetMockExchange")]
[OutputType(typeof(BitgetMockExchange))]
public sealed class StartBitgetMockExchangeCommand : PSCmdlet
{
    /// <summary>Close every connection after this many data pushes (about 5 s of one ticker): the Drop scenario.</summary>
    internal const int DropAfterPushes = 50;

    /// <summary>The code and text of every refused login in the LoginFailure scenario (Bitget's "Invalid ACCESS_KEY").</summary>
    internal const int LoginFailureCode = 30011;

    /// <summary>The TCP port on 127.0.0.1; 0 or omitted = a free port, shown in the output's Port.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>Faults: Drop (connections dropped periodically), Stall (no pushes, pings unanswered), LoginFailure (private logins refused with 30011).</summary>
    [Parameter]
    [ValidateSet("Drop", "Stall", "LoginFailure")]
    public string[]? Scenario { get; set; }

    /// <summary>Symbols whose subscriptions (public and private) are refused with error 30001, as for a symbol that does not exist.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidatePattern("^[A-Za-z0-9_]{1,40}$")]
    public string[]? RefuseSymbol { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var scenario = (Scenario ?? []).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(s => s.ToUpperInvariant() switch { "DROP" => "Drop", "STALL" => "Stall", _ => "LoginFailure" })
            .ToArray();
        var refused = (RefuseSymbol ?? []).Select(s => s.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        var options = new MockExchangeOptions { Port = Port };
        foreach (var name in scenario)
        {
            switch (name)
            {
                case "Drop":
                    options.DropAfterPushes = DropAfterPushes;
                    break;
                case "Stall":
                    options.SendData = false;
                    options.AnswerPings = false;
                    break;
                default:
                    options.RefuseLogins = (LoginFailureCode, "Invalid ACCESS_KEY");
                    break;
            }
        }
        foreach (var symbol in refused)
        {
            options.KnownSymbols.Remove(symbol);
            options.RefusedPrivateSymbols.Add(symbol);
        }

        MockBitgetExchange server;
        try
        {
            server = MockBitgetExchange.StartAsync(options).GetAwaiter().GetResult();
        }
        catch (SocketException ex)
        {
            WriteError(StartFailed(ex, Port));
            return;
        }
        var mock = new BitgetMockExchange(server, scenario, refused);
        RunspaceMockRegistry.Current.Add(mock);
        WriteVerbose($"Bitget mock exchange listening on {mock.PublicEndpoint.AbsoluteUri} (v2 private {mock.PrivateEndpoint.AbsoluteUri}, v3 {mock.UnifiedPublicEndpoint.AbsoluteUri}, {mock.UnifiedPrivateEndpoint.AbsoluteUri}).");
        WriteObject(mock);
    }

    private static ErrorRecord StartFailed(SocketException ex, int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        if (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            return new ErrorRecord(new InvalidOperationException($"Port {portText} on 127.0.0.1 is in use (or not allowed): the mock exchange cannot listen on it.", ex),
                "BitgetMockPortInUse", ErrorCategory.ResourceUnavailable, port)
            {
                ErrorDetails = new ErrorDetails($"Port {portText} on 127.0.0.1 is in use (or not allowed): the mock exchange cannot listen on it.")
                {
                    RecommendedAction = "Omit -Port (or use -Port 0) for a free port, and read it from the output's Port and endpoints.",
                },
            };
        return new ErrorRecord(new InvalidOperationException($"The mock exchange cannot listen on 127.0.0.1 port {portText}: {ex.SocketErrorCode}.", ex),
            "BitgetMockStartFailed", ErrorCategory.ResourceUnavailable, port);
    }
}
