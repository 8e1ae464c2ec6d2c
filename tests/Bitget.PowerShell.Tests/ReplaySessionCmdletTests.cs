using System.Management.Automation;

namespace Bitget.PowerShell.Tests;

/// <summary>
/// A replay session as the user meets it: a file that is not a capture is refused at connect with a named error; a replay
/// says that it is one (its state, its endpoint the file) and what it holds before it plays; asking it for a topic it does
/// not hold warns with what it does hold.
/// </summary>
public sealed class ReplaySessionCmdletTests : IDisposable
{
    private readonly ModuleHost _host = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("bitget-replay-session-").FullName;

    private static readonly DateTimeOffset s_start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static string Line(int i, string instType, string channel, string instId)
    {
        var at = s_start.AddSeconds(i);
        var ms = at.ToUnixTimeMilliseconds();
        var data = channel == "ticker"
            ? $$"""[{"instId":"{{instId}}","lastPr":"{{100 + i}}","ts":"{{ms}}"}]"""
            : $$"""[["{{ms}}","1","2","0.5","1.5","10","15","15"]]""";
        var frame = $$"""{"action":"snapshot","arg":{"instType":"{{instType}}","channel":"{{channel}}","instId":"{{instId}}"},"data":{{data}},"ts":{{ms}}}""";
        return System.Text.Json.JsonSerializer.Serialize(new { receivedAt = at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), frame });
    }

    // Three BTCUSDT futures tickers and two ETHUSDT spot 1m candles, 1 s apart, from s_start.
    private string Capture()
    {
        var path = Path.Combine(_folder, "held.jsonl");
        File.WriteAllLines(path, [
            Line(0, "USDT-FUTURES", "ticker", "BTCUSDT"),
            Line(1, "SPOT", "candle1m", "ETHUSDT"),
            Line(2, "USDT-FUTURES", "ticker", "BTCUSDT"),
            Line(3, "SPOT", "candle1m", "ETHUSDT"),
            Line(4, "USDT-FUTURES", "ticker", "BTCUSDT"),
        ]);
        return path;
    }

    private Dictionary<string, object?> Vars(string path) => new() { ["path"] = path };

    [Theory]
    [InlineData("corrupt.jsonl.gz", "random")]
    [InlineData("text.jsonl.gz", "gzip of text")]
    [InlineData("notes.jsonl", "text")]
    public void ACorruptCaptureIsRefusedAtConnectWithANamedError(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        var text = "this is not a capture\nnor is this\n"u8.ToArray();
        if (content == "random")
            File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))]);
        else if (content == "gzip of text")
        {
            using var file = File.Create(path);
            using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest);
            gzip.Write(text);
        }
        else
            File.WriteAllBytes(path, text);

        var run = _host.Invoke("Connect-BitgetStream -ReplayPath $path -Name Corrupt; @(Get-BitgetStream).Count", Vars(path));

        var error = Assert.Single(run.Errors);
        Assert.Equal("ReplayFileInvalid,Bitget.PowerShell.Commands.ConnectBitgetStreamCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(path, error.TargetObject);
        Assert.Contains(name, error.ToString());
        Assert.IsType<InvalidDataException>(error.Exception);
        // Nothing was kept: no session, no default session.
        Assert.Equal(0, Assert.Single(run.Output).BaseObject);
    }

    [Fact]
    public void AReplaySessionShowsThatItIsOneAndWhatItHoldsBeforePlaying()
    {
        var path = Capture();
        var run = _host.Invoke("""
            $r = Connect-BitgetStream -ReplayPath $path -Name Held
            $held = $r.ReplayContents
            [pscustomobject]@{
                State    = "$($r.State)"
                IsFile   = $r.Endpoint.IsFile
                File     = $r.Endpoint.LocalPath
                List     = ($r | Format-List | Out-String -Width 200)
                Table    = ($r | Format-Table | Out-String -Width 200)
                Topics   = @($held.Topics | ForEach-Object ToString)
                Frames   = $held.Frames
                From     = $held.From
                To       = $held.To
                Text     = "$held"
                Messages = $r.MessagesReceived
            }
            $tickers = @(Receive-BitgetTicker BTCUSDT -Session $r).Count
            [pscustomobject]@{ Tickers = $tickers; State = "$($r.State)" }
            """, Vars(path));
        Assert.True(run.Errors.Count == 0, string.Join(" | ", run.Errors));
        Assert.Empty(run.Warnings);
        var before = run.Output[0];
        Assert.Equal("Replaying", before.Properties["State"].Value);
        Assert.Equal(true, before.Properties["IsFile"].Value);
        Assert.Equal(path, before.Properties["File"].Value);
        // The list view shows the Endpoint whole (the table's Host column is the endpoint's authority, empty for a file).
        var list = before.Properties["List"].Value.ToString()!;
        Assert.Contains("held.jsonl", list);
        Assert.Contains("Replaying", list);
        Assert.DoesNotContain("bitget.com", list);
        Assert.DoesNotContain("bitget.com", before.Properties["Table"].Value.ToString());
        Assert.Equal(["SPOT/candle1m/ETHUSDT", "USDT-FUTURES/ticker/BTCUSDT"], ((object[])before.Properties["Topics"].Value).Select(t => t.ToString()));
        Assert.Equal(5L, before.Properties["Frames"].Value);
        Assert.Equal(s_start, before.Properties["From"].Value);
        Assert.Equal(s_start.AddSeconds(4), before.Properties["To"].Value);
        Assert.Contains("2 topic(s)", before.Properties["Text"].Value.ToString());
        // Reading what it holds played nothing.
        Assert.Equal(0L, before.Properties["Messages"].Value);

        var after = run.Output[1];
        Assert.Equal(3, after.Properties["Tickers"].Value);
        Assert.Equal("Closed", after.Properties["State"].Value);
    }

    [Fact]
    public void AskingAReplayForATopicItDoesNotHoldWarnsWithWhatItHolds()
    {
        var path = Capture();
        var run = _host.Invoke("""
            $r = Connect-BitgetStream -ReplayPath $path -Name Missing
            Register-BitgetTicker ETHUSDT -Session $r
            Receive-BitgetTicker BTCUSDT, SOLUSDT -Session $r | ForEach-Object Symbol
            """, Vars(path));
        Assert.True(run.Errors.Count == 0, string.Join(" | ", run.Errors));
        Assert.Equal(["BTCUSDT", "BTCUSDT", "BTCUSDT"], run.Output.Select(o => o.BaseObject.ToString()));
        Assert.Equal(2, run.Warnings.Count);
        Assert.Contains("ETHUSDT", run.Warnings[0]);
        Assert.Contains("SOLUSDT", run.Warnings[1]);
        Assert.DoesNotContain("BTCUSDT (", run.Warnings[1].Split("holds")[0]);
        Assert.All(run.Warnings, w =>
        {
            Assert.Contains("held.jsonl", w);
            Assert.Contains("ticker BTCUSDT (USDT-FUTURES)", w);
            Assert.Contains("candle1m ETHUSDT (SPOT)", w);
        });
    }

    public void Dispose()
    {
        _host.Invoke("Get-BitgetStream | Disconnect-BitgetStream");
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
