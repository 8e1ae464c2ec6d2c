using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Bitget.EndToEnd;

/// <summary>
/// The mock exchange in a child process (its own CLI), so that the CPU it spends pushing is not counted as ours and it
/// has its own GC and thread pool; stopped with SIGTERM like a user would.
/// </summary>
internal sealed class MockProcess : IAsyncDisposable
{
    private const string Banner = "Bitget mock exchange listening on ";
    private readonly Process _process;

    private MockProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>CPU time the mock has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static string AssemblyPath =>
        typeof(MockProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MockExchangeAssembly").Value!;

    /// <summary>Starts <c>dotnet Bitget.MockExchange.Host.dll --port 0 ARGS</c> and waits for its banner.</summary>
    public static async Task<MockProcess> StartAsync(params string[] args)
    {
        var path = AssemblyPath;
        if (!File.Exists(path))
            throw new FileNotFoundException("The mock exchange is not built (it is built with this project).", path);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(path);
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add("0");
        foreach (var a in args)
            info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the mock exchange");
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
                throw new InvalidOperationException("the mock exchange exited before listening");
            if (line.StartsWith(Banner, StringComparison.Ordinal))
                return new MockProcess(process, new Uri(line[Banner.Length..].Trim()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15); // SIGTERM: the mock closes its sockets and exits
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

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
