using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;
using Bitget.Stream.Tests.Private;
using Bitget.Stream.Tests.Transport;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// A hostile server's text (bad frames, close reasons, error messages, login refusals, upgrade answers) carrying
/// terminal escape sequences: whatever the session shows of it (notices, exception messages, end reasons) has every
/// control character escaped and is length-capped, while the data objects keep the server's text exactly.
/// </summary>
public sealed class HostileServerTextTests : SessionHarness
{
    // Sets the window title to "pwned", then clears the screen (OSC 0 ... BEL, CSI 2 J).
    private const string Hostile = "\u001b]0;pwned\u0007\u001b[2J";
    private const string HostileEscaped = "\\u001b]0;pwned\\u0007\\u001b[2J";

    /// <summary>Fails when <paramref name="text"/> holds anything a terminal could act on instead of showing it.</summary>
    internal static void AssertShowable(string? text, int maxLength = 2000)
    {
        Assert.NotNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            Assert.False(char.IsControl(c), $"control character U+{(int)c:X4} at {i} in: {text}");
            Assert.False(category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator,
                $"format character U+{(int)c:X4} at {i} in: {text}");
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else
                Assert.False(char.IsSurrogate(c), $"lone surrogate U+{(int)c:X4} at {i} in: {text}");
        }
        Assert.True(text.Length <= maxLength, $"{text.Length} characters: {text}");
    }

    /// <summary>Every message of an exception and of its inner exceptions.</summary>
    internal static void AssertShowable(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            AssertShowable(ex.Message);
    }

    private async Task<(BitgetStreamSession Session, BitgetFeed<BitgetTicker> Feed)> StreamingAsync()
    {
        var session = NewSession();
        await session.ConnectAsync();
        session.Subscribe([Btc]);
        // Every notice of the session, whichever topic it concerns.
        var feed = session.Open<BitgetTicker>(null);
        TakeTicker(feed);
        return (session, feed);
    }

    [Fact]
    public async Task ABadTextFrameIsShownEscapedAndCapped()
    {
        var (_, feed) = await StreamingAsync();
        await _mock.BroadcastRawAsync(Hostile + new string('\u001b', 50_000));
        var notice = TakeNotice(feed, n => n.Message.Contains("bad frame", StringComparison.Ordinal));
        AssertShowable(notice.Message, maxLength: 1000);
        Assert.Contains(HostileEscaped, notice.Message);
        Assert.Contains("more bytes)", notice.Message);
    }

    [Fact]
    public async Task ABinaryFrameWithEscapeBytesIsShownEscaped()
    {
        var (_, feed) = await StreamingAsync();
        // ESC sequences, C1 CSI (U+009B, UTF-8 C2 9B), a lone 0x9B and 0xFF (not UTF-8).
        await _mock.BroadcastBinaryAsync([.. Encoding.UTF8.GetBytes(Hostile), 0xC2, 0x9B, (byte)'1', (byte)'m', 0x9B, 0xFF]);
        var notice = TakeNotice(feed, n => n.Message.Contains("bad frame", StringComparison.Ordinal));
        AssertShowable(notice.Message);
        Assert.Contains(HostileEscaped + "\\u009b1m\\x9b\\xff", notice.Message);
    }

    [Fact]
    public async Task ACloseReasonIsShownEscaped()
    {
        var (_, feed) = await StreamingAsync();
        await _mock.CloseAllConnectionsAsync(WebSocketCloseStatus.NormalClosure, Hostile);
        var notice = TakeNotice(feed, n => n.Message.StartsWith("Lost the connection", StringComparison.Ordinal));
        AssertShowable(notice.Message);
        Assert.Contains(HostileEscaped, notice.Message);
    }

    [Fact]
    public async Task AnErrorEventsMessageIsShownEscapedAndKeptExactInTheException()
    {
        var (session, feed) = await StreamingAsync();
        var msg = Hostile + "\u009b2J \u202egnp.exe " + new string('x', 5000);
        await _mock.BroadcastErrorAsync(BitgetErrorCodes.ParamError, msg, "USDT-FUTURES", "ticker", "BTCUSDT");
        var notice = TakeNotice(feed, n => n.Kind == BitgetNoticeKind.Error);
        AssertShowable(notice.Message, maxLength: 1000);
        Assert.Contains(HostileEscaped + "\\u009b2J \\u202egnp.exe x", notice.Message);
        Assert.Contains("more chars)", notice.Message);
        var error = Assert.IsType<BitgetServerException>(notice.Exception);
        AssertShowable(error);
        AssertShowable(error.Hint);
        // The data keeps what the server sent.
        Assert.Equal(msg, error.ServerMessage);
        AssertShowable(session.Subscriptions.Single().LastError);
    }

    [Fact]
    public async Task AnEchoedTopicIsShownEscaped()
    {
        var (_, feed) = await StreamingAsync();
        // Raw in the JSON (not as \u escapes, which the envelope keeps as they are written): C1 CSI and a bidi override
        // are valid in a JSON string; C0 characters are not (such a frame is a bad frame, shown above).
        await _mock.BroadcastRawAsync(
            "{\"event\":\"error\",\"arg\":{\"instType\":\"USDT-FUTURES\u009b2J\",\"channel\":\"ticker\",\"instId\":\"BTC\u009b2J\u202eUSDT\"},\"code\":30001,\"msg\":\"Channel does not exist\",\"op\":\"subscribe\"}");
        var notice = TakeNotice(feed, n => n.Kind == BitgetNoticeKind.Error);
        AssertShowable(notice.Message);
        AssertShowable(notice.Target);
        var error = Assert.IsType<BitgetServerException>(notice.Exception);
        AssertShowable(error);
        AssertShowable(error.Hint);
        Assert.True(error.Message.Contains("[USDT-FUTURES\\u009b2J/ticker/BTC\\u009b2J\\u202eUSDT]", StringComparison.Ordinal), error.Message);
        Assert.Equal("BTC\u009b2J\u202eUSDT", error.InstId);
    }

    [Fact]
    public async Task ALoginRefusalIsShownEscaped()
    {
        _mock.Options.RefuseLogins = (30005, Hostile);
        var session = NewSession(o => o.Endpoint = _mock.PrivateEndpoint);
        session.EnableLogin(PrivateLoginTests.Credentials(), TimeProvider.System, TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => session.ConnectAsync().WaitAsync(Patience));
        AssertShowable(ex);
        AssertShowable(session.EndReason);
        var server = ex.InnerException?.InnerException as BitgetServerException;
        Assert.NotNull(server);
        Assert.Equal(Hostile, server.ServerMessage);
        Assert.Contains(HostileEscaped, server.Message);
    }

    [Fact]
    public async Task AnUpgradeAnswerWithEscapesIsShownEscaped()
    {
        // Latin-1 status text: 0x9B is the C1 CSI.
        await using var server = new ScriptedServer(async (socket, ct) =>
        {
            using var stream = new NetworkStream(socket);
            await ScriptedServer.ReadHeadAsync(stream, ct);
            await stream.WriteAsync(Encoding.Latin1.GetBytes("HTTP/1.1 403 " + Hostile + "\u009b2J\r\nContent-Length: 0\r\n\r\n"), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var session = NewSession(o => o.Endpoint = server.WsEndpoint());
        var ex = await Assert.ThrowsAsync<BitgetConnectException>(() => session.ConnectAsync().WaitAsync(Patience));
        AssertShowable(ex);
        Assert.Contains("403 " + HostileEscaped + "\\u009b2J", ex.Message);
        AssertShowable(session.EndReason);
    }
}
