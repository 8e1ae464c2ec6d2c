using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Bitget.MockExchange;

/// <summary>
/// One accepted client socket: a receive loop (parses requests, queues replies) and a send loop (the only writer:
/// control replies from a bounded queue, and between them the pushes of its <see cref="TickerPushLoop"/>,
/// <see cref="MarketPushLoop"/> and <see cref="BookPushLoop"/>). What its API (v2 or v3, by the path) makes of a request
/// is its <see cref="WireDialect"/>'s; limits, acks, pushes and faults are the same on both. Owned by <see cref="MockBitgetExchange"/>.
/// </summary>
internal sealed class MockConnection
{
    private const int MaxMessageBytes = 1 << 20;
    private const int ControlCapacity = 4096;

    private readonly MockBitgetExchange _exchange;
    private readonly MockHttpConnection _http; // the TCP connection under the socket
    private readonly WebSocket _ws;
    private readonly TapStream? _tap; // the socket's transport, for pre-encoded frames (null: only the generator path)
    private readonly WireDialect _dialect; // v2 or v3, by the path
    private readonly CancellationTokenSource _cts = new();        // send loop and queue writes
    private readonly CancellationTokenSource _receiveCts = new(); // the pending ReceiveAsync (cancelling it aborts the socket)
    private readonly TaskCompletionSource _softDropped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // The candle and trade pushes; created by the send loop, used on it only.
    private MarketPushLoop? _market;

    private readonly Channel<Outgoing> _control = Channel.CreateBounded<Outgoing>(
        new BoundedChannelOptions(ControlCapacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    private readonly HashSet<string> _subscriptions = new(StringComparer.Ordinal);
    private readonly Lock _subLock = new();
    private readonly Queue<long> _recentMessages = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _aborted;
    // Private endpoint: set by a valid login; private subscriptions before it get 30004.
    private volatile bool _loggedIn;

    public MockConnection(MockBitgetExchange exchange, MockHttpConnection http, WebSocket ws, long id)
    {
        _exchange = exchange;
        _http = http;
        _ws = ws;
        _tap = http.Stream;
        _dialect = WireDialect.For(http.Path);
        Id = id;
    }

    private enum Kind
    {
        Text,
        Binary,
        Activate,
        Deactivate,
        Stale,
        Book,
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
    /// ends, so the server closes the TCP connection after what was written (FIN). Used for DropAfterPushes and the rate limit.
    /// Called from the send side only (the send loop, or the even-rate thread between its writes); the pending receive is left
    /// to fail when the server closes the socket.
    /// </summary>
    private void SoftDrop() => _softDropped.TrySetResult();

    /// <summary>Queues a text frame; the returned task completes once it was written (or the connection ended).</summary>
    public Task SendTextAsync(byte[] payload)
    {
        var item = new Outgoing(Kind.Text) { Payload = payload, Done = NewDone() };
        return EnqueueAsync(item);
    }

    /// <summary>Queues an error event in this connection's API (see <see cref="WireDialect.BroadcastError"/>); completes once written.</summary>
    public Task SendErrorAsync(int code, string msg, string? instType, string? channel, string? instId) =>
        SendTextAsync(_dialect.BroadcastError(code, msg, instType, channel, instId));

    /// <summary>
    /// Bitget's service-upgrade notice: error 30033, then (after <paramref name="closeAfter"/>) a close frame 1001, as the
    /// exchange does within 60 s of a restart. Completes when the connection ended.
    /// </summary>
    public async Task ServiceUpgradeAsync(TimeSpan closeAfter)
    {
        await SendTextAsync(_dialect.Error(30033, V3Protocol.ServiceUpgradeMessage)).ConfigureAwait(false);
        if (closeAfter > TimeSpan.Zero)
        {
            await Task.Delay(closeAfter).ConfigureAwait(false);
        }

        await CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "service upgrade", TimeSpan.FromSeconds(5)).ConfigureAwait(false);
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

    /// <summary>
    /// The book of order book topic <paramref name="key"/> after the last push this connection sent of it (asked on the send
    /// loop, between pushes), or null when it does not push that topic or ended.
    /// </summary>
    public async Task<MockOrderBook?> OrderBookAsync(string key)
    {
        var item = new Outgoing(Kind.Book) { Key = key, Done = NewDone() };
        await EnqueueAsync(item).ConfigureAwait(false);
        return item.Book;
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
            // Soft drop: return without touching the socket; the server then closes the TCP connection gracefully (FIN).
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

    /// <summary>
    /// A stalled peer: the client's close frame is never answered; the connection stays open until the client gives up and
    /// drops it (or the exchange stops). Counted while held (<see cref="MockBitgetExchange.MaxUnansweredCloses"/>).
    /// </summary>
    private async Task HoldCloseAsync(CancellationToken ct)
    {
        _exchange.CountUnansweredClose(+1);
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            // Nothing reads the socket while the close is held: this read sees the client drop it.
            await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(30), gone.Token), _http.WaitForClientGoneAsync(gone.Token)).ConfigureAwait(false);
        }
        finally
        {
            gone.Cancel();
            _exchange.CountUnansweredClose(-1);
        }
    }

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
                        if (!_exchange.Options.AnswerCloses)
                        {
                            await HoldCloseAsync(ct).ConfigureAwait(false);
                            return false;
                        }

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
                await QueueTextAsync(_dialect.Error(30007, "request over limit,connection close")).ConfigureAwait(false);
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
            await QueueTextAsync(_dialect.Error(30002, "Illegal request")).ConfigureAwait(false);
            return true;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                await QueueTextAsync(_dialect.Error(30002, "Illegal request")).ConfigureAwait(false);
                return true;
            }

