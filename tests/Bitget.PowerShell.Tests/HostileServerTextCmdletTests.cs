using System.Globalization;
using System.Management.Automation;
using System.Net.WebSockets;
using Bitget.MockExchange;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// What the cmdlets show of a hostile server's text (a bad frame, a close reason, an error event, a login refusal,
/// a raw push), carrying terminal escape sequences: warnings, verbose lines, error records and the default views hold
/// no control character, only its escape.
/// </summary>
public sealed class HostileServerTextCmdletTests : MockedModuleTests
{
    // Sets the window title to "pwned", then clears the screen (OSC 0 ... BEL, CSI 2 J).
    private const string Hostile = "\u001b]0;pwned\u0007\u001b[2J";
    private const string HostileEscaped = "\\u001b]0;pwned\\u0007\\u001b[2J";

    private Dictionary<string, object?> Vars() => new() { ["ep"] = _mock.PublicEndpoint.ToString(), ["private"] = _mock.PrivateEndpoint.ToString() };

    /// <summary>Fails when <paramref name="text"/> holds anything a terminal could act on instead of showing it.</summary>
    private static void AssertShowable(string? text, bool linesAllowed = false)
    {
        Assert.NotNull(text);
        foreach (var c in text)
        {
            if (linesAllowed && c is '\r' or '\n')
                continue;
            Assert.False(char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format,
                $"U+{(int)c:X4} in: {text}");
        }
    }

    private static void AssertShowable(ErrorRecord error)
    {
        for (var ex = error.Exception; ex is not null; ex = ex.InnerException)
            AssertShowable(ex.Message);
        AssertShowable(error.ErrorDetails?.Message ?? "");
        AssertShowable(error.ErrorDetails?.RecommendedAction ?? "");
        AssertShowable(error.CategoryInfo.ToString());
        AssertShowable(error.TargetObject?.ToString() ?? "");
        AssertShowable(error.ToString());
    }

    [Fact]
    public async Task WarningsVerboseLinesAndErrorsOfAReceiveShowTheServersTextEscaped()
    {
        using var ps = _host.Create("Receive-BitgetTicker BTCUSDT -Endpoint $ep -Timeout 30 -Verbose", Vars());
        var output = new PSDataCollection<PSObject>();
        var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(await _mock.WaitUntilAsync(_ => output.Count >= 1, Patience));

        await _mock.BroadcastRawAsync(Hostile + "{\"event\":\"subscribe\"}");
        Assert.True(await _mock.WaitUntilAsync(_ => ps.Streams.Warning.Any(w => w.Message.Contains("bad frame", StringComparison.Ordinal)), Patience));
        await _mock.CloseAllConnectionsAsync(WebSocketCloseStatus.NormalClosure, Hostile);
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveConnections == 1 && m.ActiveSubscriptions.Count == 1, Patience), "reconnected");
        var beforeError = output.Count;
        Assert.True(await _mock.WaitUntilAsync(_ => output.Count > beforeError, Patience), "streaming again");
        // The only topic refused: the command ends with the server's error.
        await _mock.BroadcastErrorAsync(30016, Hostile + "\u009b2J", "USDT-FUTURES", "ticker", "BTCUSDT");
        await Task.Factory.FromAsync(async, _ => { }).WaitAsync(TimeSpan.FromSeconds(20));

        var warnings = ps.Streams.Warning.Select(w => w.Message).ToList();
        Assert.All(warnings, w => AssertShowable(w));
        Assert.Contains(warnings, w => w.Contains("bad frame", StringComparison.Ordinal) && w.Contains(HostileEscaped, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("Lost the connection", StringComparison.Ordinal) && w.Contains(HostileEscaped, StringComparison.Ordinal));
        Assert.All(ps.Streams.Verbose, v => AssertShowable(v.Message));
        var error = Assert.Single(ps.Streams.Error);
        Assert.StartsWith("BitgetServerError", error.FullyQualifiedErrorId);
        AssertShowable(error);
        Assert.Contains(HostileEscaped + "\\u009b2J", error.ErrorDetails!.Message);
    }

    [Fact]
    public void ALoginRefusalIsAnErrorRecordWithTheServersTextEscaped()
    {
        _mock.Options.RefuseLogins = (30005, Hostile);
        var run = _host.Invoke(
            "Connect-BitgetStream -Endpoint $private -Private -ApiKey $key -ApiSecret (ConvertTo-SecureString $secret -AsPlainText -Force) -Passphrase (ConvertTo-SecureString $pass -AsPlainText -Force)",
            new Dictionary<string, object?>(Vars())
            {
                ["key"] = MockPrivateAccount.Test.ApiKey,
                ["secret"] = MockPrivateAccount.Test.Secret,
                ["pass"] = MockPrivateAccount.Test.Passphrase,
            });
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("BitgetLoginFailed", error.FullyQualifiedErrorId);
        AssertShowable(error);
        // The server's own text is in the inner exception's message, escaped.
        Assert.Contains(HostileEscaped, error.Exception.InnerException!.Message);
    }

    [Fact]
    public async Task TheDefaultViewOfARawMessageShowsItsJsonEscapedAndKeepsTheTextExact()
    {
        _mock.Options.SendData = false;
        using var ps = _host.Create("""
            Receive-BitgetMessage BTCUSDT -Channel ticker -Endpoint $ep -First 1 -Timeout 20 |
                ForEach-Object { [pscustomobject]@{ Json = $_.Json; Text = ($_ | Out-String -Width 400); Line = "$_" } }
            """, Vars());
        var async = ps.BeginInvoke();
        Assert.True(await _mock.WaitUntilAsync(m => m.ActiveSubscriptions.Count == 1, Patience));
        await Task.Delay(200); // the acknowledgement reaches the client first
        // A push whose data holds a C1 CSI and a bidi override, both valid unescaped in a JSON string.
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var push = "{\"action\":\"snapshot\",\"arg\":{\"instType\":\"USDT-FUTURES\",\"channel\":\"ticker\",\"instId\":\"BTCUSDT\"},\"data\":[{\"instId\":\"BTCUSDT\","
            + "\"lastPr\":\"1\",\"bidPr\":\"1\",\"askPr\":\"2\",\"bidSz\":\"1\",\"askSz\":\"1\",\"note\":\"\u009b2J\u202egnp.exe\",\"ts\":\"" + ts + "\"}],\"ts\":" + ts + "}";
        await _mock.BroadcastRawAsync(push);
        var output = await Task.Factory.FromAsync(async, ps.EndInvoke).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Empty(ps.Streams.Error);
        var result = Assert.Single(output);
        Assert.Equal(push, result.Properties["Json"].Value.ToString());
        var text = result.Properties["Text"].Value.ToString();
        AssertShowable(text, linesAllowed: true);
        Assert.Contains("\\u009b2J\\u202egnp.exe", text, StringComparison.Ordinal);
        AssertShowable(result.Properties["Line"].Value.ToString());
    }
}
