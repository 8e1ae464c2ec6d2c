using System.Management.Automation;
using Bitget.Stream.Session;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Subscribes a session to tickers, optionally running a script block for every ticker.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "BitgetTicker")]
[OutputType(typeof(BitgetTickerJob))]
public sealed class RegisterBitgetTickerCommand : BitgetCmdlet
{
    /// <summary>Symbols such as BTCUSDT.</summary>
    [Parameter(Position = 0, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InstId")]
    [ValidateNotNullOrEmpty]
    public string[] Symbol { get; set; } = [];

    /// <summary>
    /// USDT-FUTURES (default), COIN-FUTURES, USDC-FUTURES, SPOT or a demo type; v1 names map with a warning. Binds from
    /// the InstType property of piped objects (tickers, subscriptions), each object with its own.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? InstType { get; set; }

    /// <summary>The session (default: the runspace's default session, connected to Bitget's public endpoint if there is none).</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public BitgetSession? Session { get; set; }

    /// <summary>A script block run for every ticker, with $_ set to the BitgetTicker. Returns a job that Stop-Job stops.</summary>
    [Parameter]
    [ValidateNotNull]
    public ScriptBlock? Action { get; set; }

    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // Per input object: a piped object's InstType belongs to its own Symbol.
        var topics = NormalizeTickerTopics(Symbol, InstType, _warned);
        var session = ResolveSession(Session) ?? ConnectDefault();
        if (session is null)
            return;
        EnsureUsable(session);

        session.Stream.Subscribe(topics);
        WriteVerbose($"Registered {topics.Count} ticker topic(s) on session '{session.Name}'.");
        if (Action is null)
            return;

        var job = new BitgetTickerJob(session, topics, Action, Events, MyInvocation.Line);
        JobRepository.Add(job);
        session.AddJob(job);
        job.Start();
        WriteObject(job);
    }

    private BitgetSession? ConnectDefault()
    {
        WriteVerbose($"No Bitget session yet: connecting to {BitgetSessionOptions.PublicEndpoint}.");
        var stream = new BitgetStreamSession(new BitgetSessionOptions());
        if (!Connect(stream))
            return null;
        return Sessions.Add(stream, null);
    }
}