            var op = root.TryGetProperty("op", out var opEl) && opEl.ValueKind == JsonValueKind.String ? opEl.GetString() : null;
            if (op == "login" && IsPrivateEndpoint)
            {
                return await HandleLoginAsync(root, options).ConfigureAwait(false);
            }

            if (op is not ("subscribe" or "unsubscribe"))
            {
                await QueueTextAsync(_dialect.Error(30003, "Invalid op")).ConfigureAwait(false);
                return true;
            }

            return await HandleSubscriptionAsync(op, root, options).ConfigureAwait(false);
        }
    }

    /// <summary>One subscribe/unsubscribe request, in the connection's API; false = stop receiving (the request closed the socket).</summary>
    private async Task<bool> HandleSubscriptionAsync(string op, JsonElement root, MockExchangeOptions options)
    {
        if (!root.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array || args.GetArrayLength() == 0)
        {
            await QueueTextAsync(_dialect.Error(Protocol.ParamError, "Param error", op)).ConfigureAwait(false);
            return true;
        }

        if (_dialect.ClosesOn(args.GetArrayLength(), options))
        {
            // As the live v3 server: no error frame, the socket closes after what was sent before.
            await QueueAsync(new Outgoing(Kind.Abort)).ConfigureAwait(false);
            await _softDropped.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            return false;
        }

        if (op == "subscribe" && options.TakeSubscribeRejection())
        {
            await QueueTextAsync(_dialect.Error(30006, "request too many", op)).ConfigureAwait(false);
            return true;
        }

        var tooBig = Encoding.UTF8.GetByteCount(args.GetRawText()) > options.MaxArgsBytes;
        var subscribe = op == "subscribe";
        var holdMs = subscribe ? options.HoldSubscribeAcksMs : 0;
        var held = new List<Outgoing>();
        foreach (var element in args.EnumerateArray())
        {
            var verdict = _dialect.Resolve(element, op, tooBig, _loggedIn, options);
            if (verdict.Error is not null)
            {
                await QueueTextAsync(verdict.Error).ConfigureAwait(false);
                continue;
            }

            if (verdict.PrivateKey is not null)
            {
                await SubscribePrivateAsync(op, verdict).ConfigureAwait(false);
                continue;
            }

            var topic = verdict.Topic!;
            var key = topic.Key;
            var ack = options.AcknowledgeSubscriptions ? verdict.Ack : null;
            if (subscribe)
            {
                bool added;
                lock (_subLock)
                {
                    added = _subscriptions.Add(key);
                }

                if (ack is not null)
                {
                    held.Add(new Outgoing(Kind.Text) { Payload = ack });
                }

                if (added && topic.Route != PushRoute.None)
                {
                    // Activated by the send loop after the ack went out, so the first push always follows the ack.
                    held.Add(new Outgoing(Kind.Activate) { Key = key, Arg = topic });
                }

                if (holdMs <= 0)
                {
                    foreach (var item in held)
                    {
                        await QueueAsync(item).ConfigureAwait(false);
                    }

                    held.Clear();
                }
            }
            else
            {
                lock (_subLock)
                {
                    _subscriptions.Remove(key);
                }

                if (topic.Route != PushRoute.None)
                {
                    await QueueAsync(new Outgoing(Kind.Deactivate) { Key = key, Arg = topic }).ConfigureAwait(false);
                }

                if (ack is not null)
                {
                    await QueueTextAsync(ack).ConfigureAwait(false);
                }
            }
        }

        if (held.Count > 0)
        {
            _ = ReleaseHeldAsync(held, holdMs);
        }

        return true;
    }

    /// <summary>Whether the client connected to <c>/v2/ws/private</c> or <c>/v3/ws/private</c>.</summary>
    public bool IsPrivateEndpoint => _http.Path is "/v2/ws/private" or "/v3/ws/private";

    /// <summary>Whether the connection has logged in.</summary>
    public bool LoggedIn => _loggedIn;

    // Bitget answers a failed login with an error event and then disconnects.
    private async Task<bool> HandleLoginAsync(JsonElement root, MockExchangeOptions options)
    {
        var (code, message) = options.RefuseLogins ?? PrivateProtocol.CheckLogin(root, options, DateTimeOffset.UtcNow + options.ClockOffset);
        if (code == 0)
        {
            _loggedIn = true;
            await QueueTextAsync(PrivateProtocol.LoginOk()).ConfigureAwait(false);
            return true;
        }

        await QueueTextAsync(_dialect.Error(code, message)).ConfigureAwait(false);
        // The send loop writes the error, then the close frame; the receive loop goes on until the client answers it.
        await QueueAsync(new Outgoing(Kind.Close) { CloseStatus = WebSocketCloseStatus.PolicyViolation, Description = "login failed" }).ConfigureAwait(false);
        return true;
    }

    // A private topic the dialect accepted (after login): its ack, and its snapshot when the exchange pushes one on subscribe.
    private async Task SubscribePrivateAsync(string op, WireDialect.ArgVerdict verdict)
    {
        bool added;
        lock (_subLock)
        {
            added = op == "subscribe" ? _subscriptions.Add(verdict.PrivateKey!) : _subscriptions.Remove(verdict.PrivateKey!);
        }

        await QueueTextAsync(verdict.Ack).ConfigureAwait(false);
        if (op == "subscribe" && added && _exchange.Options.SendData && verdict.Snapshot?.Invoke(DateTimeOffset.UtcNow) is { } snapshot)
        {
            await QueueTextAsync(snapshot).ConfigureAwait(false);
        }
    }

    /// <summary>Sends <paramref name="push"/> when the connection is subscribed to <paramref name="key"/>; true if it was queued.</summary>
    public async Task<bool> SendIfSubscribedAsync(string key, byte[] push)
    {
        lock (_subLock)
        {
            if (!_subscriptions.Contains(key))
            {
                return false;
            }
        }

        await SendTextAsync(push).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// HoldSubscribeAcksMs: queues a subscribe request's acks and push starts after the hold, in order, while the connection
    /// goes on answering; a topic unsubscribed meanwhile is not started.
    /// </summary>
    private async Task ReleaseHeldAsync(List<Outgoing> held, int holdMs)
    {
        try
        {
            await Task.Delay(holdMs, _cts.Token).ConfigureAwait(false);
            foreach (var item in held)
            {
                if (item.Kind == Kind.Activate)
                {
                    lock (_subLock)
                    {
                        if (!_subscriptions.Contains(item.Key!))
                        {
                            continue;
                        }
                    }
                }

                await QueueAsync(item).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // The connection ended during the hold.
        }
    }

    // ---------------------------------------------------------------- send side

    /// <summary>The only writer of the socket: control replies in order, and between them the pushes due (the push side).</summary>
    private async Task SendLoopAsync()
    {
        var ct = _cts.Token;
        var reader = _control.Reader;
        var budget = new PushBudget(_exchange, SoftDrop);
        var benchmark = _tap is null ? null : new BenchmarkPushLoop(_exchange, _tap, budget, Abort);
        var pushes = new TickerPushLoop(_exchange, _ws, budget, benchmark);
        _market = new MarketPushLoop(_exchange, _ws, budget);
        var books = new BookPushLoop(_exchange, _ws, budget);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                while (reader.TryRead(out var item))
                {
                    if (!await ProcessAsync(item, pushes, books, ct).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                var wait = await pushes.PushDueAsync(ct).ConfigureAwait(false);
                var marketWait = wait < 0 ? wait : await _market.PushDueAsync(ct).ConfigureAwait(false);
                var bookWait = wait < 0 || marketWait < 0 ? -1 : await books.PushDueAsync(ct).ConfigureAwait(false);
                if (wait < 0 || marketWait < 0 || bookWait < 0)
                {
                    return;
                }

                wait = Math.Min(wait, Math.Min(marketWait, bookWait));

                if (wait > 0 && !await WaitAsync(wait, ct).ConfigureAwait(false))
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
        finally
        {
            try
            {
                await pushes.StopAsync().ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Abort(); // the even thread is stuck in a write: abort the socket under it
            }
        }
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
    private async Task<bool> ProcessAsync(Outgoing item, TickerPushLoop pushes, BookPushLoop books, CancellationToken ct)
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
                case Kind.Activate when item.Arg!.Route == PushRoute.Market:
                    _market!.Activate(item.Arg);
                    return true;
                case Kind.Activate when item.Arg.Route == PushRoute.Book:
                    books.Activate(item.Arg);
                    return true;
                case Kind.Activate:
                    pushes.Activate(item.Key!, new TickerGenerator.Topic(item.Arg));
                    return true;
                case Kind.Deactivate when item.Arg!.Route == PushRoute.Market:
                    _market!.Deactivate(item.Key!);
                    return true;
                case Kind.Deactivate when item.Arg.Route == PushRoute.Book:
                    books.Deactivate(item.Key!);
                    return true;
                case Kind.Deactivate:
                    pushes.Deactivate(item.Key!);
                    return true;
                case Kind.Stale:
                    item.Pushed = await pushes.ReplayStaleAsync(item.Key!, ct).ConfigureAwait(false);
                    return true;
                case Kind.Book:
                    item.Book = books.State(item.Key!);
                    return true;
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

        /// <summary>Activate, Deactivate: the topic (its route says which push loop).</summary>
        public TopicArg? Arg { get; init; }

        public WebSocketCloseStatus CloseStatus { get; init; }

        public string? Description { get; init; }

        public TaskCompletionSource? Done { get; init; }

        /// <summary>Stale: set by the send loop once the replayed push was written.</summary>
        public bool Pushed { get; set; }

        /// <summary>Book: the topic's book, set by the send loop.</summary>
        public MockOrderBook? Book { get; set; }
    }
}
