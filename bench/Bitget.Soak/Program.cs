using System.Diagnostics;
using System.Globalization;
using Bitget.EndToEnd;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;
using Bitget.Stream.Session;

namespace Bitget.Soak;

/// <summary>
/// Streams N symbols through one session from the mock exchange (a child process) for a set time, injecting a fault
/// every few seconds, and prints what a recorder would care about: tickers delivered against pushes sent, reconnects,
/// time from the server being healthy again to the first ticker and to every symbol (p50/p99), silent stalls, and
/// memory over time. <c>--api Unified</c> runs the same on the mock's v3 socket (the same market and faults). Not part of
/// CI: <c>dotnet run -c Release --project bench/Bitget.Soak -- --minutes 5</c>.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        SoakOptions o;
        try
        {
            o = SoakOptions.Parse(args);
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine(ex.Message + Environment.NewLine + SoakOptions.Usage);
            return 2;
        }

        await using var mock = await MockProcess.StartAsync("--interval-ms", o.IntervalMs.ToString(CultureInfo.InvariantCulture));
        using var control = new MockControl(mock.Endpoint);
        var stallAfter = TimeSpan.FromSeconds(o.PingSeconds + o.PongSeconds + 1);
        var recorder = new DeliveryRecorder(stallAfter);
        // The mock serves both APIs on one port; its banner names the v2 socket.
        var endpoint = o.Api == BitgetApi.Unified ? new Uri(mock.Endpoint, "/v3/ws/public") : mock.Endpoint;
        await using var session = new BitgetStreamSession(new BitgetSessionOptions
        {
            Endpoint = endpoint,
            Api = o.Api,
            Name = "soak",
            PingInterval = TimeSpan.FromSeconds(o.PingSeconds),
            PongTimeout = TimeSpan.FromSeconds(o.PongSeconds),
        });
        await session.ConnectAsync();
        var topics = Enumerable.Range(1, o.Symbols).Select(i => BitgetTopic.Ticker("USDT-FUTURES", $"SYM{i}USDT")).ToList();
        using var feed = session.Open<BitgetTicker>(topics, capacity: 100_000);
        var warnings = 0;
        using var stop = new CancellationTokenSource();
        var consumer = Task.Run(() =>
        {
            try
            {
                Consume();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        });

        void Consume()
        {
            while (!stop.IsCancellationRequested)
            {
                switch (feed.Take(TimeSpan.FromMilliseconds(200), stop.Token, out var ticker, out var notice))
                {
                    case BitgetFeedResult.Item:
                        recorder.OnTicker(ticker!.Symbol);
                        break;
                    case BitgetFeedResult.Notice when notice!.Kind is BitgetNoticeKind.Warning or BitgetNoticeKind.Error:
                        Interlocked.Increment(ref warnings);
                        break;
                    case BitgetFeedResult.Completed:
                        return;
                }
            }
        }

        // Everything subscribed and flowing before the clock starts.
        var ready = Stopwatch.StartNew();
        while (session.Subscriptions.Any(s => s.Messages == 0) && ready.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(100);
        Console.WriteLine($"{o.Api} API ({endpoint.AbsolutePath}): {o.Symbols} symbols on {session.ConnectionCount} connection(s), first data for all after {ready.Elapsed.TotalSeconds:0.0} s; " +
            $"soak of {o.Minutes} min, a fault every {o.FaultEverySeconds} s");

        var pushesAtStart = await control.PushesSentAsync();
        var deliveredAtStart = recorder.Delivered;
        var reconnectsAtStart = session.ReconnectCount;
        var process = Process.GetCurrentProcess();
        var memory = new List<(TimeSpan At, long WorkingSet, long Heap)>();
        var recoveries = new List<(Fault Fault, TimeSpan? First, TimeSpan? All)>();
        var clock = Stopwatch.StartNew();
        var duration = TimeSpan.FromMinutes(o.Minutes);
        var nextFault = TimeSpan.FromSeconds(o.FaultEverySeconds);
        var nextMemory = TimeSpan.Zero;
        var faults = o.Faults;
        var faultIndex = 0;
        while (clock.Elapsed < duration)
        {
            recorder.Sample();
            if (clock.Elapsed >= nextMemory)
            {
                process.Refresh();
                // Live managed memory after a full collection: a leak shows as a trend here, garbage does not.
                memory.Add((clock.Elapsed, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true)));
                nextMemory += TimeSpan.FromSeconds(10);
            }
            if (clock.Elapsed >= nextFault)
            {
                var fault = faults[faultIndex++ % faults.Length];
                var (first, all) = await InjectAsync(fault, o, session, control, recorder);
                recoveries.Add((fault, first, all));
                Console.WriteLine($"{clock.Elapsed:mm\\:ss} {fault,-15} first data {Ms(first),8}  all {o.Symbols} symbols {Ms(all),8}  reconnects {session.ReconnectCount}");
                nextFault = clock.Elapsed + TimeSpan.FromSeconds(o.FaultEverySeconds);
            }
            await Task.Delay(100);
        }

        // Let what is in flight arrive, then compare.
        await Task.Delay(1000);
        var pushes = await control.PushesSentAsync() - pushesAtStart;
        var delivered = recorder.Delivered - deliveredAtStart;
        stop.Cancel();
        await consumer;
        process.Refresh();
        memory.Add((clock.Elapsed, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true)));

        Report(o, session, pushes, delivered, session.ReconnectCount - reconnectsAtStart, recorder, recoveries, memory, warnings);
        return recorder.SilentStalls == 0 ? 0 : 1;
    }

    // Injects one fault, waits for the server to be healthy again and for data to come back from every symbol.
    private static async Task<(TimeSpan? First, TimeSpan? All)> InjectAsync(Fault fault, SoakOptions o, BitgetStreamSession session,
        MockControl control, DeliveryRecorder recorder)
    {
        recorder.FaultStarted();
        var before = session.ReconnectCount;
        switch (fault)
        {
            case Fault.Reset:
                await control.PostAsync("/control/drop");
                break;
            case Fault.Close1000:
                await control.PostAsync("/control/close?status=1000&reason=soak");
                break;
            case Fault.HalfOpen:
                await control.PostAsync("/control/options?answerPings=false&sendData=false");
                // The fault lasts until the client notices and replaces its connections.
                var detect = Stopwatch.StartNew();
                while (session.ReconnectCount == before && detect.Elapsed < TimeSpan.FromSeconds(60))
                    await Task.Delay(20);
                await control.PostAsync("/control/options?answerPings=true&sendData=true");
                break;
            case Fault.Outage:
                await control.PostAsync("/control/options?reject=true");
                await control.PostAsync("/control/drop");
                await Task.Delay(TimeSpan.FromSeconds(o.OutageSeconds));
                await control.PostAsync("/control/options?reject=false");
                break;
            case Fault.ServiceUpgrade:
                await control.PostAsync("/control/error?code=30033&msg=service%20upgrade");
                break;
        }
        recorder.FaultCleared();
        var wait = Stopwatch.StartNew();
        (TimeSpan? First, TimeSpan? All) recovery;
        do
        {
            await Task.Delay(10);
            recovery = recorder.Recovery(o.Symbols);
        }
        while (recovery.All is null && wait.Elapsed < TimeSpan.FromSeconds(60));
        recorder.FaultOver();
        return recovery;
    }

    private static string Ms(TimeSpan? t) => t is { } v ? $"{v.TotalMilliseconds:0} ms" : "never";

    private static string Percentile(IEnumerable<TimeSpan?> values, double p)
    {
        var sorted = values.Select(v => v ?? TimeSpan.MaxValue).Order().ToList();
        if (sorted.Count == 0)
            return "-";
        var value = sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
        return value == TimeSpan.MaxValue ? "never" : $"{value.TotalMilliseconds:0} ms";
    }

    private static void Report(SoakOptions o, BitgetStreamSession session, long pushes, long delivered, int reconnects, DeliveryRecorder recorder,
        List<(Fault Fault, TimeSpan? First, TimeSpan? All)> recoveries, List<(TimeSpan At, long WorkingSet, long Heap)> memory, int warnings)
    {
        Console.WriteLine();
        Console.WriteLine($"| soak, {o.Api} API | {o.Symbols} symbols, a push every {o.IntervalMs} ms each ({o.Symbols * 1000 / o.IntervalMs:N0}/s), {o.Minutes} min, ping {o.PingSeconds} s / pong timeout {o.PongSeconds} s, {Environment.ProcessorCount} cores |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| pushes sent by the server | {pushes:N0} |");
        Console.WriteLine($"| tickers delivered | {delivered:N0} ({100.0 * delivered / Math.Max(1, pushes):0.00} %) |");
        Console.WriteLine($"| skipped as duplicate / out of order | {session.DuplicateMessages:N0} / {session.OutOfOrderMessages:N0} |");
        Console.WriteLine($"| dropped by the consumer queue | {session.DroppedMessages:N0} |");
        Console.WriteLine($"| bad frames | {session.BadFrames:N0} |");
        Console.WriteLine($"| faults injected | {recoveries.Count} |");
        Console.WriteLine($"| reconnects | {reconnects} over {session.ConnectionCount} connection(s) |");
        Console.WriteLine($"| silent stalls (no data > {o.PingSeconds + o.PongSeconds + 1:0} s outside a fault) | {recorder.SilentStalls} (longest quiet gap {recorder.LongestQuietGap.TotalMilliseconds:0} ms) |");
        Console.WriteLine($"| warnings and errors reported | {warnings} |");
        Console.WriteLine();
        Console.WriteLine("| fault | n | first data after the server is back, p50 / p99 | all symbols again, p50 / p99 |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var group in recoveries.GroupBy(r => r.Fault))
            Console.WriteLine($"| {group.Key} | {group.Count()} | {Percentile(group.Select(r => r.First), 0.5)} / {Percentile(group.Select(r => r.First), 0.99)} | {Percentile(group.Select(r => r.All), 0.5)} / {Percentile(group.Select(r => r.All), 0.99)} |");
        Console.WriteLine($"| all | {recoveries.Count} | {Percentile(recoveries.Select(r => r.First), 0.5)} / {Percentile(recoveries.Select(r => r.First), 0.99)} | {Percentile(recoveries.Select(r => r.All), 0.5)} / {Percentile(recoveries.Select(r => r.All), 0.99)} |");
        Console.WriteLine();
        Console.WriteLine("| minute | working set | live managed memory (after a full GC) |");
        Console.WriteLine("|---|---|---|");
        foreach (var sample in memory.Where((_, i) => i % 6 == 0 || i == memory.Count - 1))
            Console.WriteLine($"| {sample.At.TotalMinutes:0.0} | {sample.WorkingSet / 1048576.0:0.0} MiB | {sample.Heap / 1048576.0:0.0} MiB |");
    }
}
