using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Bitget.MockExchange;

/// <summary>
/// A loopback Bitget exchange (its own small HTTP/1.1 server on 127.0.0.1, so it runs wherever .NET does, pwsh included) for
/// tests, benchmarks and users testing their scripts offline: the WebSocket API v2 (<c>/v2/ws/public</c>,
/// <c>/v2/ws/private</c>) and v3 (<c>/v3/ws/public</c>, <c>/v3/ws/private</c>), and the REST calls that tell a Classic key
/// from a Unified one (<c>GET /api/v3/account/settings</c>, <c>GET /api/v2/spot/account/info</c>). It answers like the real
/// exchange: <c>ping</c>/<c>pong</c>, one ack per subscribe argument, errors with numeric codes, and pushes whose values
/// follow deterministic formulas (<see cref="TickerFields"/>, <see cref="V3TickerFields"/>): both APIs show the same market.
/// Faults are injected through <see cref="Options"/> and the Drop/Close/Broadcast methods, or over HTTP under <c>/control/</c>.
/// </summary>
public sealed class MockBitgetExchange : IAsyncDisposable
{
    private const int MaxRecordedFrames = 10_000;

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, MockConnection> _connections = new();
    private readonly ConcurrentDictionary<long, MockHttpConnection> _clients = new(); // every accepted TCP connection
    private readonly ConcurrentDictionary<long, Task> _clientTasks = new();
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextClientId;
    private readonly Queue<string> _received = new();
    private readonly Queue<MockRestRequest> _restRequests = new();
    private readonly Lock _receivedLock = new();
    private readonly Lock _overridesLock = new();
    private readonly Dictionary<string, TickerGenerator.Overrides> _overrides = new(StringComparer.Ordinal);
    private volatile FrozenDictionary<string, TickerGenerator.Overrides>? _overridesSnapshot;
    private long _nextId;
    private int _totalConnections;
    private long _pingsReceived;
    private long _pushesSent;
    private int _disposed;
    private readonly Lock _closesLock = new();
    private int _unansweredCloses;
    private int _maxUnansweredCloses;

    private MockBitgetExchange(MockExchangeOptions options, TcpListener listener)
    {
        Options = options;
        _listener = listener;
    }

    /// <summary>The TCP port the exchange listens on (resolved when <see cref="MockExchangeOptions.Port"/> was 0).</summary>
    public int Port { get; private set; }

    /// <summary><c>ws://127.0.0.1:{port}/v2/ws/public</c>. <c>/v2/ws/private</c> is served the same way.</summary>
    public Uri PublicEndpoint => new($"ws://127.0.0.1:{Port}/v2/ws/public");

    /// <summary><c>ws://127.0.0.1:{port}/v2/ws/private</c>: login with <see cref="MockExchangeOptions.PrivateAccounts"/>, then the private channels.</summary>
    public Uri PrivateEndpoint => new($"ws://127.0.0.1:{Port}/v2/ws/private");

    /// <summary><c>ws://127.0.0.1:{port}/v3/ws/public</c>: the v3 (UTA) public socket.</summary>
    public Uri V3PublicEndpoint => new($"ws://127.0.0.1:{Port}/v3/ws/public");

    /// <summary><c>ws://127.0.0.1:{port}/v3/ws/private</c>: the v3 (UTA) private socket, same login as v2.</summary>
    public Uri V3PrivateEndpoint => new($"ws://127.0.0.1:{Port}/v3/ws/private");

    /// <summary><c>http://127.0.0.1:{port}</c>: the REST base address (<c>/api/v3/account/settings</c>, <c>/api/v2/spot/account/info</c>).</summary>
    public Uri RestBaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Number of open connections that have logged in.</summary>
    public int LoggedInConnections => _connections.Values.Count(c => c.LoggedIn);

    /// <summary>The live behaviour switches; changes take effect on the next message or push of every connection.</summary>
    public MockExchangeOptions Options { get; }

