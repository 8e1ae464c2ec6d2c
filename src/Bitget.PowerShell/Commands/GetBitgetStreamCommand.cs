using System.Management.Automation;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the Bitget sessions of the runspace with their live state and counters.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BitgetStream")]
[OutputType(typeof(BitgetSession))]
public sealed class GetBitgetStreamCommand : BitgetCmdlet
{
    /// <summary>Session names; wildcards allowed. All sessions when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.SessionNameCompleter))]
    public string[]? Name { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var all = Sessions.All;
        if (Name is null)
        {
            WriteObject(all, enumerateCollection: true);
            return;
        }
        foreach (var name in Name)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var matches = all.Where(s => pattern.IsMatch(s.Name)).ToArray();
            if (matches.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                WriteError(BitgetErrorRecords.SessionNotFound(name));
            WriteObject(matches, enumerateCollection: true);
        }
    }
}
