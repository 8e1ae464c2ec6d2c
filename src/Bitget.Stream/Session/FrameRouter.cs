using System.Collections.Concurrent;
using Bitget.Stream.Channels;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;
using Bitget.Stream.Protocol;
using Bitget.Stream.Recording;

namespace Bitget.Stream.Session;

/// <summary>
/// Reads each received frame envelope first and routes it: a push to the handler of its channel's family (after the
/// subscription registry has counted it), acks and errors to the subscription monitor, login and other events to the
/// connection hook. Pushes for topics nobody owns are dropped, counted, and unsubscribed. A push whose topic a raw feed
/// takes is also posted to it as a <see cref="BitgetRawMessage"/>, whether or not a family handles its channel. Runs on
/// the receive thread of the frame's connection: never throws (the connection reports faults), never blocks.
/// </summary>
internal sealed class FrameRouter(
    BitgetSessionOptions options,
    ChannelHandler[] handlers,
    SubscriptionRegistry registry,
    SubscriptionMonitor monitor,
    FeedHub hub,
    SessionCounters counters)
{
    /// <summary>Frames larger than this are counted as bad and skipped (Bitget's largest pushes are a few KiB).</summary>
    public const int MaxFrameBytes = 1024 * 1024;

    private const int MaxRememberedUnowned = 1024;
    // (channel, field) pairs already reported; channels come from the server, so the set is bounded.
    private const int MaxReportedBadFields = 256;
    private readonly ConcurrentDictionary<(string Channel, string Field), bool> _reportedBadFields = new();
    private readonly SymbolTable _symbols = new();
    private readonly FeedList<BitgetRawMessage> _raw = hub.FeedsOf<BitgetRawMessage>();
    private readonly object _replayOwner = new();
    private long _lastBadFrameReport;
    private long _badFramesAtLastReport;

    /// <summary>Sees login answers and other events (the private channels' login waits for its ack here).</summary>
    public IConnectionHook? Hook { get; set; }

    /// <summary>The parser and readers for a new connection.</summary>
    public ConnectionRoutes CreateRoutes() => new(handlers, _symbols, options.Dialect);

    /// <summary>The parser and readers for frames of a recording, in the API the recording speaks.</summary>
    public ConnectionRoutes CreateRoutes(WireDialect dialect) => new(handlers, _symbols, dialect);

    /// <summary>Stores each received frame with its receipt time (a session's RecordPath); null when not recording.</summary>
    public FrameCapture? Capture { get; set; }

    /// <summary>Where the frames come from, as messages name it: the endpoint, or the recording a replay reads.</summary>
    public string Source { get; set; } = options.Endpoint.ToString();

    public void OnFrame(BitgetConnection connection, ReadOnlySpan<byte> bytes)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        Capture?.Write(receivedAt, bytes);
        Route(connection, connection.Routes, bytes, receivedAt, 0);
    }

    /// <summary>
    /// Frame <paramref name="number"/> (from 1) of a recording: the path of a received frame, at its recorded receipt
    /// time, with no connection to answer on.
    /// </summary>
    public void OnReplayedFrame(ConnectionRoutes routes, ReadOnlySpan<byte> bytes, DateTimeOffset receivedAt, long number) =>
        Route(null, routes, bytes, receivedAt, number);

    // frameNumber: the frame's place in a recording, 0 for a live frame.
    private void Route(BitgetConnection? connection, ConnectionRoutes routes, ReadOnlySpan<byte> bytes, DateTimeOffset receivedAt, long frameNumber)
    {
        Interlocked.Increment(ref counters.MessagesReceived);
        Interlocked.Exchange(ref counters.LastMessageTicks, receivedAt.UtcTicks);
        if (bytes.Length > MaxFrameBytes)
        {
            ReportBadFrame($"a frame of {bytes.Length:N0} bytes, over the {MaxFrameBytes / 1024 / 1024} MiB limit", bytes, frameNumber);
            return;
        }
        var frame = routes.Parser.Parse(bytes, receivedAt, routes);
        // A push's malformed fields are told once it is known to be delivered (below); an event's here.
        if (frame.BadFields > 0 && frame.Kind != BitgetFrameKind.Push)
            ReportBadFields(frame.Event ?? "event", frame.Event is { } name ? $"an event {BitgetSymbolRule.Quote(name)}" : "an event",
                routes.Parser.MalformedFields, bytes);
        switch (frame.Kind)
        {
            case BitgetFrameKind.Push:
                OnPush(connection, routes, in frame, bytes, receivedAt, frameNumber);
                break;
            case BitgetFrameKind.Subscribed:
                if (frame.Channel is not null)
                    registry.MarkSubscribed(new BitgetTopic(frame.InstType ?? "", frame.Channel, frame.InstId ?? ""));
                break;
            case BitgetFrameKind.Error:
                // A refused login arrives as an error event: the hook that waits for the login answer must see it.
                if (connection is not null)
                    Hook?.OnEvent(connection, in frame);
                monitor.OnServerError(connection, in frame);
                break;
            case BitgetFrameKind.Login:
            case BitgetFrameKind.OtherEvent:
                if (connection is not null)
                    Hook?.OnEvent(connection, in frame);
                break;
            case BitgetFrameKind.Invalid:
                ReportBadFrame(frame.InvalidReason ?? "invalid frame", bytes, frameNumber, BitgetChannelNames.IsPrivate(frame.Channel) ? frame.Channel : null);
                break;
        }
    }

    private void OnPush(BitgetConnection? connection, ConnectionRoutes routes, in BitgetFrame frame, ReadOnlySpan<byte> bytes, DateTimeOffset receivedAt,
        long frameNumber)
    {
        var (handler, reader) = routes.Route(frame.Channel!);
        var topic = new BitgetTopic(frame.InstType ?? "", frame.Channel!, frame.InstId ?? "");
        var raw = _raw.Takes(topic);
        if ((handler is null || reader is null) && !raw)
        {
            ReportBadFrame($"push on a channel this session does not handle ({frame.InstType}/{frame.Channel}/{frame.InstId})", bytes, frameNumber);
            return;
        }
        var entry = registry.OnPush(topic, receivedAt.UtcTicks, out var resumed);
        if (entry is null && connection is null)
        {
            // A replayed recording's topics are the session's own: every consumer sees them, as if registered.
            registry.Acquire([topic], _replayOwner);
            entry = registry.OnPush(topic, receivedAt.UtcTicks, out resumed);
        }
        if (entry is null)
        {
            reader?.Discard();
            DropUnowned(connection!, routes, topic);
            return;
        }
        // Owned again: should it lose its owners later, a late push is unsubscribed again.
        if (routes.UnsubscribedUnowned.Count > 0)
            routes.UnsubscribedUnowned.Remove(topic);
        if (resumed)
            hub.Notify([topic], new BitgetNotice(BitgetNoticeKind.Verbose, $"Data resumed for {topic}.", target: topic.ToString()));
        if (frame.BadFields > 0)
            ReportBadFields(topic.Channel, topic.ToString(), routes.Parser.MalformedFields, bytes);
        if (raw)
            _raw.Post(topic, RawMessage(in frame, topic, bytes, receivedAt));
        handler?.Deliver(reader!, new PushContext(topic, entry, bytes.Slice(frame.DataStart, frame.DataLength), receivedAt));
    }

    private static BitgetRawMessage RawMessage(in BitgetFrame frame, BitgetTopic topic, ReadOnlySpan<byte> bytes, DateTimeOffset receivedAt) => new()
    {
        Channel = topic.Channel,
        InstType = topic.InstType,
        InstId = topic.InstId,
        Action = frame.Action ?? "",
        Json = System.Text.Encoding.UTF8.GetString(bytes),
        Timestamp = frame.Timestamp is { } ts && ts is >= 0 and <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(ts) : null,
        ReceivedAt = receivedAt,
    };

    // Data for a topic no feed or registration holds (a late push after an unsubscribe, or a subscription the server
    // kept): it reaches nobody, and the server is asked once per connection to stop sending it.
    private void DropUnowned(BitgetConnection connection, ConnectionRoutes routes, BitgetTopic topic)
    {
        Interlocked.Increment(ref counters.Unowned);
        if (routes.UnsubscribedUnowned.Count >= MaxRememberedUnowned || !routes.UnsubscribedUnowned.Add(topic))
            return;
        // Through the monitor: in turn with the subscribe of a topic wanted again meanwhile, never after it.
        if (!monitor.UnsubscribeUnowned(connection, topic))
            routes.UnsubscribedUnowned.Remove(topic);
    }

    // Every malformed value is counted; each field is told once per channel (a feed that always sends one bad field
    // would otherwise warn on every push), with the frame it was first seen in.
    private void ReportBadFields(string channel, string where, MalformedFields malformed, ReadOnlySpan<byte> bytes)
    {
        Interlocked.Add(ref counters.BadFields, malformed.Count);
        foreach (var field in malformed.Names)
        {
            if (_reportedBadFields.Count >= MaxReportedBadFields || !_reportedBadFields.TryAdd((channel, field), true))
                continue;
            var standIn = field == "ts" ? " (the push's own ts stands in)" : "";
            hub.Broadcast(new BitgetNotice(BitgetNoticeKind.Warning,
                $"Kept data of {where} whose {field} was malformed, with {field} left empty{standIn}. Every such value is counted in BadFields; this is told once for {field} on {channel}. Frame: {BitgetFrameParser.Excerpt(bytes)}",
                target: where));
        }
    }

    public void OnFault(BitgetConnection connection, Exception ex)
    {
        Interlocked.Increment(ref counters.BadFrames);
        hub.Broadcast(new BitgetNotice(BitgetNoticeKind.Warning, $"Frame handling failed: {ServerText.Escape(ex.GetBaseException().Message)}", ex));
    }

    // Counted always; reported at once the first time, then at most every 5 s with the count since. A bad frame of a
    // private channel is reported every time: it may have carried an order or a fill that is now lost, and such
    // events come a few a second at most, so none may hide in a count.
    private void ReportBadFrame(string reason, ReadOnlySpan<byte> bytes, long frameNumber, string? privateChannel = null)
    {
        var total = Interlocked.Increment(ref counters.BadFrames);
        var where = frameNumber > 0 ? $"{Source} (frame {frameNumber})" : Source;
        // The reason quotes the frame (its names, the JSON reader's message): escaped like the excerpt.
        reason = ServerText.Escape(reason.TrimEnd('.'));
        if (privateChannel is not null)
        {
            Interlocked.Increment(ref _badFramesAtLastReport); // told here, so not again in the next count
            hub.Broadcast(new BitgetNotice(BitgetNoticeKind.Warning,
                $"Ignored a bad frame of the private channel {ServerText.Escape(privateChannel)} from {where}: {reason}. The event it carried was not delivered. Frame: {BitgetFrameParser.Excerpt(bytes)}"));
            return;
        }
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastBadFrameReport);
        if (last != 0 && now - last < 5000)
            return;
        if (Interlocked.CompareExchange(ref _lastBadFrameReport, now, last) != last)
            return;
        var since = total - Interlocked.Exchange(ref _badFramesAtLastReport, total);
        var text = since <= 1
            ? $"Ignored a bad frame from {where}: {reason}. Frame: {BitgetFrameParser.Excerpt(bytes)}"
            : $"Ignored {since} bad frames from {Source}; latest{(frameNumber > 0 ? $" (frame {frameNumber})" : "")}: {reason}. Frame: {BitgetFrameParser.Excerpt(bytes)}";
        hub.Broadcast(new BitgetNotice(BitgetNoticeKind.Warning, text));
    }
}