    /// <summary>Number of WebSocket connections currently open.</summary>
    public int ActiveConnections => _connections.Count;

    /// <summary>Number of WebSocket connections accepted since start.</summary>
    public int TotalConnections => Volatile.Read(ref _totalConnections);

    /// <summary>Number of <c>ping</c> text frames received (answered or not).</summary>
    public long PingsReceived => Interlocked.Read(ref _pingsReceived);

    /// <summary>
    /// With <see cref="MockExchangeOptions.AnswerCloses"/> off: the most connections at once whose close frame had arrived
    /// unanswered while they were still open. Clients that close their connections together reach their number; closes one
    /// after another, 1.
    /// </summary>
    public int MaxUnansweredCloses
    {
        get
        {
            lock (_closesLock)
            {
                return _maxUnansweredCloses;
            }
        }
    }

    /// <summary>Number of data pushes (ticker frames) sent over all connections.</summary>
    public long PushesSent => Interlocked.Read(ref _pushesSent);

    /// <summary>A snapshot copy of the text frames received from clients, oldest first (the last 10,000 only).</summary>
    public IReadOnlyList<string> ReceivedTextFrames
    {
        get
        {
            lock (_receivedLock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>A snapshot copy of the REST requests received, oldest first (the last 10,000 only).</summary>
    public IReadOnlyList<MockRestRequest> ReceivedRestRequests
    {
        get
        {
            lock (_receivedLock)
            {
                return [.. _restRequests];
            }
        }
    }

    /// <summary>
    /// Current subscriptions, one entry per open connection holding it (a topic subscribed on two connections appears twice),
    /// ordinal-sorted: v2 <c>INSTTYPE/channel/instId</c> (e.g. <c>USDT-FUTURES/ticker/BTCUSDT</c>), v3
    /// <c>instType/topic[/symbol][/interval]</c> (<c>usdt-futures/ticker/BTCUSDT</c>, <c>spot/kline/BTCUSDT/1m</c>,
    /// <c>usdt-futures/liquidation</c>, <c>UTA/order</c>, <c>UTA/strategy-order/default</c>). Includes acknowledged
    /// non-pushed channels such as v2 <c>auction</c>.
    /// </summary>
    public IReadOnlyCollection<string> ActiveSubscriptions
    {
        get
        {
            var list = new List<string>();
            foreach (var c in _connections.Values)
            {
                list.AddRange(c.SubscriptionKeys());
            }

            list.Sort(StringComparer.Ordinal);
            return list;
        }
    }

    internal FrozenDictionary<string, TickerGenerator.Overrides>? OverridesSnapshot => _overridesSnapshot;

    /// <summary>Starts listening on 127.0.0.1 (never another address) and returns once it listens.</summary>
    /// <param name="options">Behaviour switches (a new default instance when null). The instance is kept and read live.</param>
    /// <param name="ct">Cancels the start.</param>
    public static Task<MockBitgetExchange> StartAsync(MockExchangeOptions? options = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        options ??= new MockExchangeOptions();
        var listener = new TcpListener(IPAddress.Loopback, options.Port);
        listener.Start();
        var exchange = new MockBitgetExchange(options, listener)
        {
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
        };
        exchange._acceptLoop = exchange.AcceptLoopAsync();
        return Task.FromResult(exchange);
    }

    /// <summary>
    /// The generated ticker fields of push number <paramref name="n"/> (0 = the first push after subscribing) of a topic on a
    /// connection, as strings in wire order, without <see cref="SetTicker"/> overrides. Formula, from the symbol's
    /// <see cref="MarketProfile"/> (its coin's row of the table: BTC near 91240.50 with 2 decimals, ETH 3128.46, SOL 142.318,
    /// XRP 2.1834, DOGE 0.15832, any other coin a level of its own between 0.5 and 4.5 with 5 decimals; a coin's USDT pair,
    /// spot and futures, its Coin-M <c>…USD</c> and its USDC <c>…PERP</c> alike); tick = one unit of the last decimal:
    /// <list type="bullet">
    /// <item><c>lastPr</c> = <c>markPrice</c> = the level plus the coin's own swings by push number (within about ±0.3 %);
    /// <c>bidPr</c> = lastPr − tick; <c>askPr</c> = lastPr + tick; <c>indexPrice</c> = lastPr − 5 ticks (all with the
    /// symbol's decimals, trailing zeros kept: "91240.50").</item>
    /// <item><c>bidSz</c> = (1 + (n mod 1000)/1000) × the coin's order size, <c>askSz</c> = (2 + (n mod 1000)/1000) × it (3 decimals).</item>
    /// <item><c>open24h</c> = <c>openUtc</c> = the coin's 24-hour open (a few percent from the level); <c>high24h</c> and
    /// <c>low24h</c> fixed beyond every price the coin reaches.</item>
    /// <item><c>change24h</c> (and spot <c>changeUtc24h</c>) = (lastPr − open24h)/open24h truncated to 5 decimals.</item>
    /// <item><c>baseVolume</c> = the coin's 24-hour volume + n/1000 (3 decimals futures, 4 spot; it grows with every push, so it
    /// tells pushes apart); <c>quoteVolume</c> = baseVolume × lastPr truncated to 3 (futures) / 4 (spot) decimals.</item>
    /// <item>Futures only: <c>fundingRate</c> the coin's (BTC "0.000100"); <c>nextFundingTime</c> = next 8-hour UTC boundary (ms);
    /// <c>holdingAmount</c> = a third of the 24-hour volume + n/1000 (3 decimals); <c>symbolType</c> "1" (a JSON number 1 on the wire);
    /// <c>symbol</c> = instId; <c>deliveryPrice</c> "0".</item>
    /// <item><c>instId</c> = instId; <c>ts</c> = the current time in Unix ms (time-based, like <c>nextFundingTime</c>).</item>
    /// </list>
    /// Futures shape (any instType but SPOT) has the fields of the doc's futures ticker; SPOT has the spot fields incl.
    /// <c>changeUtc24h</c>. The push envelope is <c>{"action":"snapshot","arg":{instType,channel:"ticker",instId},"data":[{…}],"ts":&lt;ms number&gt;}</c>.
    /// </summary>
    /// <param name="instType">SPOT or a *-FUTURES instType.</param>
    /// <param name="instId">The symbol, e.g. BTCUSDT.</param>
    /// <param name="n">Push sequence number of the topic on its connection, from 0.</param>
    public static IReadOnlyDictionary<string, string> TickerFields(string instType, string instId, long n) =>
        Fields(ProtocolVersion.V2, Protocol.InstTypes, instType, instId, n);

    /// <summary>
    /// The generated fields of v3 ticker push number <paramref name="n"/> of a topic on a connection, with v3's names, in wire
    /// order: the same values as <see cref="TickerFields"/> for that market (<c>lastPrice</c> = <c>lastPr</c>,
    /// <c>bid1Price</c> = <c>bidPr</c>, <c>price24hPcnt</c> = <c>change24h</c>, <c>volume24h</c> = <c>baseVolume</c>,
    /// <c>turnover24h</c> = <c>quoteVolume</c>, <c>openInterest</c> = <c>holdingAmount</c>, …; a Coin-M <c>BTCUSD_CM</c> is
    /// v2's <c>BTCUSD</c>). No symbol and no ts: v3 has them only in the arg and the envelope. Futures add
    /// <c>indexPrice</c>, <c>markPrice</c>, <c>fundingRate</c>, <c>openInterest</c>, empty <c>deliveryTime</c>,
    /// <c>deliveryStartTime</c>, <c>deliveryStatus</c> and <c>nextFundingTime</c>.
    /// </summary>
    /// <param name="instType">A v3 public instType: spot, usdt-futures, coin-futures, usdc-futures.</param>
    /// <param name="symbol">The v3 symbol, e.g. BTCUSDT or BTCUSD_CM.</param>
    /// <param name="n">Push sequence number of the topic on its connection, from 0.</param>
    public static IReadOnlyDictionary<string, string> V3TickerFields(string instType, string symbol, long n) =>
        Fields(ProtocolVersion.V3, V3Protocol.PublicInstTypes, instType, symbol, n);

    private static IReadOnlyDictionary<string, string> Fields(ProtocolVersion version, HashSet<string> instTypes, string instType, string symbol, long n)
    {
        ArgumentNullException.ThrowIfNull(instType);
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!instTypes.Contains(instType))
        {
            throw new ArgumentException($"'{instType}' is not a Bitget {version.ToString().ToLowerInvariant()} public instType.", nameof(instType));
        }

        return TickerGenerator.Fields(new TopicArg(version, instType, "ticker", symbol), n, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    /// <summary>The symbols a v3 <c>liquidation</c> topic of <paramref name="instType"/> carries, in turn (liquidation n is of symbol n mod their count).</summary>
    public static IReadOnlyList<string> V3LiquidationSymbols(string instType) => MarketGenerator.LiquidationSymbols(instType);

    /// <summary>Polls <paramref name="condition"/> every 10 ms; true as soon as it holds, false after <paramref name="timeout"/>.</summary>
    /// <param name="condition">Evaluated against this exchange.</param>
    /// <param name="timeout">How long to wait.</param>
    public async Task<bool> WaitUntilAsync(Func<MockBitgetExchange, bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (condition(this))
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>Aborts the <paramref name="count"/> oldest open sockets (TCP-level abort), leaving the others up.</summary>
    /// <param name="count">How many to abort.</param>
    public void DropConnections(int count)
    {
        foreach (var c in _connections.OrderBy(pair => pair.Key).Take(count).Select(pair => pair.Value))
        {
            c.Abort();
        }
    }

    /// <summary>Aborts every open socket now (TCP-level abort, no close frame: clients see an abnormal closure).</summary>
    public void DropAllConnections()
    {
        foreach (var c in _connections.Values)
        {
            c.Abort();
        }
    }

    /// <summary>
    /// Sends a close frame to every open connection and waits for the handshakes to finish (a client that does not answer is
    /// aborted after 5 s).
    /// </summary>
    /// <param name="status">Close status sent.</param>
    /// <param name="description">Close reason sent.</param>
    public Task CloseAllConnectionsAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? description = null)
    {
        var all = _connections.Values.Select(c => c.CloseAsync(status, description, TimeSpan.FromSeconds(5))).ToArray();
        return Task.WhenAll(all);
    }

    /// <summary>Sends an arbitrary text frame (malformed JSON, custom events…) to every open connection; completes when written.</summary>
    /// <param name="text">The frame text, sent as is.</param>
    public Task BroadcastRawAsync(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        return Task.WhenAll(_connections.Values.Select(c => c.SendTextAsync(bytes)).ToArray());
    }

    /// <summary>
    /// Pushes the private channel's sample (an order, a fill, …) as an <c>update</c> to every connection subscribed to
    /// (instType, channel, scope): v2 e.g. ("USDT-FUTURES", "orders", "default") or ("SPOT", "account", "default"); v3 with
    /// instType <c>UTA</c> and a v3 topic, e.g. ("UTA", "order") or ("UTA", "fast-fill") (the samples of
    /// tests/fixtures/bitget-uta; scope <c>default</c> is the only one v3 has).
    /// </summary>
    /// <returns>How many connections it was sent to.</returns>
    public async Task<int> PushPrivateAsync(string instType, string channel, string scope = "default")
    {
        ArgumentNullException.ThrowIfNull(instType);
        ArgumentNullException.ThrowIfNull(channel);
        var v3 = instType == V3Protocol.PrivateInstType;
        if (v3 && !V3Protocol.PrivateTopics.Contains(channel))
        {
            throw new ArgumentException($"'{channel}' is not a v3 private topic ({string.Join(", ", V3Protocol.PrivateTopics)}).", nameof(channel));
        }

        var push = v3
            ? PrivateProtocol.V3Sample(channel, "update", DateTimeOffset.UtcNow)
            : PrivateProtocol.Sample(instType, channel, scope, "update", DateTimeOffset.UtcNow)
                ?? throw new ArgumentException($"No private sample for {instType}/{channel}.", nameof(channel));
        var key = v3 ? V3Dialect.PrivateKey(channel, scope) : instType + "/" + channel + "/" + scope;
        var sent = await Task.WhenAll(_connections.Values.Select(c => c.SendIfSubscribedAsync(key, push))).ConfigureAwait(false);
        return sent.Count(s => s);
    }

    /// <summary>Sends a binary frame to every open connection (Bitget v2 sends text only); completes when written.</summary>
    /// <param name="bytes">The frame payload.</param>
    public Task BroadcastBinaryAsync(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Task.WhenAll(_connections.Values.Select(c => c.SendBinaryAsync(bytes)).ToArray());
    }

    /// <summary>
    /// Sends <c>{"event":"error","arg":{"instType":..,"channel":..,"instId":..},"code":n,"msg":"..","op":"subscribe"}</c> to every
    /// open v2 connection (numeric code, like the live server). When instType, channel and instId are all null the frame is
    /// <c>{"event":"error","code":n,"msg":".."}</c> (no arg, no op); otherwise only the non-null arg keys are written. A v3
    /// connection gets v3's shape, <c>{"event":"error","code":n,"msg":"..","connId":".."}</c>: v3 errors name no arg (put a
    /// refused argument into <paramref name="msg"/> as v3 does, e.g. <c>{"instType":"spot",…} doesn't exist</c>).
    /// </summary>
    /// <param name="code">Error code, e.g. 30016.</param>
    /// <param name="msg">Error message.</param>
    /// <param name="instType">Arg instType, or null.</param>
    /// <param name="channel">Arg channel, or null.</param>
    /// <param name="instId">Arg instId, or null.</param>
    public Task BroadcastErrorAsync(int code, string msg, string? instType = null, string? channel = null, string? instId = null)
    {
        ArgumentNullException.ThrowIfNull(msg);
        return Task.WhenAll(_connections.Values.Select(c => c.SendErrorAsync(code, msg, instType, channel, instId)).ToArray());
    }

    /// <summary>
    /// Bitget's service upgrade on every open connection, v2 and v3: the error event 30033 ("Service upgrade in progress.
    /// Connection reset imminent. Please reconnect."; v3 with its connId), then, <paramref name="closeAfter"/> later, a close
    /// frame 1001 (going away). Completes when every connection has ended.
    /// </summary>
    /// <param name="closeAfter">How long after the notice the connection is closed (the exchange: within 60 s).</param>
    public Task ServiceUpgradeAsync(TimeSpan closeAfter = default) =>
        Task.WhenAll(_connections.Values.Select(c => c.ServiceUpgradeAsync(closeAfter)).ToArray());

    /// <summary>
    /// Replays an old push, out of order: every connection subscribed to the ticker of (instType, instId) is sent again its
    /// push of that topic from two pushes before its latest (older data ts, older values), with a new envelope ts. A
    /// connection that has pushed the topic fewer than three times, or pushes it in a benchmark mode, is skipped.
    /// </summary>
    /// <param name="instType">Exact instType of the topic, e.g. USDT-FUTURES.</param>
    /// <param name="instId">Symbol, e.g. BTCUSDT.</param>
    /// <returns>How many connections were sent the old push.</returns>
    public async Task<int> PushStaleAsync(string instType, string instId)
    {
        ArgumentNullException.ThrowIfNull(instType);
        ArgumentNullException.ThrowIfNull(instId);
        var key = instType + "/ticker/" + instId;
        var sent = await Task.WhenAll(_connections.Values.Select(c => c.PushStaleAsync(key)).ToArray()).ConfigureAwait(false);
        return sent.Count(s => s);
    }

    /// <summary>
    /// The book of an order book topic (<paramref name="key"/> as <see cref="ActiveSubscriptions"/> spells it, e.g.
    /// <c>SPOT/books/BTCUSDT</c> or <c>spot/books/BTCUSDT</c>) on every connection that pushes it, after the last push
    /// each sent: a client that applied every push holds the same levels. Each connection is asked between two of its
    /// pushes; with <see cref="MockExchangeOptions.SendData"/> off the answer stays true until data flows again.
    /// </summary>
    public async Task<IReadOnlyList<MockOrderBook>> OrderBooksAsync(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var books = await Task.WhenAll(_connections.Values.Select(c => c.OrderBookAsync(key)).ToArray()).ConfigureAwait(false);
        return [.. books.OfType<MockOrderBook>()];
    }

    /// <summary>
    /// Fixes field values of the ticker pushed for (instType, instId) on every connection, from the next push on. Each entry
    /// replaces the generated value of that field (written as a JSON string; <c>symbolType</c> as a number when it is an
    /// integer); unknown field names are appended as extra string fields. Replaces earlier overrides of that symbol; an empty
    /// dictionary restores the generator.
    /// </summary>
    /// <param name="instType">Exact instType of the topic, e.g. USDT-FUTURES.</param>
    /// <param name="instId">Symbol, e.g. BTCUSDT.</param>
    /// <param name="fields">Field name → value (e.g. "lastPr" → "27000.50").</param>
    public void SetTicker(string instType, string instId, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(instType);
        ArgumentNullException.ThrowIfNull(instId);
        ArgumentNullException.ThrowIfNull(fields);
        var key = instType + "/" + instId;
        var encoded = fields.Count == 0 ? null : new TickerGenerator.Overrides(fields);
        lock (_overridesLock)
        {
            if (encoded is null)
            {
                _overrides.Remove(key);
            }
            else
            {
                _overrides[key] = encoded;
            }

            _overridesSnapshot = _overrides.Count == 0 ? null : _overrides.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }

    /// <summary>Stops listening, aborts every socket and waits for the connections to end. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        _listener.Stop();
        DropAllConnections();
        foreach (var client in _clients.Values)
        {
            client.Abort();
        }

        try
        {
            await Task.WhenAll(_clientTasks.Values.Append(_acceptLoop)).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A connection's loop is stuck; its socket is closed already.
        }

        _stopping.Dispose();
    }

    internal void RecordReceived(string text)
    {
        lock (_receivedLock)
        {
            _received.Enqueue(text);
            while (_received.Count > MaxRecordedFrames)
            {
                _received.Dequeue();
            }
        }
    }

    internal void RecordRestRequest(MockRestRequest request)
    {
        lock (_receivedLock)
        {
            _restRequests.Enqueue(request);
            while (_restRequests.Count > MaxRecordedFrames)
            {
                _restRequests.Dequeue();
            }
        }
    }

    internal void CountPing() => Interlocked.Increment(ref _pingsReceived);

    internal void CountUnansweredClose(int change)
    {
        lock (_closesLock)
        {
            _unansweredCloses += change;
            _maxUnansweredCloses = Math.Max(_maxUnansweredCloses, _unansweredCloses);
        }
    }

    internal void CountPushes(long count) => Interlocked.Add(ref _pushesSent, count);

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (Volatile.Read(ref _disposed) == 1)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a client that reset before it was accepted
            }

            var id = Interlocked.Increment(ref _nextClientId);
            var client = new MockHttpConnection(socket, id);
            _clients[id] = client;
            _clientTasks[id] = Task.Run(() => ServeClientAsync(client));
        }
    }

    /// <summary>Answers the requests of one TCP connection, keep-alive, until it closes or becomes a WebSocket.</summary>
    private async Task ServeClientAsync(MockHttpConnection client)
    {
        var ct = _stopping.Token;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                MockHttpRequest? request;
                try
                {
                    request = await MockHttpRequest.ReadAsync(client.Stream, ct).ConfigureAwait(false);
                }
                catch (InvalidDataException)
                {
                    await new MockHttpResponse(400).WriteAsync(client.Stream, close: true, ct).ConfigureAwait(false);
                    break;
                }

                if (request is null)
                {
                    break;
                }

                if (request.Path is "/v2/ws/public" or "/v2/ws/private" or "/v3/ws/public" or "/v3/ws/private" && request.IsWebSocketRequest)
                {
                    await HandleSocketAsync(client, request).ConfigureAwait(false);
                    return;
                }

                var response = await AnswerAsync(request, ct).ConfigureAwait(false);
                if (response is null)
                {
                    break;
                }

                await response.WriteAsync(client.Stream, request.WantsClose, ct).ConfigureAwait(false);
                if (request.WantsClose)
                {
                    break;
                }
            }

            await client.CloseGracefullyAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            client.Abort(); // the client went away, or the exchange stops
        }
        finally
        {
            _clients.TryRemove(client.Id, out _);
            _clientTasks.TryRemove(client.Id, out _);
        }
    }

    private async Task<MockHttpResponse?> AnswerAsync(MockHttpRequest request, CancellationToken ct)
    {
        var path = request.Path;
        if (path is "/v2/ws/public" or "/v2/ws/private" or "/v3/ws/public" or "/v3/ws/private")
        {
            return new MockHttpResponse(400); // a socket path without a WebSocket upgrade
        }

        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return await RestEndpoints.HandleAsync(this, request, ct).ConfigureAwait(false);
        }

        if (path.StartsWith("/control/", StringComparison.Ordinal))
        {
            return await ControlEndpoints.HandleAsync(this, request).ConfigureAwait(false);
        }

        return new MockHttpResponse(404);
    }

    private async Task HandleSocketAsync(MockHttpConnection client, MockHttpRequest request)
    {
        var ct = _stopping.Token;
        if (Options.RejectConnections || Volatile.Read(ref _disposed) == 1)
        {
            await new MockHttpResponse(503).WriteAsync(client.Stream, close: true, ct).ConfigureAwait(false);
            await client.CloseGracefullyAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(request.Headers.GetValueOrDefault("Sec-WebSocket-Version"), "13", StringComparison.Ordinal))
        {
            await new MockHttpResponse(400).WriteAsync(client.Stream, close: true, ct).ConfigureAwait(false);
            await client.CloseGracefullyAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            return;
        }

        if (Options.AcceptDelay > TimeSpan.Zero)
        {
            await Task.Delay(Options.AcceptDelay, ct).ConfigureAwait(false);
        }

        client.Path = request.Path;
        await client.Stream.WriteAsync(WebSocketHandshake.SwitchingProtocols(request.Headers["Sec-WebSocket-Key"]), ct).ConfigureAwait(false);
        await client.Stream.FlushAsync(ct).ConfigureAwait(false);

        // No keep-alive pings of our own: the mock answers the client's, as Bitget does.
        var ws = WebSocket.CreateFromStream(client.Stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var id = Interlocked.Increment(ref _nextId);
        var connection = new MockConnection(this, client, ws, id);
        _connections[id] = connection;
        Interlocked.Increment(ref _totalConnections);
        try
        {
            if (Volatile.Read(ref _disposed) == 1)
            {
                connection.Abort();
            }

            await connection.RunAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            connection.Abort();
        }
        finally
        {
            _connections.TryRemove(id, out _);
        }

        // After a soft drop the socket is still open: close it once what was sent has gone (FIN, not a reset).
        await client.CloseGracefullyAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }
}
