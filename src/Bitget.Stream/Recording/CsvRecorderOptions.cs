namespace Bitget.Stream.Recording;

/// <summary>Where and how a <see cref="CsvFileRecorder"/> writes.</summary>
public sealed class CsvRecorderOptions
{
    /// <summary>The name used by <see cref="Daily"/> recordings when no file name is given (the seed's pattern).</summary>
    public const string DefaultDailyFileName = "bitget_data_{date}.csv";

    /// <summary>The placeholder of a <see cref="Daily"/> path that becomes the UTC date, <c>yyyy-MM-dd</c>.</summary>
    public const string DatePlaceholder = "{date}";

    /// <summary>
    /// The file (a full path). With <see cref="Daily"/>: a path with <see cref="DatePlaceholder"/>, an existing folder
    /// (then <see cref="DefaultDailyFileName"/> in it), or a file name that gets <c>_{date}</c> before its extension.
    /// </summary>
    public required string Path { get; init; }

    /// <summary>
    /// Add rows to an existing file whose header matches (a cut last row is removed first); else replace it. A
    /// <see cref="Daily"/> recording always appends so: a restart never replaces a day's file.
    /// </summary>
    public bool Append { get; init; }

    /// <summary>One file per UTC date, each row in the file of its own date (<see cref="ICsvRowFormat.RowTime"/>).</summary>
    public bool Daily { get; init; }

    /// <summary>
    /// Create missing folders of <see cref="Path"/>. Without it the folder must exist (see
    /// <see cref="CsvFileRecorder.RequiredFolder"/>); folders whose name holds the date of a <see cref="Daily"/> path are
    /// always created.
    /// </summary>
    public bool CreateFolders { get; init; }

    /// <summary>Rows reach the file at least this often (default 1 s).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The default <see cref="RetryInterval"/>: 5 s.</summary>
    public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromSeconds(5);

    /// <summary>A file that could not be opened or written is tried again on a row for it after this long (default 5 s).</summary>
    public TimeSpan RetryInterval { get; init; } = DefaultRetryInterval;

    /// <summary>The clock that times flushes and retries (tests move it on).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
