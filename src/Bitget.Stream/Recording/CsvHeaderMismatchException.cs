namespace Bitget.Stream.Recording;

/// <summary>An append was refused: the file's header is not the header of the rows to write. Nothing was written.</summary>
public sealed class CsvHeaderMismatchException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public CsvHeaderMismatchException(string path, string expected, string found)
        : base($"Cannot append to '{path}': its header is not the header of these rows. Expected: {expected}. Found: {Shorten(found)}.")
    {
        Path = path;
        Expected = expected;
        Found = found;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The header the rows need.</summary>
    public string Expected { get; }

    /// <summary>The file's first line.</summary>
    public string Found { get; }

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
