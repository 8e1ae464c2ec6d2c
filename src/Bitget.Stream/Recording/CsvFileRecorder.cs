using System.Globalization;
using System.Text;

namespace Bitget.Stream.Recording;

/// <summary>
/// Records items as CSV files: the header once per file, rows in the item type's <see cref="ICsvRowFormat"/> (chosen by
/// the first item), appended only onto a file whose header matches (a row cut by a crash is removed first), flushed at
/// least every <see cref="CsvRecorderOptions.FlushInterval"/> and on <see cref="Flush"/> and <see cref="Dispose"/>. Rows
/// are handed to the file whole between flushes, so stopping a recording never leaves a partial row; only a killed
/// process can, and the next append repairs it. Thread-safe.
/// <para>
/// A <see cref="CsvRecorderOptions.Daily"/> recording files each row by its own UTC date
/// (<see cref="ICsvRowFormat.RowTime"/>), not the clock's: a late row goes into its day's file, a replay fills the same
/// files as the live run. It always appends, so a restart continues a day's file. A few files stay open (the days rows
/// arrive for); another day's file is opened, or reopened and continued, when a row for it comes.
/// </para>
/// <para>
/// A file that cannot be opened or written (another header, locked, read-only, a full disk) never stops the recording:
/// the failure is queued once for <see cref="TakeFailures"/>, the rows meant for that file are counted
/// (<see cref="RowsNotWritten"/>, <see cref="NotWrittenByFile"/>) and not kept, and the file is tried again on a row for it
/// once <see cref="CsvRecorderOptions.RetryInterval"/> has passed. Rows of other files go on being written.
/// </para>
/// </summary>
public sealed class CsvFileRecorder : IDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private const int HeaderProbeBytes = 64 * 1024;

    /// <summary>Files kept open at once (today's, yesterday's and a few late ones); a further one closes the least used.</summary>
    internal const int MaxOpenFiles = 4;

    // Failures waiting for TakeFailures; more are still counted in the rows, only their report is dropped.
    private const int MaxQueuedFailures = 100;

    private readonly object _gate = new();
    private readonly CsvRecorderOptions _options;
    private readonly string _template;
    private readonly HashSet<string> _opened = new(StringComparer.Ordinal);
    private readonly List<string> _files = [];
    private readonly List<OpenFile> _open = []; // least recently used first
    private readonly Dictionary<string, DateTimeOffset> _retryAt = new(StringComparer.Ordinal); // failing files: next try
    private readonly Dictionary<string, long> _notWritten = new(StringComparer.Ordinal);
    private readonly List<CsvFileUnavailableException> _failures = [];
    private readonly ITimer _flushTimer;
    private ICsvRowFormat? _format;
    private long _day = long.MinValue; // the UTC day number of the last row, and its file
    private string _dayPath = "";
    private OpenFile? _last;
    private volatile bool _hasFailures;
    private bool _disposed;

    private sealed class OpenFile(string path, FileStream stream, BitgetCsvWriter writer)
    {
        public string Path { get; } = path;
        public FileStream Stream { get; } = stream;
        public BitgetCsvWriter Writer { get; } = writer;
        public long Unflushed { get; set; }
    }

    /// <summary>Creates the recorder; no file is touched until the first item (whose type sets the columns).</summary>
    public CsvFileRecorder(CsvRecorderOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (string.IsNullOrWhiteSpace(options.Path))
            throw new ArgumentException("A path is required.", nameof(options));
        if (options.FlushInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.FlushInterval, "FlushInterval must be positive.");
        if (options.RetryInterval < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.RetryInterval, "RetryInterval must not be negative.");
        _template = options.Daily ? DailyTemplate(System.IO.Path.GetFullPath(options.Path)) : System.IO.Path.GetFullPath(options.Path);
        RequiredFolder = RequiredFolderOf(_template);
        _flushTimer = options.Clock.CreateTimer(_ => FlushFromTimer(), null, options.FlushInterval, options.FlushInterval);
    }

    /// <summary>The file as a full path; for a daily recording the pattern of its files, with <c>{date}</c> where the date goes.</summary>
    public string PathTemplate => _template;

    /// <summary>The row format, once the first item has set it.</summary>
    public ICsvRowFormat? Format => _format;

    /// <summary>The file the last row went to; null before the first row written.</summary>
    public string? CurrentPath { get; private set; }

    /// <summary>
    /// The folder that must exist unless <see cref="CsvRecorderOptions.CreateFolders"/>: the file's folder, or for a daily
    /// path with the date in a folder name, the folder above that one.
    /// </summary>
    public string RequiredFolder { get; }

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

    /// <summary>Rows that could not be written, over all files (their files failed; see <see cref="TakeFailures"/>).</summary>
    public long RowsNotWritten { get; private set; }

    /// <summary>The rows each failing file did not get.</summary>
    public IReadOnlyDictionary<string, long> NotWrittenByFile
    {
        get
        {
            lock (_gate)
                return new Dictionary<string, long>(_notWritten, StringComparer.Ordinal);
        }
    }

    /// <summary>How many times a failing file was opened again and written to.</summary>
    public long Resumptions { get; private set; }

    /// <summary>Bytes of cut rows (left by a crash) removed from files before appending.</summary>
    public long RepairedBytes { get; private set; }

    /// <summary>Whether failures wait for <see cref="TakeFailures"/> (cheap to ask after every row).</summary>
    public bool HasFailures => _hasFailures;

    /// <summary>The file name of a daily recording for a UTC date (the template with its <c>{date}</c> filled in).</summary>
    public string PathFor(DateOnly utcDate) =>
        _options.Daily ? _template.Replace(CsvRecorderOptions.DatePlaceholder, utcDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal) : _template;

    /// <summary>The files that started failing since the last call, once each (the cause is each one's InnerException).</summary>
    public IReadOnlyList<CsvFileUnavailableException> TakeFailures()
    {
        lock (_gate)
        {
            var failures = _failures.ToArray();
            _failures.Clear();
            _hasFailures = false;
            return failures;
        }
    }

    /// <summary>
    /// Writes one item as a row into its file, opening it first when needed. When the file cannot be opened or written,
    /// the row is counted in <see cref="RowsNotWritten"/> and the failure queued (see the class remarks); nothing throws.
    /// </summary>
    /// <exception cref="ArgumentException">No CSV format exists for the item's type, or it differs from the recording's type.</exception>
    public void Write(object item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var format = _format ?? CsvRowFormats.Find(item.GetType())
                ?? throw new ArgumentException($"There is no CSV format for {item.GetType().FullName} items.", nameof(item));
            if (!format.ItemType.IsInstanceOfType(item))
                throw new ArgumentException($"This recording writes {format.ItemType.Name} rows; a {item.GetType().Name} cannot go into the same file.", nameof(item));
            _format = format;

            var path = PathOf(format, item);
            var file = _last is { } last && last.Path == path ? last : Find(path) ?? TryOpen(path, format);
            if (file is null)
            {
                CountNotWritten(path, 1);
                return;
            }
            _last = file;
            try
            {
                file.Writer.Write(item);
            }
            catch (Exception ex) when (IsIoError(ex))
            {
                Fail(file, ex, rowsBesides: 1);
                return;
            }
            file.Unflushed++;
            Rows++;
            CurrentPath = path;
        }
    }

    /// <summary>Pushes every written row to its file (a file that fails is handled as in <see cref="Write"/>).</summary>
    public void Flush()
    {
        lock (_gate)
            FlushAll();
    }

    private void FlushAll()
    {
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            var file = _open[i];
            if (file.Unflushed == 0)
                continue;
            try
            {
                file.Writer.Flush();
                file.Unflushed = 0;
            }
            catch (Exception ex) when (IsIoError(ex))
            {
                Fail(file, ex, rowsBesides: 0);
            }
        }
    }

    private void FlushFromTimer()
    {
        lock (_gate)
        {
            if (!_disposed)
                FlushAll();
        }
    }

    private string PathOf(ICsvRowFormat format, object item)
    {
        if (!_options.Daily)
            return _template;
        var day = format.RowTime(item).UtcTicks / TimeSpan.TicksPerDay;
        if (day != _day)
        {
            _dayPath = PathFor(DateOnly.FromDayNumber((int)day));
            _day = day;
        }
        return _dayPath;
    }

    private OpenFile? Find(string path)
    {
        for (var i = 0; i < _open.Count; i++)
        {
            var file = _open[i];
            if (file.Path == path)
            {
                _open.RemoveAt(i);
                _open.Add(file);
                return file;
            }
        }
        return null;
    }

    // Opens the row's file, unless it failed lately and is not due for another try; null when it is not open.
    private OpenFile? TryOpen(string path, ICsvRowFormat format)
    {
        var now = _options.Clock.GetUtcNow();
        var retrying = _retryAt.TryGetValue(path, out var due);
        if (retrying && now < due)
            return null;
        OpenFile file;
        try
        {
            file = Open(path, format);
        }
        catch (Exception ex) when (IsIoError(ex) || ex is ArgumentException or NotSupportedException)
        {
            _retryAt[path] = now + _options.RetryInterval;
            if (!retrying)
                Report(path, ex);
            return null;
        }
        if (retrying)
        {
            _retryAt.Remove(path);
            Resumptions++;
        }
        return file;
    }

    private OpenFile Open(string path, ICsvRowFormat format)
    {
        var header = BitgetCsvWriter.HeaderLine(format);
        // A daily file, or one this recorder already wrote (closed to make room, or after a failure), is continued, never replaced.
        var append = _options.Append || _options.Daily || _opened.Contains(path);
        var stream = OpenStream(path, header, append, out var repaired);
        RepairedBytes += repaired;
        var text = new StreamWriter(stream, s_utf8, bufferSize: 64 * 1024);
        var file = new OpenFile(path, stream, new BitgetCsvWriter(text, format, writeHeader: stream.Length == 0));
        if (_open.Count >= MaxOpenFiles)
            Close(_open[0]);
        _open.Add(file);
        if (_opened.Add(path))
            _files.Add(path);
        return file;
    }

    // Flushes and closes a file; one that fails doing so is handled as a failed write.
    private void Close(OpenFile file)
    {
        try
        {
            file.Writer.Flush();
            file.Unflushed = 0;
        }
        catch (Exception ex) when (IsIoError(ex))
        {
            Fail(file, ex, rowsBesides: 0);
            return;
        }
        Forget(file);
        try
        {
            file.Writer.Dispose();
            file.Stream.Dispose();
        }
        catch (Exception ex) when (IsIoError(ex))
        {
            Report(file.Path, ex);
        }
    }

    // A file that failed a write or a flush: its rows since the last flush are counted as not written (some may have
    // reached the disk, cut; the next append removes a cut row), it is closed, and tried again after the retry interval.
    private void Fail(OpenFile file, Exception error, long rowsBesides)
    {
        Forget(file);
        Rows -= file.Unflushed;
        CountNotWritten(file.Path, file.Unflushed + rowsBesides);
        file.Unflushed = 0;
        // The stream first, so that the writer cannot hand it more; both may fail again.
        try
        {
            file.Stream.Dispose();
        }
        catch (Exception ex) when (IsIoError(ex))
        {
        }
        try
        {
            file.Writer.Dispose();
        }
        catch (Exception ex) when (IsIoError(ex) || ex is ObjectDisposedException)
        {
        }
        _retryAt[file.Path] = _options.Clock.GetUtcNow() + _options.RetryInterval;
        Report(file.Path, error);
    }

    private void Forget(OpenFile file)
    {
        _open.Remove(file);
        if (_last == file)
            _last = null;
    }

    private void CountNotWritten(string path, long rows)
    {
        if (rows == 0)
            return;
        RowsNotWritten += rows;
        _notWritten[path] = _notWritten.GetValueOrDefault(path) + rows;
    }

    private void Report(string path, Exception error)
    {
        if (_failures.Count < MaxQueuedFailures)
            _failures.Add(new CsvFileUnavailableException(path, error));
        _hasFailures = true;
    }

    private static bool IsIoError(Exception ex) => ex is IOException or UnauthorizedAccessException;

    // Opens the file for writing at its end; for an append, checks the header and removes a cut last row first.
    private FileStream OpenStream(string path, string header, bool append, out long repaired)
    {
        repaired = 0;
        var folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            if (!_options.CreateFolders && !Directory.Exists(RequiredFolder))
                throw new DirectoryNotFoundException($"The folder '{RequiredFolder}' does not exist.");
            Directory.CreateDirectory(folder);
        }
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

    // What must exist of a template: its folder, or the folder above the first folder named with the date.
    private static string RequiredFolderOf(string template)
    {
        var folder = System.IO.Path.GetDirectoryName(template) ?? "";
        var date = folder.IndexOf(CsvRecorderOptions.DatePlaceholder, StringComparison.Ordinal);
        return date < 0 ? folder : System.IO.Path.GetDirectoryName(folder[..date]) ?? folder[..date];
    }

    /// <summary>Flushes every row and closes the files (a file that fails doing so is reported in <see cref="TakeFailures"/>).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _flushTimer.Dispose();
            while (_open.Count > 0)
                Close(_open[^1]);
        }
    }
}
