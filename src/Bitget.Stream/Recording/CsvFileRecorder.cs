using System.Globalization;
using System.Text;

namespace Bitget.Stream.Recording;

/// <summary>
/// Records items as CSV files: the header once per file, rows in the item type's <see cref="ICsvRowFormat"/> (chosen by
/// the first item), optionally one file per UTC date, appended only onto a file whose header matches (a row cut by a
/// crash is removed first), flushed at least every <see cref="CsvRecorderOptions.FlushInterval"/> and on
/// <see cref="Flush"/> and <see cref="Dispose"/>. Rows are handed to the file whole between flushes, so stopping a
/// recording never leaves a partial row; only a killed process can, and the next append repairs it. Thread-safe.
/// </summary>
public sealed class CsvFileRecorder : IDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private const int HeaderProbeBytes = 64 * 1024;

    private readonly object _gate = new();
    private readonly CsvRecorderOptions _options;
    private readonly string _template;
    private readonly HashSet<string> _opened = new(StringComparer.Ordinal);
    private readonly List<string> _files = [];
    private readonly ITimer _flushTimer;
    private ICsvRowFormat? _format;
    private BitgetCsvWriter? _writer;
    private DateOnly _date;
    private bool _dirty;
    private bool _disposed;
    private Exception? _flushError;

    /// <summary>Creates the recorder; no file is touched until the first item (whose type sets the columns).</summary>
    public CsvFileRecorder(CsvRecorderOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (string.IsNullOrWhiteSpace(options.Path))
            throw new ArgumentException("A path is required.", nameof(options));
        if (options.FlushInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.FlushInterval, "FlushInterval must be positive.");
        _template = options.Daily ? DailyTemplate(System.IO.Path.GetFullPath(options.Path)) : System.IO.Path.GetFullPath(options.Path);
        _flushTimer = options.Clock.CreateTimer(_ => FlushFromTimer(), null, options.FlushInterval, options.FlushInterval);
    }

    /// <summary>The row format, once the first item has set it.</summary>
    public ICsvRowFormat? Format => _format;

    /// <summary>The file rows go to now; null before the first item.</summary>
    public string? CurrentPath { get; private set; }

    /// <summary>Every file this recorder has written to, in order.</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            lock (_gate)
                return [.. _files];
        }
    }

    /// <summary>Rows written over all files.</summary>
    public long Rows { get; private set; }

    /// <summary>Bytes of cut rows (left by a crash) removed from files before appending.</summary>
    public long RepairedBytes { get; private set; }

    /// <summary>The file name of a daily recording for a UTC date (the template with its <c>{date}</c> filled in).</summary>
    public string PathFor(DateOnly utcDate) =>
        _options.Daily ? _template.Replace(CsvRecorderOptions.DatePlaceholder, utcDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal) : _template;

    /// <summary>Writes one item as a row, opening (or, at a new UTC date, switching) the file first when needed.</summary>
    /// <exception cref="ArgumentException">No CSV format exists for the item's type, or it differs from the recording's type.</exception>
    /// <exception cref="CsvHeaderMismatchException">Appending onto a file with another header; nothing was written.</exception>
    /// <exception cref="IOException">The file could not be opened or written.</exception>
    public void Write(object item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_flushError is { } error)
            {
                _flushError = null;
                throw new IOException($"Writing '{CurrentPath}' failed: {error.Message}", error);
            }
            var format = _format ?? CsvRowFormats.Find(item.GetType())
                ?? throw new ArgumentException($"There is no CSV format for {item.GetType().FullName} items.", nameof(item));
            if (!format.ItemType.IsInstanceOfType(item))
                throw new ArgumentException($"This recording writes {format.ItemType.Name} rows; a {item.GetType().Name} cannot go into the same file.", nameof(item));

            if (_writer is null || (_options.Daily && DateOnly.FromDateTime(_options.Clock.GetUtcNow().UtcDateTime) != _date))
                Open(format);
            _format = format;
            _writer!.Write(item);
            Rows++;
            _dirty = true;
        }
    }

    /// <summary>Pushes every written row to the file.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_writer is not null && _dirty)
            {
                _writer.Flush();
                _dirty = false;
            }
        }
    }

    private void FlushFromTimer()
    {
        try
        {
            Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // Reported by the next Write (the timer has no one to tell).
            lock (_gate)
                _flushError ??= ex;
        }
    }

    private void Open(ICsvRowFormat format)
    {
        var date = DateOnly.FromDateTime(_options.Clock.GetUtcNow().UtcDateTime);
        var path = PathFor(date);
        var header = BitgetCsvWriter.HeaderLine(format);
        // A file this recorder already wrote (the clock stepped back over midnight) is continued, never replaced.
        var append = _options.Append || _opened.Contains(path);
        var stream = OpenStream(path, header, append, out var repaired);
        CloseWriter();
        RepairedBytes += repaired;
        var text = new StreamWriter(stream, s_utf8, bufferSize: 64 * 1024);
        _writer = new BitgetCsvWriter(text, format, writeHeader: stream.Length == 0);
        _date = date;
        CurrentPath = path;
        if (_opened.Add(path))
            _files.Add(path);
    }

    // Opens the file for writing at its end; for an append, checks the header and removes a cut last row first.
    private static FileStream OpenStream(string path, string header, bool append, out long repaired)
    {
        repaired = 0;
        var folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        var stream = new FileStream(path, append ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            if (append && stream.Length > 0)
            {
                var (firstLine, complete) = ReadFirstLine(stream);
                if (!complete && header.StartsWith(firstLine, StringComparison.Ordinal))
                {
                    // Only part of the header made it to disk before a crash: start the file again.
                    repaired = stream.Length;
                    stream.SetLength(0);
                }
                else if (!complete || firstLine != header)
                    throw new CsvHeaderMismatchException(path, header, firstLine);
                else
                    repaired = CutPartialLastRow(stream);
            }
            stream.Seek(0, SeekOrigin.End);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static (string Line, bool Complete) ReadFirstLine(FileStream stream)
    {
        var buffer = new byte[(int)Math.Min(HeaderProbeBytes, stream.Length)];
        stream.Seek(0, SeekOrigin.Begin);
        stream.ReadExactly(buffer);
        var end = Array.IndexOf(buffer, (byte)'\n');
        var length = end < 0 ? buffer.Length : end;
        var line = s_utf8.GetString(buffer, 0, length).TrimStart('\uFEFF').TrimEnd('\r');
        return (line, end >= 0);
    }

    // A file that does not end with a line end ends with a row cut by a crash: it is removed, back to the last line end.
    private static long CutPartialLastRow(FileStream stream)
    {
        var length = stream.Length;
        stream.Seek(length - 1, SeekOrigin.Begin);
        if (stream.ReadByte() == '\n')
            return 0;
        var buffer = new byte[4096];
        var position = length;
        while (position > 0)
        {
            var count = (int)Math.Min(buffer.Length, position);
            position -= count;
            stream.Seek(position, SeekOrigin.Begin);
            stream.ReadExactly(buffer, 0, count);
            var newline = Array.LastIndexOf(buffer, (byte)'\n', count - 1);
            if (newline >= 0)
            {
                var keep = position + newline + 1;
                stream.SetLength(keep);
                return length - keep;
            }
        }
        return 0; // not reached: the header line ends with a line end
    }

    private static string DailyTemplate(string fullPath)
    {
        if (fullPath.Contains(CsvRecorderOptions.DatePlaceholder, StringComparison.Ordinal))
            return fullPath;
        if (Directory.Exists(fullPath) || fullPath.EndsWith(System.IO.Path.DirectorySeparatorChar) || fullPath.EndsWith(System.IO.Path.AltDirectorySeparatorChar))
            return System.IO.Path.Combine(fullPath, CsvRecorderOptions.DefaultDailyFileName);
        var folder = System.IO.Path.GetDirectoryName(fullPath) ?? "";
        var name = System.IO.Path.GetFileNameWithoutExtension(fullPath) + "_" + CsvRecorderOptions.DatePlaceholder + System.IO.Path.GetExtension(fullPath);
        return System.IO.Path.Combine(folder, name);
    }

    private void CloseWriter()
    {
        if (_writer is null)
            return;
        var writer = _writer;
        _writer = null;
        _dirty = false;
        writer.Dispose();
    }

    /// <summary>Flushes every row and closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _flushTimer.Dispose();
            CloseWriter();
        }
    }
}
