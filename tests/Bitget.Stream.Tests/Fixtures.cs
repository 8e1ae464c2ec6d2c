using System.Text;

namespace Bitget.Stream.Tests;

/// <summary>The shared sample messages (../shared/fixtures/bitget), found from the repository root.</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> s_folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "bitget");
            if (Directory.Exists(candidate))
                return candidate;
            candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures", "bitget");
            if (File.Exists(Path.Combine(dir.FullName, "BitgetPS.sln")) && Directory.Exists(candidate))
                return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("shared/fixtures/bitget not found beside the repository.");
    });

    public static string Folder => s_folder.Value;

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name), Encoding.UTF8);

    public static IEnumerable<string> All() => Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileName)!;
}
