namespace Bitget.EndToEnd;

/// <summary>
/// bench/peers: the Node clients and their pinned packages (package-lock.json). Installed with <c>npm ci</c> the first
/// time (node_modules is not committed); the module itself never depends on them.
/// </summary>
internal static class NodePeers
{
    public static string Directory => Path.Combine(PeerClient.RepoRoot, "bench", "peers");

    public static string EnsureInstalled()
    {
        var dir = Directory;
        if (!System.IO.Directory.Exists(Path.Combine(dir, "node_modules", "bitget-api")) || !System.IO.Directory.Exists(Path.Combine(dir, "node_modules", "ws")))
            Tool.Run("npm", dir, "ci", "--no-audit", "--no-fund");
        return dir;
    }
}
