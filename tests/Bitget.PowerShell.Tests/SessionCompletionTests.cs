using System.Management.Automation;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// -Session (and Get-BitgetStream -Name) completion through TabExpansion2, as a console does it: on every cmdlet that has
/// -Session, with session names that need quoting, the completed line parses and its -Session argument is that session.
/// </summary>
public sealed class SessionCompletionTests : IDisposable
{
    private readonly ModuleHost _host = new();

    // A name with a space, one with both kinds of single quote (PowerShell reads ’ as ') and characters that mean something
    // unquoted: each must come out as text that runs.
    private static readonly string[] s_names = ["mock", "my session", "o'neil’s (x) $y"];

    // Completes at the cursor and returns each completed line with what it did: parse errors, and the session that the
    // -Session argument (or, for -Name, the command) gets. Nothing completed is run: a completion is read as
    // (Get-BitgetStream -Name <constant>) or Get-BitgetStream -Name <constant>, and only that name is looked up (without a
    // completer PowerShell offers file names, and running one would start a program).
    private const string CompleteScript = """
        function NameOf($command) {
            if ($command -isnot [System.Management.Automation.Language.CommandAst] -or $command.GetCommandName() -ne 'Get-BitgetStream') { return $null }
            $parts = @($command.CommandElements)
            $at = [array]::FindIndex([object[]] $parts, [Predicate[object]] { param($e) $e -is [System.Management.Automation.Language.CommandParameterAst] -and $e.ParameterName -eq 'Name' })
            if ($at -lt 0 -or $parts[$at + 1] -isnot [System.Management.Automation.Language.StringConstantExpressionAst]) { return $null }
            $parts[$at + 1].Value
        }
        function Complete([string] $line, [int] $cursor) {
            $r = TabExpansion2 -inputScript $line -cursorColumn $cursor
            foreach ($m in $r.CompletionMatches) {
                $text = $line.Substring(0, $r.ReplacementIndex) + $m.CompletionText + $line.Substring($r.ReplacementIndex + $r.ReplacementLength)
                $tokens = $null; $errors = $null
                $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref] $tokens, [ref] $errors)
                $command = $ast.Find({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)
                $elements = @($command.CommandElements)
                $at = [array]::FindIndex([object[]] $elements, [Predicate[object]] { param($e) $e -is [System.Management.Automation.Language.CommandParameterAst] -and $e.ParameterName -eq 'Session' })
                $name = if ($errors.Count -gt 0) { $null }
                    elseif ($at -ge 0) {
                        $argument = $elements[$at + 1]
                        if ($argument -is [System.Management.Automation.Language.ParenExpressionAst]) { NameOf $argument.Pipeline.PipelineElements[0] }
                    }
                    else { NameOf $command }
                $names = if ($null -eq $name) { "(not a Get-BitgetStream -Name expression: $($m.CompletionText))" } else { @(Get-BitgetStream -Name $name | ForEach-Object Name) -join '|' }
                [pscustomobject]@{ Line = $line; Text = $text; Item = $m.ListItemText; Errors = $errors.Count; Names = $names }
            }
        }
        foreach ($n in $names) { Connect-BitgetStream -ReplayPath $sample -Name $n | Out-Null }
        """;

    private static string Sample => Path.Combine(ModuleHost.RepoRoot, "module", "samples", "bitget-sample.jsonl.gz");

    private List<PSObject> Run(string script)
    {
        var run = _host.Invoke(CompleteScript + "\n" + script, new Dictionary<string, object?> { ["names"] = s_names, ["sample"] = Sample });
        Assert.True(run.Errors.Count == 0, string.Join(" | ", run.Errors));
        return [.. run.Output];
    }

    private static void AssertRuns(PSObject result)
    {
        var text = (string)result.Properties["Text"].Value;
        Assert.True((int)result.Properties["Errors"].Value == 0, $"'{text}' does not parse");
        Assert.True((string)result.Properties["Item"].Value == (string)result.Properties["Names"].Value,
            $"'{text}' gets session(s) '{result.Properties["Names"].Value}', not '{result.Properties["Item"].Value}'");
    }

    [Fact]
    public void EveryCmdletWithSessionCompletesItWithTextThatRuns()
    {
        var results = Run("""
            $commands = Get-Command -Module Bitget | Where-Object { $_.Parameters.ContainsKey('Session') } | Sort-Object Name
            foreach ($c in $commands) {
                foreach ($typed in '', 'm', 'my', "'my", '"my', 'o') {
                    $line = "$($c.Name) -Session $typed"
                    Complete $line $line.Length
                }
            }
            """);
        var byCommand = results.GroupBy(r => ((string)r.Properties["Line"].Value).Split(' ')[0]).ToDictionary(g => g.Key, g => g.ToList());
        // The ones the issue found without completion are among them.
        foreach (var command in new[] { "Get-BitgetTicker", "Register-BitgetOrder", "Unregister-BitgetOrder", "Register-BitgetFill", "Unregister-BitgetAccount", "Register-BitgetPosition", "Receive-BitgetTicker", "Disconnect-BitgetStream" })
            Assert.True(byCommand.ContainsKey(command), $"{command} -Session completes nothing");
        foreach (var (command, list) in byCommand)
        {
            // With nothing typed every session is offered.
            Assert.Equal(s_names, list.Where(r => ((string)r.Properties["Line"].Value).EndsWith("-Session ", StringComparison.Ordinal))
                .Select(r => (string)r.Properties["Item"].Value));
            Assert.All(list, AssertRuns);
        }
    }

    [Fact]
    public void GetBitgetStreamNameCompletesQuotedWhereANameNeedsIt()
    {
        var results = Run("""
            foreach ($typed in '', 'my', "'my", 'o') {
                $line = "Get-BitgetStream -Name $typed"
                Complete $line $line.Length
            }
            # Inside a -Session expression already typed: the cursor at the end of the name, before the closing parenthesis.
            $line = "Get-BitgetTicker -Session (Get-BitgetStream -Name 'my session') -Last 1"
            Complete $line $line.IndexOf("')") + 1
            """);
        Assert.Equal(s_names, results.Where(r => ((string)r.Properties["Line"].Value).EndsWith("-Name ", StringComparison.Ordinal))
            .Select(r => (string)r.Properties["Item"].Value));
        Assert.Contains(results, r => ((string)r.Properties["Text"].Value).StartsWith("Get-BitgetTicker -Session (Get-BitgetStream -Name 'my session') -Last 1", StringComparison.Ordinal));
        Assert.All(results, AssertRuns);
        // A plain name stays plain.
        Assert.Contains(results, r => (string)r.Properties["Text"].Value == "Get-BitgetStream -Name mock");
    }

    public void Dispose()
    {
        _host.Invoke("Get-BitgetStream | Disconnect-BitgetStream");
        _host.Dispose();
    }
}
