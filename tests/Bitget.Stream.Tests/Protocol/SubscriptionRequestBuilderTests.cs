using System.Text;
using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Tests.Protocol;

public class SubscriptionRequestBuilderTests
{
    [Fact]
    public void MatchesTheDocumentedRequestShape()
    {
        var request = Assert.Single(SubscriptionRequestBuilder.Build("subscribe",
            [BitgetTopic.Ticker("SPOT", "BTCUSDT"), new BitgetTopic("SPOT", "candle5m", "BTCUSDT")]));
        using var expected = JsonDocument.Parse(Fixtures.Text("subscribe-request.json"));
        using var actual = JsonDocument.Parse(request);
        Assert.Equal(Reformat(expected), Reformat(actual));
    }

    private static string Reformat(JsonDocument doc) => JsonSerializer.Serialize(doc.RootElement);

    [Fact]
    public void SplitsUnderTheByteLimitAndArgCap()
    {
        var topics = Enumerable.Range(1, 500).Select(i => BitgetTopic.Ticker("USDT-FUTURES", $"SYM{i}USDT")).ToList();
        var requests = SubscriptionRequestBuilder.Build("subscribe", topics, maxArgsPerRequest: 1000);
        var seen = new List<string>();
        foreach (var request in requests)
        {
            using var doc = JsonDocument.Parse(request);
            var args = doc.RootElement.GetProperty("args");
            Assert.True(Encoding.UTF8.GetByteCount(args.GetRawText()) <= SubscriptionRequestBuilder.MaxArgsBytes);
            Assert.Equal("subscribe", doc.RootElement.GetProperty("op").GetString());
            seen.AddRange(args.EnumerateArray().Select(a => a.GetProperty("instId").GetString()!));
        }
        Assert.Equal(topics.Select(t => t.InstId), seen);
        Assert.True(requests.Count > 1);

        var capped = SubscriptionRequestBuilder.Build("unsubscribe", topics, maxArgsPerRequest: 30);
        Assert.Equal(17, capped.Count);
    }
}
