using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Recording;

/// <summary>
/// What a frame capture holds, read once when a replay session is connected (before anything plays): its frames, the
/// topics of its pushes and the time range of its recorded receipt times. Shown as a replay session's ReplayContents,
/// and used to warn when a replay is asked for a topic it does not hold.
/// </summary>
public sealed class CaptureContents
{
    // A warning lists at most this many topics; ReplayContents.Topics has them all.
    private const int ListedTopics = 40;

    private readonly HashSet<BitgetTopic> _topics;

    internal CaptureContents(string path, long frames, IEnumerable<BitgetTopic> topics, DateTimeOffset? from, DateTimeOffset? to, BitgetApi api)
    {
        Path = path;
        Frames = frames;
        _topics = [.. topics];
        Topics = [.. _topics.OrderBy(t => t.ToString(), StringComparer.Ordinal)];
        From = from;
        To = to;
        Api = api;
    }

    /// <summary>The capture file.</summary>
    public string Path { get; }

    /// <summary>The readable frames in it (pushes, answers and pongs as they were received).</summary>
    public long Frames { get; }

    /// <summary>The topics its pushes are of, ordered by their <c>INSTTYPE/channel/instId</c> form.</summary>
    public IReadOnlyList<BitgetTopic> Topics { get; }

    /// <summary>The receipt time of its earliest frame (UTC); empty for an empty capture.</summary>
    public DateTimeOffset? From { get; }

    /// <summary>The receipt time of its latest frame (UTC); empty for an empty capture.</summary>
    public DateTimeOffset? To { get; }

    /// <summary>The API that recorded it: Classic (v2) or Unified (v3).</summary>
    public BitgetApi Api { get; }

    /// <summary>Whether a push of the topic is in the capture.</summary>
    public bool Holds(BitgetTopic topic) => _topics.Contains(topic);

    /// <summary>
    /// A warning naming the topics of <paramref name="asked"/> the capture holds none of, and what it does hold; null
    /// when it holds every one.
    /// </summary>
    public string? DescribeMissing(IEnumerable<BitgetTopic> asked)
    {
        var missing = asked.Where(t => !Holds(t)).Distinct().ToList();
        if (missing.Count == 0)
            return null;
        var held = Topics.Count == 0 ? "no topic at all"
            : Describe(Topics.Take(ListedTopics)) + (Topics.Count > ListedTopics ? $"; and {Topics.Count - ListedTopics} more (ReplayContents.Topics lists them)" : "");
        return $"The recording {System.IO.Path.GetFileName(Path)} holds no {Describe(missing)}: nothing will come for {(missing.Count == 1 ? "it" : "them")} from this replay. It holds {held}.";
    }

    // "ticker BTCUSDT, ETHUSDT (USDT-FUTURES); candle1m ETHUSDT (SPOT)", escaped: a capture's topics are server text.
    private static string Describe(IEnumerable<BitgetTopic> topics) =>
        string.Join("; ", topics.GroupBy(t => (t.Channel, t.InstType))
            .Select(g => $"{Escape(g.Key.Channel)} {string.Join(", ", g.Select(t => Escape(t.InstId)))} ({Escape(g.Key.InstType)})"));

    private static string Escape(string text) => ServerText.Escape(text, 64)!;

    /// <summary>"held.jsonl: 5 frame(s), 2 topic(s), 2026-11-30 12:00:00Z to 2026-11-30 12:00:04Z".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{System.IO.Path.GetFileName(Path)}: {Frames:N0} frame(s), {Topics.Count} topic(s){(From is { } from && To is { } to ? $", {from.UtcDateTime:u} to {to.UtcDateTime:u}" : "")}");
}
