using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Bitget.EndToEnd;

/// <summary>
/// One measured run of one <see cref="PeerClient"/> against a pattern server that serves nothing else meanwhile: start
/// the client, wait for the server's first write to it, warm up, then read the client's CPU (<see cref="ChildCpu"/>)
/// and the server's write count at both ends of the window. CPU per ticker is the client's CPU over the window divided
/// by the tickers the server wrote in it (so a client that reads slowly, and makes the server's writes wait, is not
/// made cheaper by it). Half a second after the window the server is held (it writes no more), and the client runs to
/// its end, so that it has had the time to read all that was written: its own count must equal what the server wrote
/// to it (a client that drops must not look cheap).
/// </summary>
internal sealed record PeerRun(double CpuMicrosPerTicker, double WrittenPerSecond, long Received, long Written, bool PreciseCpu, string Output)
{
    /// <summary>Tickers the server wrote to the client that it did not count (negative: counted more than written).</summary>
    public long Missing => Written - Received;

    public static async Task<PeerRun> MeasureAsync(PeerClient client, PatternServerProcess server, string[] symbols, BenchOptions options)
    {
        server.Hold(false);
        var before = server.Sent;
        // The client runs past the window's end by this much (pwsh's -Timeout counts from the cmdlet's start, and a
        // client slow to start under load reaches its first ticker late): the server is held 0.5 s after the window,
        // and the client must then still have time to read what is in flight (2 s left it under a second once).
        var seconds = (int)Math.Ceiling(options.Warmup + options.Seconds + 4);
        using var process = Process.Start(client.Start(server.Endpoint, seconds, symbols)) ?? throw new InvalidOperationException($"could not start {client.Id}");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        var firstBy = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (server.Sent == before)
        {
            if (process.HasExited || DateTime.UtcNow > firstBy)
                throw new InvalidOperationException($"{client.Id} received nothing: {await stdout}{await stderr}");
            await Task.Delay(10);
        }
        await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
        var startCpu = ChildCpu.Read(process.Id);
        var startSent = server.Sent;
        var wall = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        var endCpu = ChildCpu.Read(process.Id);
        var endSent = server.Sent;
        wall.Stop();
        if (process.HasExited)
            throw new InvalidOperationException($"{client.Id} exited before the window's end: raise its run time");

        await Task.Delay(500);
        server.Hold(true);
        await WaitQuietAsync(server);
        var written = server.Sent - before;
        if (process.HasExited)
            throw new InvalidOperationException($"{client.Id} exited before the server was held: raise its run time");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 30)))
            await process.WaitForExitAsync(timeout.Token);
        long? received = null;
        foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith(PeerClient.CountPrefix, StringComparison.Ordinal))
                received = long.Parse(line.AsSpan(PeerClient.CountPrefix.Length), CultureInfo.InvariantCulture);
            else
                output.Append(line).Append(" | ");
        }
        output.Append(await stderr);
        if (received is null || process.ExitCode != 0)
            throw new InvalidOperationException($"{client.Id} ended without a count (exit {process.ExitCode}): {output}");
        var (cpu, precise) = ChildCpu.Between(startCpu, endCpu);
        var inWindow = endSent - startSent;
        return new PeerRun(cpu.TotalMicroseconds / inWindow, inWindow / wall.Elapsed.TotalSeconds, received.Value, written, precise,
            output.ToString().Trim().TrimEnd('|').Trim());
    }

    // Until the server's count stops moving: held, it writes nothing more.
    private static async Task WaitQuietAsync(PatternServerProcess server)
    {
        var last = server.Sent;
        for (var i = 0; i < 100; i++)
        {
            await Task.Delay(50);
            var now = server.Sent;
            if (now == last)
                return;
            last = now;
        }
        throw new InvalidOperationException("the pattern server still writes after it was held");
    }
}
