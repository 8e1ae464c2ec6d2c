using System.Management.Automation;
using Bitget.Stream.Models;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Returns tickers the session has kept: the latest per symbol, or the last N per symbol.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BitgetTicker")]
[OutputType(typeof(BitgetTicker))]
public sealed class GetBitgetTickerCommand : BitgetCmdlet
{
    /// <summary>Only these symbols (case-insensitive); default all the session has.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InstId")]
    [ValidateNotNullOrEmpty]
    public string[]? Symbol { get; set; }

    /// <summary>
    /// Only tickers of this instType: USDT-FUTURES, COIN-FUTURES, USDC-FUTURES, SPOT or a demo type (v1 names map with a
    /// warning); default every instType. Spot and futures tickers of one symbol are kept apart: each ticker's InstType
    /// says which it is.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.InstTypeCompleter))]
    public string? InstType { get; set; }

    /// <summary>The last N tickers of each symbol, oldest first (at most the session's BufferDepth); default only the latest.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; }

    /// <summary>The session (default: the runspace's default session).</summary>
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(Completion.SessionCompleter))]
    public BitgetSession? Session { get; set; }

    private readonly Dictionary<string, string> _instTypes = new(StringComparer.Ordinal);

    // Piped objects repeat their instType: a v1 name is mapped (and warned about) once per command.
    private string NormalizeInstTypeOnce(string instType)
    {
        if (!_instTypes.TryGetValue(instType, out var normalized))
            _instTypes[instType] = normalized = NormalizeInstType(instType);
        return normalized;
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var session = ResolveSession(Session);
        if (session is null)
        {
            ThrowTerminatingError(BitgetErrorRecords.NoSession());
            return;
        }
        var symbols = Symbol is null ? null : new HashSet<string>(Symbol, StringComparer.OrdinalIgnoreCase);
        var instType = InstType is null ? null : NormalizeInstTypeOnce(InstType);
        Func<BitgetTicker, bool>? match = symbols is null && instType is null ? null
            : t => (symbols is null || symbols.Contains(t.Symbol)) && (instType is null || t.InstType == instType);
        var buffer = session.Buffers.Of<BitgetTicker>();
        var depth = buffer.DepthPerKey;
        if (Last > depth)
            WriteVerbose(depth < buffer.CapacityPerKey
                ? $"Session '{session.Name}' keeps {depth} ticker(s) per symbol now: its {buffer.KeyCount} symbols share {buffer.TotalCapacity} (BufferLimit); -Last {Last} returns at most {depth} per symbol."
                : $"Session '{session.Name}' keeps {depth} ticker(s) per symbol (BufferSize); -Last {Last} returns at most {depth} per symbol.");
        var tickers = Last > 0 ? buffer.Last(Last, match) : buffer.Latest(match);
        foreach (var ticker in tickers)
            WriteObject(ticker);
    }
}
