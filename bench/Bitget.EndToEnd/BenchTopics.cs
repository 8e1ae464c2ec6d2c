using System.Text.Json;
using Bitget.Stream.Models;

namespace Bitget.EndToEnd;

/// <summary>The ticker topics every scenario subscribes (USDT-FUTURES; names the mock knows).</summary>
internal static class BenchTopics
{
    public const string InstType = "USDT-FUTURES";
    public const int MaxSymbols = 1005;

    public static string[] Symbols(int count)
    {
        string[] named = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT"];
        return [.. named.Take(count), .. Enumerable.Range(1, Math.Max(0, count - named.Length)).Select(i => $"SYM{i}USDT")];
    }

    public static BitgetTopic[] Channels(int count) => [.. Symbols(count).Select(s => BitgetTopic.Ticker(InstType, s))];

    /// <summary>Subscribe requests for all of them, 30 topics each (the server takes up to 4096 bytes of args).</summary>
    public static IEnumerable<string> SubscribeRequests(int count) =>
        Symbols(count).Chunk(30).Select(chunk => JsonSerializer.Serialize(new
        {
            op = "subscribe",
            args = chunk.Select(s => new { instType = InstType, channel = "ticker", instId = s }),
        }));
}
