using System.Text;

namespace Bitget.Stream.Tests;

/// <summary>
/// The sample messages in tests/fixtures/bitget: a copy of the team's shared fixtures (../shared/fixtures/bitget,
/// SOURCES.md says where each comes from), kept in the repository so that a clean clone tests on its own.
/// </summary>
internal static class Fixtures
{
    private static readonly Lazy<string> s_folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BitgetPS.sln")))
                return Path.Combine(dir.FullName, "tests", "fixtures", "bitget");
        }
        throw new DirectoryNotFoundException("Repository root (BitgetPS.sln) not found above the test folder.");
    });

    public static string Folder => s_folder.Value;

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name), Encoding.UTF8);

    public static IEnumerable<string> All() => Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileName)!;

    /// <summary>The v3 (Unified) samples in tests/fixtures/bitget-uta (a copy of ../shared/fixtures/bitget-uta).</summary>
    public static string UtaFolder => Path.Combine(Path.GetDirectoryName(Folder)!, "bitget-uta");

    public static byte[] UtaBytes(string name) => TrimFinalNewline(File.ReadAllBytes(Path.Combine(UtaFolder, name)));

    public static IEnumerable<string> AllUta() => Directory.EnumerateFiles(UtaFolder, "*.json").Select(Path.GetFileName)!;

    // Each fixture file ends with one newline that is not part of the frame (SOURCES.md).
    private static byte[] TrimFinalNewline(byte[] bytes) =>
        bytes.Length > 0 && bytes[^1] == (byte)'\n' ? bytes[..^1] : bytes;
}
