using System.Globalization;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bitget.Stream.Recording;

/// <summary>
/// Stores received frames as JSON lines, <c>{"receivedAt":"…","frame":"…"}</c> (the receipt time in ISO 8601 UTC with
/// ticks, the frame's text as a JSON string), gzip-compressed when the path ends in <c>.gz</c>. Login frames are reduced to
/// their event and code, so no credential can reach the file. Flushed at least every second and on dispose; a file
/// that exists is appended to. Thread-safe (every connection of a session writes here).
/// </summary>
/// <remarks>
/// What a crash leaves, and how an append starts clean: a flush writes whole lines only (it runs between two writes),
/// but between flushes the file buffer goes to disk whenever it fills, so a killed process leaves the file cut at any
/// byte. A plain file may then end in the middle of a line: an append first ends that line with a newline, so the cut
/// line stays one bad line of its own (reported by the replay with its line number) and the first new frame is not
/// glued to it and lost. The cut bytes are kept rather than truncated: nothing recorded is destroyed, and the damage
/// stays visible where it is. A gzip file gets one member per capture (per session); after a crash its last member
/// has no end. An append starts a new member after it, as it is: <see cref="FrameReplay"/> plays the frames of the cut
/// member up to its last whole line, reports the cut and goes on with the new member. Sealing the cut member instead
/// (truncating it to its last flush and writing an end) would lose the frames written after that flush and needs the
/// CRC-32 of the whole member, that is, decoding the whole earlier recording at every start.
/// </remarks>
public sealed class FrameCapture : IDisposable
{
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };
    private static readonly byte[] s_login = "\"login\""u8.ToArray();

    private readonly object _gate = new();
    private readonly System.IO.Stream _file;
    private readonly System.IO.Stream _output;
    private readonly Utf8JsonWriter _writer;
    private readonly ITimer _flushTimer;
    private bool _dirty;
    private bool _disposed;

    /// <summary>Opens (or creates) <paramref name="path"/> for appending; a plain file that ends inside a line gets its newline first.</summary>
    public FrameCapture(string path, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        var cutLine = !IsGzip(Path) && EndsInsideALine(Path);
        _file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
        if (cutLine)
        {
            _file.WriteByte((byte)'\n');
            _file.Flush();
        }
        // A gzip file appended to gains a new member (see the remarks); gzip readers read members one after another.
        _output = IsGzip(Path) ? new GZipStream(_file, CompressionLevel.Fastest) : _file;
        _writer = new Utf8JsonWriter(_output, s_json);
        _flushTimer = (clock ?? TimeProvider.System).CreateTimer(_ => FlushQuietly(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Frames written.</summary>
    public long Frames { get; private set; }

    // A plain capture whose last line has no newline: a recorder stopped in the middle of a write.
    private static bool EndsInsideALine(string path)
    {
        if (!File.Exists(path))
            return false;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.Length == 0)
            return false;
        file.Seek(-1, SeekOrigin.End);
        return file.ReadByte() != '\n';
    }

    internal static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Frames that could not be written (a full disk, a lost drive); counted, never thrown at the receive thread.</summary>
    public long FailedWrites { get; private set; }

    /// <summary>Writes one frame with its receipt time; never throws (see <see cref="FailedWrites"/>).</summary>
    public void Write(DateTimeOffset receivedAt, ReadOnlySpan<byte> frame)
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            try
            {
                WriteLine(receivedAt, frame);
            }
            catch (IOException)
            {
                FailedWrites++;
            }
        }
    }

    private void WriteLine(DateTimeOffset receivedAt, ReadOnlySpan<byte> frame)
    {
        {
            _writer.Reset();
            _writer.WriteStartObject();
            _writer.WriteString("receivedAt", receivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            if (frame.IndexOf(s_login) >= 0 && RedactedLogin(frame) is { } redacted)
                _writer.WriteString("frame", redacted);
            else
                _writer.WriteString("frame", frame);
            _writer.WriteEndObject();
            _writer.Flush();
            _output.WriteByte((byte)'\n');
            Frames++;
            _dirty = true;
        }
    }

    // A login frame (an answer, or an echo of the request) keeps only what replay needs: the event and its code.
    private static string? RedactedLogin(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new Utf8JsonReader(frame);
            string? kind = null, code = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if ((name == "event" || name == "op") && reader.TokenType == JsonTokenType.String)
                    kind = reader.GetString();
                else if (name == "code")
                    code = reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType == JsonTokenType.Number ? reader.GetInt64().ToString(CultureInfo.InvariantCulture) : null;
                else
                    reader.Skip();
            }
            if (kind != "login")
                return null;
            return code is null ? "{\"event\":\"login\"}" : $"{{\"event\":\"login\",\"code\":{JsonSerializer.Serialize(code)}}}";
        }
        catch (JsonException)
        {
            // Not JSON: not a login frame either.
            return null;
        }
    }

    /// <summary>Pushes written frames to the file.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_disposed || !_dirty)
                return;
            _output.Flush();
            _dirty = false;
        }
    }

    private void FlushQuietly()
    {
        try
        {
            Flush();
        }
        catch (IOException)
        {
            // The next write or the dispose meets the same error; a timer has no one to tell.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _flushTimer.Dispose();
            _writer.Dispose();
            _output.Dispose();
            if (!ReferenceEquals(_output, _file))
                _file.Dispose();
        }
    }
}
