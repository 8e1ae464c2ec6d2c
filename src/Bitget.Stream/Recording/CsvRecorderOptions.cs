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

    /// <summary>Add rows to an existing file whose header matches (a cut last row is removed first); else replace it.</summary>
    public bool Append { get; init; }

    /// <summary>One file per UTC date, switching at midnight UTC.</summary>
    public bool Daily { get; init; }

    /// <summary>Rows reach the file at least this often (default 1 s).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock that dates daily files and times flushes (tests move it across midnight).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
