using System.Diagnostics;
using System.Globalization;

namespace Bitget.EndToEnd;

/// <summary>A <see cref="PatternServer"/> in a child process (this benchmark started with --serve-pattern).</summary>
internal sealed class PatternServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly object _gate = new();

    private PatternServerProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>Frames the server has written so far.</summary>
    public long Sent
    {
        get
        {
            lock (_gate)
            {
                _process.StandardInput.WriteLine("count");
                _process.StandardInput.Flush();
                var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the pattern server exited");
                return long.Parse(line.AsSpan(5), CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Stops (true) or starts again (false) the server's writes to every connection (see <see cref="PatternServer"/>).</summary>
    public void Hold(bool hold)
    {
        lock (_gate)
        {
            _process.StandardInput.WriteLine(hold ? "hold" : "resume");
            _process.StandardInput.Flush();
            if (_process.StandardOutput.ReadLine() != "OK")
                throw new InvalidOperationException("the pattern server did not answer " + (hold ? "hold" : "resume"));
        }
    }

    public static async Task<PatternServerProcess> StartAsync(ArrivalPattern pattern)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(PatternServerProcess).Assembly.Location);
        foreach (var a in new[] { "--serve-pattern", pattern.Even ? "even" : "bursts", "--rate", pattern.Rate.ToString(CultureInfo.InvariantCulture),
                     "--burst-ms", pattern.BurstMs.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the pattern server");
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the pattern server exited before listening");
            if (line.StartsWith(PatternServer.Banner, StringComparison.Ordinal))
                return new PatternServerProcess(process, new Uri(line[PatternServer.Banner.Length..].Trim()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close(); // the server's stdin loop ends, and with it the process
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }
        _process.Dispose();
    }
}
