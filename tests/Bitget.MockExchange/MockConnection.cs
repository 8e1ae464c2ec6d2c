using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Bitget.MockExchange;

/// <summary>
/// One accepted client socket: a receive loop (parses requests, queues replies) and a send loop (the only writer:
/// control replies from a bounded queue, interleaved with the ticker push generator). Owned by <see cref="MockBitgetExchange"/>.
/// </summary>
internal sealed class MockConnection
{
    private const int MaxMessageBytes = 1 << 20;
    private const int ControlCapacity = 4096;
    private static readonly long IdlePollTicks = Stopwatch.Frequency / 20; // 50 ms: re-read options while idle
    private static readonly long SlackTicks = Stopwatch.Frequency / 1000; // pushes due within 1 ms go in the same pass
    private static readonly long BatchTicks = Stopwatch.Frequency / 1000; // FramesPerSecond: write what is due about every 1 ms
    private const int BatchBytes = 64 * 1024; // pre-encoded frames per socket write, at most (one frame always goes)

    private readonly MockBitgetExchange _exchange;
    private readonly HttpContext _http;
    private readonly WebSocket _ws;
    private readonly TapStream? _tap; // the socket's transport, for pre-encoded frames (null: only the generator path)
    private readonly CancellationTokenSource _cts = new();        // send loop and queue writes
    private readonly CancellationTokenSource _receiveCts = new(); // the pending ReceiveAsync (cancelling it aborts the socket)
    private readonly TaskCompletionSource _softDropped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<Outgoing> _control = Channel.CreateBounded<Outgoing>(
        new BoundedChannelOptions(ControlCapacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    private readonly HashSet<string> _subscriptions = new(StringComparer.Ordinal);
    private readonly Lock _subLock = new();
    private readonly Queue<long> _recentMessages = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _aborted;

    // Send loop only: pushes so far, and the state of the pre-encoded push modes.
    private long _pushes;
    private int _topicsVersion;
    private int _encodedVersion = -1;
    private PreEncodedFrames? _encoded;
    private int _nextFrame;
    private int _rate;
    private long _rateStart;
    private long _rateSent;

    public MockConnection(MockBitgetExchange exchange, HttpContext http, WebSocket ws, TapStream? tap, long id)
    {
        _exchange = exchange;
        _http = http;
        _ws = ws;
        _tap = tap;
        Id = id;
    }

    private enum Kind
    {
        Text,
        Binary,
        Activate,
        Deactivate,
        Stale,
        Close,
        Abort,
    }

    public long Id { get; }

    /// <summary>Completes when both loops have ended.</summary>
    public Task Finished => _finished.Task;

    public string[] SubscriptionKeys()
    {
        lock (_subLock)
        {
            return [.. _subscriptions];
        }
    }

    /// <summary>TCP-level abort: no close frame; both loops end.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) == 1)
        {
            return;
        }

        try { _cts.Cancel(); } catch (ObjectDisposedException) { }
        try { _receiveCts.Cancel(); } catch (ObjectDisposedException) { }
        try { _http.Abort(); } catch (Exception) { /* already gone */ }
        try { _ws.Abort(); } catch (Exception) { /* already gone */ }
    }

    /// <summary>
    /// Disconnect without a close frame but after what was already sent reaches the client: the loops stop and the request
    /// ends, so Kestrel flushes its output and closes the TCP connection (FIN). Used for DropAfterPushes and the rate limit.
    /// Called from the send loop only (so no send is in flight); the pending receive is left to fail when Kestrel closes.
    /// </summary>
    private void SoftDrop() => _softDropped.TrySetResult();

    /// <summary>Queues a text frame; the returned task completes once it was written (or the connection ended).</summary>
    public Task SendTextAsync(byte[] payload)
    {
        var item = new Outgoing(Kind.Text) { Payload = payload, Done = NewDone() };
        return EnqueueAsync(item);
    }

    /// <summary>Queues a binary frame; the returned task completes once it was written (or the connection ended).</summary>
    public Task SendBinaryAsync(byte[] payload)
    {
        var item = new Outgoing(Kind.Binary) { Payload = payload, Done = NewDone() };
        return EnqueueAsync(item);
    }

    /// <summary>
    /// Queues a replay of the push of ticker topic <paramref name="key"/> (<c>instType/ticker/instId</c>) from two pushes
    /// before the latest, with a new envelope ts. True once it was written; false when the connection does not push that
    /// topic, has sent it fewer than three times, or ended.
    /// </summary>
    public async Task<bool> PushStaleAsync(string key)
    {
        var item = new Outgoing(Kind.Stale) { Key = key, Done = NewDone() };
        await EnqueueAsync(item).ConfigureAwait(false);
        return item.Pushed;
    }

    /// <summary>Starts the close handshake; completes when the connection ended (aborted after <paramref name="timeout"/>).</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string? description, TimeSpan timeout)
    {
        var item = new Outgoing(Kind.Close) { CloseStatus = status, Description = description, Done = NewDone() };
        await EnqueueAsync(item).ConfigureAwait(false);
        try
        {
            await Finished.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Abort();
        }
    }

    public async Task RunAsync()
    {
        var send = Task.Run(SendLoopAsync);
        var receive = ReceiveLoopAsync();
        if (await Task.WhenAny(receive, _softDropped.Task).ConfigureAwait(false) != receive)
        {
            // Soft drop: return without touching the socket so Kestrel flushes what was sent, then closes the TCP connection.
            try { _cts.Cancel(); } catch (ObjectDisposedException) { }
            _ = receive.ContinueWith(
                (t, state) =>
                {
                    _ = t.Exception;
                    ((WebSocket)state!).Dispose();
                },
                _ws,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            Finish();
            return;
        }

        var clean = receive.IsCompletedSuccessfully && receive.Result;
        try
        {
            if (clean)
            {
                // Let the send loop finish the close handshake, then stop it.
                await send.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            clean = false;
        }

        if (!clean)
        {
            Abort();
        }
        else
        {
            try { _cts.Cancel(); } catch (ObjectDisposedException) { }
        }

        try
        {
            await send.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            Abort();
        }

        _ws.Dispose();
        Finish();
    }

    private void Finish()
    {
        _control.Writer.TryComplete();
        while (_control.Reader.TryRead(out var pending))
        {
            pending.Done?.TrySetResult();
        }

        lock (_subLock)
        {
            _subscriptions.Clear();
        }

        _finished.TrySetResult();
    }

    private static TaskCompletionSource NewDone() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task EnqueueAsync(Outgoing item)
    {
        try
        {
            await _control.Writer.WriteAsync(item, _cts.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            item.Done?.TrySetResult();
            return;
        }

        if (item.Done is not null)
        {
            // The connection may end before the send loop reaches the item.
            await Task.WhenAny(item.Done.Task, Finished).ConfigureAwait(false);
        }
    }

    private ValueTask QueueAsync(Outgoing item) => _control.Writer.WriteAsync(item, _cts.Token);

    private ValueTask QueueTextAsync(byte[] payload) => QueueAsync(new Outgoing(Kind.Text) { Payload = payload });

    // ---------------------------------------------------------------- receive side

    /// <summary>Returns true when the client sent a close frame (clean end), false when the loop stopped for another reason.</summary>
    private async Task<bool> ReceiveLoopAsync()
    {
        var ct = _receiveCts.Token;
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ByteWriter(4096);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                message.Clear();
                ValueWebSocketReceiveResult r;
                do
                {
                    r = await _ws.ReceiveAsync(buffer.AsMemory(), ct).ConfigureAwait(false);
                    if (r.MessageType == WebSocketMessageType.Close)
                    {
                        if (_ws.State == WebSocketState.CloseReceived)
                        {
                            // Client-initiated close: echo it through the send loop (the only writer).
                            var status = _ws.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
                            if (status == WebSocketCloseStatus.Empty)
                            {
                                status = WebSocketCloseStatus.NormalClosure;
                            }

                            await QueueAsync(new Outgoing(Kind.Close) { CloseStatus = status, Description = _ws.CloseStatusDescription })
                                .ConfigureAwait(false);
                        }

                        return true;
                    }

                    if (message.Length + r.Count > MaxMessageBytes)
                    {
                        await QueueAsync(new Outgoing(Kind.Close) { CloseStatus = WebSocketCloseStatus.MessageTooBig, Description = "message too big" })
                            .ConfigureAwait(false);
                        return false;
                    }

                    message.Write(buffer.AsSpan(0, r.Count));
                }
                while (!r.EndOfMessage);

                if (r.MessageType != WebSocketMessageType.Text)
                {
                    continue; // binary frames are ignored
                }

                var text = Encoding.UTF8.GetString(message.WrittenSpan);
                if (!await HandleTextAsync(text).ConfigureAwait(false))
                {
                    return false;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Handles one client text frame; false = stop receiving (connection is being dropped).</summary>
    private async Task<bool> HandleTextAsync(string text)
    {
        _exchange.RecordReceived(text);
        var options = _exchange.Options;

        var max = options.MaxMessagesPerSecond;
        if (max > 0)
        {
            var now = Environment.TickCount64;
            while (_recentMessages.Count > 0 && now - _recentMessages.Peek() >= 1000)
            {
                _recentMessages.Dequeue();
            }

            _recentMessages.Enqueue(now);
            if (_recentMessages.Count > max)
            {
                await QueueTextAsync(Protocol.OverLimit()).ConfigureAwait(false);
                await QueueAsync(new Outgoing(Kind.Abort)).ConfigureAwait(false);

                // The send loop writes the error, then drops the connection; stop reading meanwhile.
                await _softDropped.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                return false;
            }
        }
        else
        {
            _recentMessages.Clear();
        }

        if (text == "ping")
        {
            _exchange.CountPing();
            if (options.AnswerPings)
            {
                await QueueTextAsync(Protocol.Pong).ConfigureAwait(false);
            }

            return true;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            await QueueTextAsync(Protocol.IllegalRequest()).ConfigureAwait(false);
            return true;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                await QueueTextAsync(Protocol.IllegalRequest()).ConfigureAwait(false);
                return true;
            }

            var op = root.TryGetProperty("op", out var opEl) && opEl.ValueKind == JsonValueKind.String ? opEl.GetString() : null;
            if (op is not ("subscribe" or "unsubscribe"))
            {
                await QueueTextAsync(Protocol.InvalidOp()).ConfigureAwait(false);
                return true;
            }

            await HandleSubscriptionAsync(op, root, options).ConfigureAwait(false);
            return true;
        }
    }

    private async Task HandleSubscriptionAsync(string op, JsonElement root, MockExchangeOptions options)
    {
        if (!root.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array || args.GetArrayLength() == 0)
        {
            await QueueTextAsync(Protocol.Error(Protocol.ParamError, "Param error", null, op)).ConfigureAwait(false);
            return;
        }

        if (op == "subscribe" && options.TakeSubscribeRejection())
        {
            await QueueTextAsync(Protocol.Error(30006, "request too many", null, op)).ConfigureAwait(false);
            return;
        }

        var tooBig = Encoding.UTF8.GetByteCount(args.GetRawText()) > options.MaxArgsBytes;
        var subscribe = op == "subscribe";
        foreach (var element in args.EnumerateArray())
        {
            var arg = Protocol.ArgFields.FromElement(element);
            if (tooBig)
            {
                await QueueTextAsync(Protocol.Error(Protocol.ParamError, "Param error", arg.IsObject ? arg : null, op)).ConfigureAwait(false);
                continue;
            }

            var error = Validate(arg, options);
            if (error is not null)
            {
                await QueueTextAsync(error(op)).ConfigureAwait(false);
                continue;
            }

            var instType = arg.InstType!;
            var channel = arg.Channel!;
            var instId = arg.InstId!;
            var key = instType + "/" + channel + "/" + instId;
            var ack = options.AcknowledgeSubscriptions ? Protocol.Ack(op, arg) : null;
            if (subscribe)
            {
                bool added;
                lock (_subLock)
                {
                    added = _subscriptions.Add(key);
                }

                if (ack is not null)
                {
                    await QueueTextAsync(ack).ConfigureAwait(false);
                }

                if (added && channel == "ticker")
                {
                    // Activated by the send loop after the ack went out, so the first push always follows the ack.
                    await QueueAsync(new Outgoing(Kind.Activate) { Key = key, Topic = new TickerGenerator.Topic(instType, instId) })
                        .ConfigureAwait(false);
                }
            }
            else
            {
                lock (_subLock)
                {
                    _subscriptions.Remove(key);
                }

                if (channel == "ticker")
                {
                    await QueueAsync(new Outgoing(Kind.Deactivate) { Key = key }).ConfigureAwait(false);
                }

                if (ack is not null)
                {
                    await QueueTextAsync(ack).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Null when the argument is acceptable, else a factory of the error frame for the op.</summary>
    private static Func<string, byte[]>? Validate(Protocol.ArgFields arg, MockExchangeOptions options)
    {
        if (!arg.IsObject || arg.InstType is null || arg.Channel is null || arg.InstId is null)
        {
            return op => Protocol.Error(Protocol.ParamError, "Param error", arg.IsObject ? arg : null, op);
        }

        if (!Protocol.InstTypes.Contains(arg.InstType) || arg.InstId.Contains('_', StringComparison.Ordinal)
            || Protocol.ParamErrorChannels.Contains(arg.Channel))
        {
            return op => Protocol.Error(Protocol.ParamError, "Param error", arg, op);
        }

        if (!Protocol.Channels.Contains(arg.Channel) || !options.KnownSymbols.Contains(arg.InstId))
        {
            return op => Protocol.Error(Protocol.DoesNotExist, Protocol.DoesNotExistMessage(arg), arg, op);
        }

        return null;
    }

    // ---------------------------------------------------------------- send side

    private async Task SendLoopAsync()
    {
        var ct = _cts.Token;
        var reader = _control.Reader;
        var topics = new List<ActiveTopic>();
        var frame = new ByteWriter(2048);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                while (reader.TryRead(out var item))
                {
                    if (!await ProcessAsync(item, topics, ct).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                var options = _exchange.Options;
                var wait = IdlePollTicks;
                if (options.SendData && topics.Count > 0 && _tap is not null && (options.FloodFrames || options.FramesPerSecond > 0))
                {
                    var next = await PushEncodedAsync(options, topics, ct).ConfigureAwait(false);
                    if (next < 0)
                    {
                        return;
                    }

                    if (next > 0 && !await WaitAsync(next, ct).ConfigureAwait(false))
                    {
                        return;
                    }

                    continue;
                }

                _rate = 0; // a later switch to FramesPerSecond starts counting afresh
                if (options.SendData && topics.Count > 0)
                {
                    var interval = options.TickerInterval;
                    var intervalTicks = interval <= TimeSpan.Zero ? 0 : (long)(interval.TotalSeconds * Stopwatch.Frequency);
                    var now = Stopwatch.GetTimestamp();
                    var nextDue = long.MaxValue;
                    var overrides = _exchange.OverridesSnapshot;
                    for (var i = 0; i < topics.Count; i++)
                    {
                        var t = topics[i];
                        if (t.Due <= now + SlackTicks && options.SilentTopics.Count > 0 && options.SilentTopics.Contains(t.Key))
                        {
                            // Acknowledged but silent, like a real symbol under the wrong instType on the real server.
                            t.Due = now + Math.Max(intervalTicks, SlackTicks);
                        }
                        else if (t.Due <= now + SlackTicks)
                        {
                            TickerGenerator.Overrides? o = null;
                            overrides?.TryGetValue(t.OverrideKey, out o);
                            if (!await PushTickerAsync(t, options, o, frame, ct).ConfigureAwait(false))
                            {
                                return;
                            }

                            if (intervalTicks == 0)
                            {
                                t.Due = now;
                            }
                            else
                            {
                                t.Due = Math.Max(t.Due, now - intervalTicks) + intervalTicks;
                            }
                        }

                        nextDue = Math.Min(nextDue, t.Due);
                    }

                    if (intervalTicks == 0)
                    {
                        continue;
                    }

                    wait = Math.Min(wait, nextDue - Stopwatch.GetTimestamp());
                }

                if (wait <= SlackTicks)
                {
                    continue;
                }

                if (!await WaitAsync(wait, ct).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception)
        {
            // Send failure, cancellation or abort: the connection is over.
            Abort();
        }
    }

    /// <summary>
    /// Sends push number N of a topic (then <see cref="MockExchangeOptions.RepeatPushes"/> identical copies with new envelope
    /// timestamps) and remembers it for <see cref="PushStaleAsync"/>. False when the connection was dropped (DropAfterPushes).
    /// </summary>
    private async ValueTask<bool> PushTickerAsync(
        ActiveTopic t, MockExchangeOptions options, TickerGenerator.Overrides? o, ByteWriter frame, CancellationToken ct)
    {
        var offset = options.ClockOffset;
        var dataMs = PushClock.NowMs(offset) - Math.Max(0, options.DataTimestampLagMs);
        var sent = new PushClock.Sent(t.N, dataMs, o);
        var copies = 1 + Math.Max(0, options.RepeatPushes);
        for (var i = 0; i < copies; i++)
        {
            if (!await SendPushAsync(t, sent, options, offset, frame, ct).ConfigureAwait(false))
            {
                return false;
            }
        }

        t.History.Add(sent);
        t.N++;
        return true;
    }

    /// <summary>Writes one push of <paramref name="sent"/>'s data with a fresh envelope ts; false when dropped (DropAfterPushes).</summary>
    private async ValueTask<bool> SendPushAsync(
        ActiveTopic t, PushClock.Sent sent, MockExchangeOptions options, TimeSpan offset, ByteWriter frame, CancellationToken ct)
    {
        if (options.DropAfterPushes is int limit && _pushes >= limit)
        {
            SoftDrop();
            return false;
        }

        var envelopeMs = t.Clock.Envelope(options.EnvelopeTimestamp, offset, sent.DataMs);
        frame.Clear();
        TickerGenerator.WriteFrame(frame, t.Topic, sent.N, sent.DataMs, envelopeMs, sent.Overrides);
        await _ws.SendAsync(frame.WrittenMemory, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        _pushes++;
        _exchange.CountPush();
        return true;
    }

    /// <summary>
    /// One pass of the pre-encoded push modes: writes the frames due (flood: one batch) from the ring. Returns the ticks to
    /// wait before the next pass (0 = go on at once), or -1 when the connection was dropped (DropAfterPushes).
    /// </summary>
    private async ValueTask<long> PushEncodedAsync(MockExchangeOptions options, List<ActiveTopic> topics, CancellationToken ct)
    {
        if (_encoded is null || _encodedVersion != _topicsVersion)
        {
            var overrides = _exchange.OverridesSnapshot;
            var list = topics.Select(t =>
            {
                TickerGenerator.Overrides? o = null;
                overrides?.TryGetValue(t.OverrideKey, out o);
                return (t.Topic, o);
            }).ToList();
            var dataMs = PushClock.NowMs(options.ClockOffset) - Math.Max(0, options.DataTimestampLagMs);
            var envelopeMs = options.EnvelopeTimestamp == EnvelopeTimestampMode.SameAsData
                ? dataMs
                : Math.Max(PushClock.NowMs(options.ClockOffset), dataMs + 1);
            _encoded = PreEncodedFrames.Build(list, dataMs, envelopeMs);
            _encodedVersion = _topicsVersion;
            _nextFrame = 0;
        }

        long due;
        var now = Stopwatch.GetTimestamp();
        if (options.FloodFrames)
        {
            _rate = 0;
            due = long.MaxValue; // one batch, then back to the loop (control items, option changes)
        }
        else
        {
            var rate = options.FramesPerSecond;
            if (rate != _rate)
            {
                _rate = rate;
                _rateStart = now;
                _rateSent = 0;
            }

            due = (long)((Int128)(now - _rateStart) * rate / Stopwatch.Frequency) - _rateSent;
            var maxBacklog = Math.Max(1, rate / 10);
            if (due > maxBacklog)
            {
                // Over 100 ms behind (the client is not reading, or this loop was starved): skip the deficit, no burst.
                _rateSent += due - maxBacklog;
                due = maxBacklog;
            }

            if (due <= 0)
            {
                var nextAt = _rateStart + (long)((Int128)(_rateSent + 1) * Stopwatch.Frequency / rate);
                return Math.Max(nextAt - now, BatchTicks);
            }
        }

        if (options.DropAfterPushes is int limit)
        {
            if (_pushes >= limit)
            {
                SoftDrop();
                return -1;
            }

            due = Math.Min(due, limit - _pushes);
        }

        var encoded = _encoded;
        do
        {
            var count = encoded.FramesFitting(_nextFrame, BatchBytes, due);
            var first = encoded.Slice(_nextFrame, count);
            _nextFrame += count;
            if (_nextFrame == encoded.Count)
            {
                _nextFrame = 0;
            }

            // Fill the rest of the batch from the start of the ring.
            var second = ReadOnlyMemory<byte>.Empty;
            var more = _nextFrame == 0 && due > count ? encoded.FramesFitting(0, BatchBytes - first.Length, due - count) : 0;
            if (more > 0 && encoded.Slice(0, more).Length <= BatchBytes - first.Length)
            {
                second = encoded.Slice(0, more);
                _nextFrame = more % encoded.Count;
                count += more;
            }

            await _tap!.WriteFramesAsync(first, second, ct).ConfigureAwait(false);
            _pushes += count;
            _exchange.CountPushes(count);
            if (!options.FloodFrames)
            {
                _rateSent += count;
            }

            due -= count;
        }
        while (due > 0 && !options.FloodFrames);

        return options.FloodFrames ? 0 : BatchTicks;
    }

    /// <summary>Waits until a control item arrives or the delay passes; false when the queue is finished.</summary>
    private async Task<bool> WaitAsync(long ticks, CancellationToken ct)
    {
        var ms = Math.Max(1, (int)Math.Min(int.MaxValue, ticks * 1000 / Stopwatch.Frequency));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ms);
        try
        {
            return await _control.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return true;
        }
    }

    /// <summary>Executes one control item; false = stop the send loop.</summary>
    private async Task<bool> ProcessAsync(Outgoing item, List<ActiveTopic> topics, CancellationToken ct)
    {
        try
        {
            switch (item.Kind)
            {
                case Kind.Text:
                    await _ws.SendAsync(item.Payload, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
                    return true;
                case Kind.Binary:
                    await _ws.SendAsync(item.Payload, WebSocketMessageType.Binary, true, ct).ConfigureAwait(false);
                    return true;
                case Kind.Activate:
                    if (!topics.Exists(t => t.Key == item.Key))
                    {
                        topics.Add(new ActiveTopic(item.Key!, item.Topic!) { Due = Stopwatch.GetTimestamp() });
                        _topicsVersion++;
                    }

                    return true;
                case Kind.Deactivate:
                    if (topics.RemoveAll(t => t.Key == item.Key) > 0)
                    {
                        _topicsVersion++;
                    }

                    return true;
                case Kind.Stale:
                    {
                        var topic = topics.Find(t => t.Key == item.Key);
                        var old = topic?.History.Back(2);
                        if (topic is null || old is null)
                        {
                            return true;
                        }

                        var options = _exchange.Options;
                        if (!await SendPushAsync(topic, old, options, options.ClockOffset, new ByteWriter(1024), ct).ConfigureAwait(false))
                        {
                            return false;
                        }

                        item.Pushed = true;
                        return true;
                    }

                case Kind.Close:
                    if (_ws.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await _ws.CloseOutputAsync(item.CloseStatus, item.Description, ct).ConfigureAwait(false);
                    }

                    return false;
                default:
                    SoftDrop();
                    return false;
            }
        }
        finally
        {
            item.Done?.TrySetResult();
        }
    }

    private sealed class Outgoing(Kind kind)
    {
        public Kind Kind { get; } = kind;

        public byte[] Payload { get; init; } = [];

        public string? Key { get; init; }

        public TickerGenerator.Topic? Topic { get; init; }

        public WebSocketCloseStatus CloseStatus { get; init; }

        public string? Description { get; init; }

        public TaskCompletionSource? Done { get; init; }

        /// <summary>Stale: set by the send loop once the replayed push was written.</summary>
        public bool Pushed { get; set; }
    }

    private sealed class ActiveTopic(string key, TickerGenerator.Topic topic)
    {
        public string Key { get; } = key;

        public TickerGenerator.Topic Topic { get; } = topic;

        public string OverrideKey { get; } = topic.InstType + "/" + topic.InstId;

        public long N { get; set; }

        public long Due { get; set; }

        /// <summary>The envelope timestamps given so far (each later than the one before).</summary>
        public PushClock Clock { get; } = new();

        /// <summary>The last three pushes sent, for a replay of an old one.</summary>
        public PushClock.History History { get; } = new();
    }
}
