using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.EndToEnd;

/// <summary>
/// Issue 8's rows: for each arrival pattern, against a <see cref="PatternServer"/> pushing 20 ticker topics, (1) the bare
/// dedicated-thread read of the same frames, (2) BitgetStreamSession → feed → a C# Take loop, with the receive → Take
/// latency, (3) <c>Receive-BitgetTicker … | Measure-Object</c> in the hosted pwsh. CPU per ticker of (2) and (3) is
/// compared with (1) of the same run. Items of (1) and (2) are counted by the reader; items of (3) are the frames the
/// server wrote in the window (Measure-Object shows its count only at the end; a drop would warn, see the notes).
/// The <c>-s3</c> and <c>-ps3</c> rows are (2) and (3) on the server's v3 socket with a Unified session (issue 17).
/// </summary>
internal static class PatternScenarios
{
    public const int Symbols = 20;

    public static async Task<BenchResult> BareAsync(ArrivalPattern pattern, BenchOptions options)
    {
        await using var server = await PatternServerProcess.StartAsync(pattern);
        using var reader = new BareThreadReader(server.Endpoint, Symbols);
        var window = await MeasuredWindow.RunAsync(() => reader.Frames, options, null);
        return new BenchResult($"{pattern.Id}-d", $"bare read on a dedicated thread, {pattern.Label}", window.Rate, "frames/s",
            window.Meter.CostPer(window.Items), "blocking socket, 64 KiB buffer, WebSocket.CreateFromStream, all on one thread: the floor");
    }

    /// <summary>(t) the transport alone: Websocket.Client over the session's transport, its handler only counts.</summary>
    public static async Task<BenchResult> TransportAsync(ArrivalPattern pattern, BenchOptions options)
    {
        await using var server = await PatternServerProcess.StartAsync(pattern);
        using var client = new Websocket.Client.WebsocketClient(server.Endpoint, null, SessionTransport.Factory())
        {
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            IsTextMessageConversionEnabled = false,
        };
        var frames = new Counter();
        using var subscription = client.MessageReceived.Subscribe(_ => frames.Increment());
        await client.StartOrFail();
        foreach (var request in BenchTopics.SubscribeRequests(Symbols))
            client.Send(request);
        var window = await MeasuredWindow.RunAsync(() => frames.Value, options, null);
        return new BenchResult($"{pattern.Id}-t", $"transport only (Websocket.Client on the receive thread), {pattern.Label}", window.Rate, "frames/s",
            window.Meter.CostPer(window.Items), "handler only counts");
    }

    /// <summary>
    /// (s) the session into a C# Take loop. With <paramref name="connections"/> above 1 (m rows) the 20 topics are spread
    /// over that many connections, each pushed at rate / connections, so the total is the pattern's rate.
    /// </summary>
    public static async Task<BenchResult> SessionAsync(ArrivalPattern pattern, BenchOptions options, int connections = 1, BitgetApi api = BitgetApi.Classic)
    {
        await using var server = await PatternServerProcess.StartAsync(connections == 1 ? pattern : pattern with { Rate = pattern.Rate / connections });
        return await SessionAsync(pattern, options, server, connections, api);
    }

    /// <summary>(s) against a running server (the --apis rounds share one), on its v2 or v3 socket.</summary>
    public static async Task<BenchResult> SessionAsync(ArrivalPattern pattern, BenchOptions options, PatternServerProcess server, int connections, BitgetApi api)
    {
        await using var session = new BitgetStreamSession(new BitgetSessionOptions
        {
            Endpoint = api == BitgetApi.Unified ? PatternServer.V3Endpoint(server.Endpoint) : server.Endpoint,
            Api = api,
            Name = "bench-pattern",
            MaxTopicsPerConnection = Symbols / connections,
        });
        using var feed = session.Open<BitgetTicker>(BenchTopics.Channels(Symbols));
        await session.ConnectAsync();
        var latency = new LatencyRecorder((int)(pattern.Rate * options.Seconds * 2) + 10_000);
        var sentLatency = new LatencyRecorder((int)(pattern.Rate * options.Seconds * 2) + 10_000);
        using var consumer = new FeedConsumer(feed, latency, sentLatency,
            sentAt: api == BitgetApi.Unified ? t => t.QuoteVolume : null);
        var window = await MeasuredWindow.RunAsync(() => consumer.Items, options, null,
            starting => latency.Recording = sentLatency.Recording = starting);
        // Two figures: from the session's frame handler (as before), and from the server's write, which also counts the
        // time a frame waits in the kernel for whoever reads the socket (the receive thread).
        var (h50, h99, h999, hmax, _) = latency.Summary();
        var (p50, p99, p999, max, count) = sentLatency.Summary();
        var id = (connections == 1 ? "s" : "m") + (api == BitgetApi.Unified ? "3" : "");
        var over = connections == 1 ? "" : $" over {connections} connections";
        var result = new BenchResult($"{pattern.Id}-{id}",
            $"{(api == BitgetApi.Unified ? "v3 " : "")}session{over} → feed → C# Take loop, {pattern.Label}", window.Rate, "tickers/s",
            window.Meter.CostPer(window.Items),
            $"latency server write→Take µs: p50 {p50:N1}, p99 {p99:N1}, p99.9 {p999:N1}, max {max:N1} ({count:N0} samples); " +
            $"frame handler→Take: p50 {h50:N1}, p99 {h99:N1}, p99.9 {h999:N1}, max {hmax:N1}; dropped {feed.Dropped}");
        result.Extra["p50"] = p50;
        result.Extra["p99"] = p99;
        result.Extra["p999"] = p999;
        return result;
    }

    /// <summary>(pd) the floor for any module: the bare read on the pipeline thread, a pre-built ticker per frame, into Measure-Object.</summary>
    public static async Task<BenchResult> PowerShellBareAsync(ArrivalPattern pattern, BenchOptions options, PowerShellBench ps)
    {
        await using var server = await PatternServerProcess.StartAsync(pattern);
        var result = await ps.MeasureAsync($"{pattern.Id}-pd", $"bare read on the pipeline thread | Measure-Object, {pattern.Label}",
            "Receive-BenchBareFrame -Endpoint $ep | Measure-Object", options, null,
            new Dictionary<string, object?> { ["ep"] = server.Endpoint },
            count: () => server.Sent);
        return result with { Unit = "tickers/s" };
    }

    /// <summary>(ps), or on the v3 socket (ps3: an -Endpoint whose path is /v3/ws/… implies -Api Unified).</summary>
    public static async Task<BenchResult> PowerShellAsync(ArrivalPattern pattern, BenchOptions options, PowerShellBench ps, BitgetApi api = BitgetApi.Classic)
    {
        await using var server = await PatternServerProcess.StartAsync(pattern);
        var v3 = api == BitgetApi.Unified;
        var result = await ps.MeasureAsync($"{pattern.Id}-ps{(v3 ? "3" : "")}", $"Receive-BitgetTicker{(v3 ? " (v3)" : "")} | Measure-Object, {pattern.Label}",
            "Receive-BitgetTicker $symbols -Endpoint $ep | Measure-Object", options, null,
            new Dictionary<string, object?> { ["symbols"] = BenchTopics.Symbols(Symbols), ["ep"] = (v3 ? PatternServer.V3Endpoint(server.Endpoint) : server.Endpoint).AbsoluteUri },
            count: () => server.Sent);
        return result with { Unit = "tickers/s" };
    }
}
