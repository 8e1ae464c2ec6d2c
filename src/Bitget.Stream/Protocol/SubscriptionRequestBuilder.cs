using System.Buffers;
using System.Text.Json;
using Bitget.Stream.Models;

namespace Bitget.Stream.Protocol;

/// <summary>
/// Builds <c>subscribe</c> / <c>unsubscribe</c> requests, split so that no request's args exceed Bitget's
/// 4096-byte limit or the per-request argument cap.
/// </summary>
public static class SubscriptionRequestBuilder
{
    /// <summary>Bitget's limit on the total length of one request's <c>args</c>.</summary>
    public const int MaxArgsBytes = 4096;

    /// <summary>Arguments per request by default on v2: well inside what v2 accepts (60 observed), few enough to pace replays finely.</summary>
    public const int DefaultMaxArgsPerRequest = 30;

    /// <summary>The subscribe op.</summary>
    public const string Subscribe = "subscribe";
    /// <summary>The unsubscribe op.</summary>
    public const string Unsubscribe = "unsubscribe";

    /// <summary>Builds the requests (UTF-8 JSON text frames) for the topics.</summary>
    /// <param name="op"><see cref="Subscribe"/> or <see cref="Unsubscribe"/>.</param>
    /// <param name="channels">Topics, sent in this order.</param>
    /// <param name="maxArgsPerRequest">Cap on arguments per request.</param>
    /// <param name="maxArgsBytes">Cap on the byte length of the <c>args</c> array.</param>
    public static IReadOnlyList<string> Build(string op, IEnumerable<BitgetTopic> channels,
        int maxArgsPerRequest = DefaultMaxArgsPerRequest, int maxArgsBytes = MaxArgsBytes) =>
        BuildMessages(op == Subscribe ? OutboundMessageKind.Subscribe : op == Unsubscribe ? OutboundMessageKind.Unsubscribe
                : throw new ArgumentOutOfRangeException(nameof(op), op, "subscribe or unsubscribe"),
            channels, maxArgsPerRequest, maxArgsBytes).Select(m => m.Text).ToList();

    /// <summary>Builds the requests for the topics as <see cref="OutboundMessage"/>s, each naming the topics it carries.</summary>
    /// <param name="kind"><see cref="OutboundMessageKind.Subscribe"/> or <see cref="OutboundMessageKind.Unsubscribe"/>.</param>
    /// <param name="topics">Topics, sent in this order.</param>
    /// <param name="maxArgsPerRequest">Cap on arguments per request.</param>
    /// <param name="maxArgsBytes">Cap on the byte length of the <c>args</c> array.</param>
    /// <param name="dialect">How the API spells a topic (default: Classic, v2); its own cap on arguments per request applies too.</param>
    public static IReadOnlyList<OutboundMessage> BuildMessages(OutboundMessageKind kind, IEnumerable<BitgetTopic> topics,
        int maxArgsPerRequest = DefaultMaxArgsPerRequest, int maxArgsBytes = MaxArgsBytes, WireDialect? dialect = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArgsPerRequest, 1);
        dialect ??= WireDialect.Classic;
        maxArgsPerRequest = Math.Min(maxArgsPerRequest, dialect.MaxArgsPerRequest);
        var op = kind switch
        {
            OutboundMessageKind.Subscribe => Subscribe,
            OutboundMessageKind.Unsubscribe => Unsubscribe,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "subscribe or unsubscribe"),
        };
        var requests = new List<OutboundMessage>();
        var batch = new List<string>();
        var batchTopics = new List<BitgetTopic>();
        var batchBytes = 2; // "[" + "]"
        foreach (var topic in topics)
        {
            var arg = EncodeArg(dialect, topic);
            var argBytes = System.Text.Encoding.UTF8.GetByteCount(arg);
            if (argBytes + 2 > maxArgsBytes)
                throw new BitgetArgumentException("Symbol", topic.InstId, $"The topic {topic} is longer than Bitget's request limit.");
            var added = batchBytes + argBytes + (batch.Count > 0 ? 1 : 0);
            if (batch.Count > 0 && (added > maxArgsBytes || batch.Count >= maxArgsPerRequest))
            {
                requests.Add(new OutboundMessage(kind, Compose(op, batch), batchTopics));
                batch.Clear();
                batchTopics = [];
                batchBytes = 2;
                added = batchBytes + argBytes;
            }
            batch.Add(arg);
            batchTopics.Add(topic);
            batchBytes = added;
        }
        if (batch.Count > 0)
            requests.Add(new OutboundMessage(kind, Compose(op, batch), batchTopics));
        return requests;
    }

    private static string Compose(string op, List<string> args) =>
        $"{{\"op\":\"{op}\",\"args\":[{string.Join(',', args)}]}}";

    private static string EncodeArg(WireDialect dialect, BitgetTopic topic)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
            dialect.WriteArg(writer, topic);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
