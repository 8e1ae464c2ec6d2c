using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Websocket.Client;

namespace Bitget.EndToEnd;

/// <summary>
/// Layer breakdown between (d) and (a), same flood: (w) Websocket.Client configured as the session configures it, with a
/// handler that only counts, and (p) the same plus BitgetFrameParser on the receive thread (no feed, no consumer thread).
/// (d)→(w) is the transport library's cost, (w)→(p) the parser's, (p)→(a) the session, the feed and the hand-off.
/// </summary>
internal static class WebsocketClientScenario
{
    /// <param name="options">Window and topics.</param>
    /// <param name="parse">Whether the handler parses (p) or only counts (w).</param>
    /// <param name="rate">0 = flood; else the mock's fixed rate (row bp: the parse-only floor of (b)).</param>
    public static async Task<BenchResult> RunAsync(BenchOptions options, bool parse, int rate = 0)
    {
        await using var mock = rate > 0
            ? await MockProcess.StartAsync("--rate", rate.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : await MockProcess.StartAsync("--flood");
        using var client = new WebsocketClient(mock.Endpoint)
        {
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            LostReconnectTimeout = null,
            IsTextMessageConversionEnabled = false,
        };
        var items = new Counter();
        var parser = new BitgetFrameParser();
        var tickers = new List<BitgetTicker>(4);
        long bad = 0;
        string? firstBad = null;
        using var subscription = client.MessageReceived.Subscribe(message =>
        {
            if (parse && message.Binary is { } bytes)
            {
                tickers.Clear();
                var frame = parser.Parse(bytes, DateTimeOffset.UtcNow, tickers);
                if (frame.Kind == BitgetFrameKind.Invalid && bad++ == 0)
                    firstBad = $"{frame.InvalidReason}: {BitgetFrameParser.Excerpt(bytes)}";
                if (frame.Kind != BitgetFrameKind.Push)
                    return;
            }
            items.Increment();
        });
        await client.StartOrFail();
        foreach (var request in BenchTopics.SubscribeRequests(options.Symbols))
            client.Send(request);

        var window = await MeasuredWindow.RunAsync(() => items.Value, options, mock);
        await client.StopOrFail(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye").WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { });
        if (rate > 0)
        {
            return new BenchResult("bp", $"(p) at a fixed {rate:N0} tickers/s: transport + parser only", window.Rate, "tickers/s",
                window.Meter.CostPer(window.Items), "the floor of (b): no session, feed or consumer thread");
        }
        return parse
            ? new BenchResult("p", "Websocket.Client + BitgetFrameParser on its receive thread (flood)", window.Rate, "tickers/s",
                window.Meter.CostPer(window.Items), $"no feed, no consumer thread; invalid frames {bad}{(firstBad is null ? "" : ", first: " + firstBad)}")
            : new BenchResult("w", "Websocket.Client as the session sets it up, handler only counts (flood)", window.Rate, "frames/s",
                window.Meter.CostPer(window.Items), "bytes handed over as a byte[] per frame (IsTextMessageConversionEnabled = false)");
    }
}
