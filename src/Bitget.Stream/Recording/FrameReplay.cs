using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Bitget.Stream.Recording;

/// <summary>
/// Reads a <see cref="FrameCapture"/> file (gzip when its name ends in <c>.gz</c>) and hands each frame on with its
/// recorded receipt time, at the recorded pace times <see cref="Speed"/> (0: as fast as they can be handled).
/// </summary>
public sealed class FrameReplay
{
    /// <summary>Prepares a replay of <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="speed"/> is negative or not a number.</exception>
    public FrameReplay(string path, double speed = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(Path))
            throw new FileNotFoundException($"There is no recording at '{Path}'.", Path);
        if (double.IsNaN(speed) || speed < 0 || double.IsInfinity(speed))
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The replay speed is 0 (as fast as possible), 1 (as recorded) or a factor above 0.");
        Speed = speed;
    }

    /// <summary>The recording.</summary>
    public string Path { get; }

    /// <summary>0: as fast as possible; 1: as recorded; N: N times faster.</summary>
    public double Speed { get; }

    /// <summary>Frames handed on so far.</summary>
    public long Frames { get; private set; }

    /// <summary>Lines that were not a recorded frame (skipped).</summary>
    public long BadLines { get; private set; }

    /// <summary>Hands every frame to <paramref name="onFrame"/> in order, on the calling thread between waits.</summary>
    /// <param name="onFrame">Gets the frame's bytes (valid during the call only) and its recorded receipt time.</param>
    /// <param name="cancellation">Stops the replay.</param>
    /// <param name="consumersBusy">
    /// True while the consumers are too far behind: the replay waits (a recording is played whole, never dropped).
    /// </param>
    public async Task RunAsync(Action<ReadOnlyMemory<byte>, DateTimeOffset> onFrame, CancellationToken cancellation, Func<bool>? consumersBusy = null)
    {
        ArgumentNullException.ThrowIfNull(onFrame);
        await using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, useAsync: true);
        await using var input = FrameCapture.IsGzip(Path) ? new GZipStream(file, CompressionMode.Decompress) : (System.IO.Stream)file;
        using var reader = new StreamReader(input, Encoding.UTF8);
        DateTimeOffset? first = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var buffer = new byte[4096];
        while (await reader.ReadLineAsync(cancellation).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
                continue;
            if (!TryParse(line, out var receivedAt, out var frame))
            {
                BadLines++;
                continue;
            }
            if (Speed > 0)
            {
                first ??= receivedAt;
                var due = TimeSpan.FromTicks((long)((receivedAt - first.Value).Ticks / Speed));
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, cancellation).ConfigureAwait(false);
            }
            while (consumersBusy?.Invoke() == true)
                await Task.Delay(1, cancellation).ConfigureAwait(false);
            var length = Encoding.UTF8.GetByteCount(frame);
            if (length > buffer.Length)
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            Encoding.UTF8.GetBytes(frame, buffer);
            onFrame(buffer.AsMemory(0, length), receivedAt);
            Frames++;
        }
    }

    private static bool TryParse(string line, out DateTimeOffset receivedAt, out string frame)
    {
        receivedAt = default;
        frame = "";
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("receivedAt", out var at) || at.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("frame", out var text) || text.ValueKind != JsonValueKind.String)
                return false;
            if (!DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out receivedAt))
                return false;
            frame = text.GetString()!;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
