namespace Bitget.Stream.Recording;

/// <summary>
/// A <see cref="CsvFileRecorder"/> could not open or write one of its files; the cause is the
/// <see cref="Exception.InnerException"/> (a <see cref="CsvHeaderMismatchException"/>, another <see cref="IOException"/>
/// or an <see cref="UnauthorizedAccessException"/>). Reported once when the file starts failing; the recorder goes on
/// with its other files and counts the rows this one did not get.
/// </summary>
public sealed class CsvFileUnavailableException : IOException
{
    /// <summary>Creates the report for <paramref name="path"/>.</summary>
    public CsvFileUnavailableException(string path, Exception cause)
        : base($"Cannot write to '{path}': {cause.Message}", cause)
    {
        Path = path;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Whether the file's header is not the header of the rows (as opposed to a file that could not be opened or written).</summary>
    public bool IsHeaderMismatch => InnerException is CsvHeaderMismatchException;
}
