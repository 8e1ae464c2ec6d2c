using System.Diagnostics;

namespace Bitget.EndToEnd;

/// <summary>Runs a set-up command (dotnet tool restore, npm ci) to its end, failing with its output.</summary>
internal static class Tool
{
    public static void Run(string file, string directory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        Console.Error.WriteLine($"{file} {string.Join(' ', args)} (in {directory})");
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {output.Result}{errors.Result}");
    }
}
