namespace Bitget.MockExchange;

/// <summary>
/// Behaviour switches of a <see cref="MockBitgetExchange"/>. Every property can be changed while the exchange runs;
/// connections read them again for every message they receive or push they send.
/// </summary>
public sealed class MockExchangeOptions
{
    /// <summary>TCP port to listen on (127.0.0.1 only). 0 (the default) picks a free ephemeral port at start.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Time between two ticker pushes of one subscribed ticker topic on one connection (default 100 ms).
    /// <see cref="TimeSpan.Zero"/> pushes as fast as the socket accepts (used by throughput benchmarks).
    /// </summary>
    public TimeSpan TickerInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Benchmark push mode: when true, each connection pushes pre-encoded ticker frames of its subscribed ticker topics
    /// (round-robin) back to back, as fast as the socket accepts them, many frames per socket write. Takes precedence over
    /// <see cref="FramesPerSecond"/> and <see cref="TickerInterval"/>. The frames are encoded once per change of the
    /// connection's topics: values repeat every 64 pushes of a topic (fewer with hundreds of topics), <c>ts</c> is the encoding time, and SetTicker
    /// overrides apply from the next change of topics only. Default false.
    /// </summary>
    public bool FloodFrames { get; set; }

    /// <summary>
    /// Benchmark push mode: when above 0 (and <see cref="FloodFrames"/> is false), each connection pushes pre-encoded ticker
    /// frames of its subscribed ticker topics (round-robin) at this many frames per second in total, instead of on
    /// <see cref="TickerInterval"/>, spread as <see cref="PushPattern"/> says (bursts every <see cref="BurstIntervalMs"/> by
    /// default, or evenly); a backlog of more than 100 ms (a client that does not read) is not made up. Same frame caveats as
    /// <see cref="FloodFrames"/>. Default 0 (off).
    /// </summary>
    public int FramesPerSecond { get; set; }

    /// <summary>
    /// How <see cref="FramesPerSecond"/> spreads its frames: <see cref="PushPattern.Bursts"/> (default: every
    /// <see cref="BurstIntervalMs"/>, all frames due in one write) or <see cref="PushPattern.Even"/> (one frame every 1/rate s).
    /// </summary>
    public PushPattern PushPattern { get; set; }

    /// <summary>With <see cref="PushPattern.Bursts"/>: time between two writes of the frames due, in ms (default 10, at least 1).</summary>
    public int BurstIntervalMs { get; set; } = 10;

    /// <summary>
    /// Added to every timestamp the mock sends (data <c>ts</c>, envelope <c>ts</c>, <c>nextFundingTime</c>) from the next push
    /// on. Changing it while pushes flow is a clock step; a large negative value makes timestamps go back, as after a server
    /// restart or a replay. Default zero.
    /// </summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>What the envelope <c>ts</c> of a push is; default <see cref="EnvelopeTimestampMode.SendTime"/>, as on the real exchange.</summary>
    public EnvelopeTimestampMode EnvelopeTimestamp { get; set; }

    /// <summary>How much older than the moment of sending the data's own <c>ts</c> is, in ms (default 0; the exchange shows about 1000).</summary>
    public int DataTimestampLagMs { get; set; }

    /// <summary>
    /// Each ticker push is sent this many more times right after, with identical data (same data <c>ts</c>, same values) but a
    /// new envelope <c>ts</c> each time, as the exchange does when it re-sends a snapshot. Repeats count as pushes
    /// (<see cref="MockBitgetExchange.PushesSent"/>, <see cref="DropAfterPushes"/>). Default 0. Generator path only (not
    /// <see cref="FloodFrames"/> or <see cref="FramesPerSecond"/>).
    /// </summary>
    public int RepeatPushes { get; set; }

    /// <summary>
    /// When false, a client's close frame is never answered (a stalled peer): the connection stays open until the client
    /// gives up and drops it; see <see cref="MockBitgetExchange.MaxUnansweredCloses"/>. Default true.
    /// </summary>
    public bool AnswerCloses { get; set; } = true;

    /// <summary>When false, the text frame <c>ping</c> is counted but never answered with <c>pong</c>. Default true.</summary>
    public bool AnswerPings { get; set; } = true;

    /// <summary>When false, sockets stay open and control replies still flow, but no data push is sent (a stale, half-open feed). Default true.</summary>
    public bool SendData { get; set; } = true;

    /// <summary>When false, valid subscribe/unsubscribe requests take effect without sending the <c>event</c> acknowledgement. Default true.</summary>
    public bool AcknowledgeSubscriptions { get; set; } = true;

    /// <summary>
    /// When set, each connection is aborted (TCP-level, no close frame) once it has been sent this many data pushes
    /// (0 = abort as soon as the first push would be sent). Applies to existing and new connections. Null (default) = never.
    /// </summary>
    public int? DropAfterPushes { get; set; }

    /// <summary>
    /// When above 0, the acks of a subscribe request (and the pushes of its topics) are held this many ms, while the
    /// connection goes on answering pings and other requests: a slow exchange, for subscribe timeouts. Default 0.
    /// </summary>
    public int HoldSubscribeAcksMs { get; set; }

    /// <summary>How long the server waits before accepting a WebSocket upgrade (a slow server); default none.</summary>
    public TimeSpan AcceptDelay { get; set; }

    /// <summary>
    /// Topics (<c>instType/channel/instId</c>) that are acknowledged but never pushed, as the real server does for a real
    /// symbol under the wrong instType. Thread-safe, mutable while running.
    /// </summary>
    public ISet<string> SilentTopics { get; } = new SymbolSet();

    /// <summary>Symbols whose private-channel subscriptions are refused with 30001 (the public channels refuse what <see cref="KnownSymbols"/> lacks).</summary>
    public ISet<string> RefusedPrivateSymbols { get; } = new SymbolSet();

    /// <summary>
    /// The next this-many subscribe requests (over all connections) are answered with error 30006 "request too many" and
    /// not carried out; the connection stays open.
    /// </summary>
    public int RejectSubscribeRequests
    {
        get => Volatile.Read(ref _rejectSubscribeRequests);
        set => Volatile.Write(ref _rejectSubscribeRequests, value);
    }

    private int _rejectSubscribeRequests;

    /// <summary>Takes one of <see cref="RejectSubscribeRequests"/>; false when none is left.</summary>
    internal bool TakeSubscribeRejection()
    {
        while (true)
        {
            var left = Volatile.Read(ref _rejectSubscribeRequests);
            if (left <= 0)
                return false;
            if (Interlocked.CompareExchange(ref _rejectSubscribeRequests, left - 1, left) == left)
                return true;
        }
    }

    /// <summary>Time between two pushes of each subscribed order book topic (<c>books</c>, <c>books1/5/15</c>, v3 <c>books50</c>…) on one connection (default 100 ms).</summary>
    public TimeSpan BookInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// When true (default), v2 <c>books</c> pushes carry Bitget's CRC-32 <c>checksum</c>; false leaves the key out, as v2 frames
    /// observed in 2026 do (then only seq/pseq can be checked). v3 books never carry one, as live.
    /// </summary>
    public bool BookChecksums { get; set; } = true;

    /// <summary>
    /// The next this-many <c>books</c> updates (over all connections) each follow an update that was never sent: their
    /// <c>pseq</c> names a <c>seq</c> the client did not see (a seq gap), and the book has moved on without it.
    /// </summary>
    public int BookSequenceGaps
    {
        get => Volatile.Read(ref BookSequenceGapsField);
        set => Volatile.Write(ref BookSequenceGapsField, value);
    }

    /// <summary>The next this-many v2 <c>books</c> pushes (over all connections; a snapshot too) carry a wrong <c>checksum</c>.</summary>
    public int BookBadChecksums
    {
        get => Volatile.Read(ref BookBadChecksumsField);
        set => Volatile.Write(ref BookBadChecksumsField, value);
    }

    /// <summary>
    /// The next this-many <c>books</c> updates (over all connections, either API) carry <c>pseq</c> 0, as after a restart of the
    /// exchange's book service ("users will most likely receive a push message with pseq=0"); their <c>seq</c> goes on.
    /// </summary>
    public int BookZeroPseqUpdates
    {
        get => Volatile.Read(ref BookZeroPseqUpdatesField);
        set => Volatile.Write(ref BookZeroPseqUpdatesField, value);
    }

    /// <summary>
    /// The next this-many <c>books</c> subscriptions (over all connections, either API) push an update before their snapshot:
    /// an update the client has no book for.
    /// </summary>
    public int BookUpdatesBeforeSnapshot
    {
        get => Volatile.Read(ref BookUpdatesBeforeSnapshotField);
        set => Volatile.Write(ref BookUpdatesBeforeSnapshotField, value);
    }

    internal int BookSequenceGapsField;
    internal int BookBadChecksumsField;
    internal int BookZeroPseqUpdatesField;
    internal int BookUpdatesBeforeSnapshotField;

    /// <summary>Takes one of a book fault counter; false when none is left.</summary>
    internal bool TakeBookFault(ref int counter)
    {
        while (true)
        {
            var left = Volatile.Read(ref counter);
            if (left <= 0)
                return false;
            if (Interlocked.CompareExchange(ref counter, left - 1, left) == left)
                return true;
        }
    }

    /// <summary>When true, WebSocket upgrade requests are answered with HTTP 503 and no connection is made. Default false.</summary>
    public bool RejectConnections { get; set; }

    /// <summary>
    /// Maximum size in UTF-8 bytes of the JSON text of the <c>args</c> array of one subscribe/unsubscribe request
    /// (real server: 4096). Larger requests get error 30016 for every argument and nothing is subscribed.
    /// </summary>
    public int MaxArgsBytes { get; set; } = 4096;

    /// <summary>
    /// Maximum client messages (text frames, <c>ping</c> included) per connection in any 1-second window; 0 (default) = unlimited.
    /// A client sending more gets <c>{"event":"error","code":30007,"msg":"request over limit,connection close"}</c> and is
    /// disconnected (the real server allows 10).
    /// </summary>
    public int MaxMessagesPerSecond { get; set; }

    /// <summary>
    /// Symbols (instId values) that exist; subscribing to any other gets error 30001. Case-sensitive, thread-safe, mutable.
    /// Default: BTCUSDT, ETHUSDT, SOLUSDT, XRPUSDT, DOGEUSDT, BTCPERP, ETHPERP, BTCUSD, ETHUSD and SYM1USDT..SYM1000USDT.
    /// As on the real server, a known symbol under an instType that does not list it (<c>BTCUSD</c> under USDT-FUTURES: Coin-M
    /// symbols end in USD, USDC-M ones in PERP, the rest are USDT pairs on spot, margin and USDT-M) is acknowledged and then
    /// silent (<see cref="MarketProfile.IsListed"/>); prices come from <see cref="MarketProfile"/>.
    /// </summary>
    public ISet<string> KnownSymbols { get; } = CreateDefaultSymbols();

    private static SymbolSet CreateDefaultSymbols()
    {
        var set = new SymbolSet();
        foreach (var s in new[] { "BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT", "BTCPERP", "ETHPERP", "BTCUSD", "ETHUSD" })
        {
            set.Add(s);
        }

        for (var i = 1; i <= 1000; i++)
        {
            set.Add("SYM" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "USDT");
        }

        return set;
    }

    /// <summary>
    /// How long a mock candle lasts before the next one starts. Null (default): the channel's own interval (a minute for
    /// <c>candle1m</c>); tests set a fraction of a second to see candles roll over. Candle times are aligned to it.
    /// </summary>
    public TimeSpan? CandlePeriod { get; set; }

    /// <summary>Time between two candle pushes of one topic on one connection (default 250 ms; Bitget pushes about once a second).</summary>
    public TimeSpan CandleInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Closed candles before the live one in the snapshot sent after every candle subscribe (default 5).</summary>
    public int CandleHistory { get; set; } = 5;

    /// <summary>
    /// Time between two trades of a trade topic (default 100 ms). Trades are a function of time (trade number n happens at
    /// n × this interval and has trade id n), so every connection sees the same trades with increasing ids.
    /// </summary>
    public TimeSpan TradeInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Recent trades in the snapshot sent after every trade subscribe (default 20).</summary>
    public int TradeSnapshotSize { get; set; } = 20;

    /// <summary>
    /// Fault switch: after every trade update, send the snapshot of recent trades again (trades already sent, with a new
    /// envelope ts), as the exchange does when it repeats a snapshot. Default false.
    /// </summary>
    public bool RepeatTradeSnapshots { get; set; }

    /// <summary>
    /// Time between two liquidations of a v3 <c>liquidation</c> topic (default 500 ms). Like trades they are a function of
    /// time, taking the instType's symbols in turn (<see cref="MockBitgetExchange.V3LiquidationSymbols"/>).
    /// </summary>
    public TimeSpan LiquidationInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A v3 subscribe or unsubscribe frame with more arguments than this closes the socket without an error frame (the client
    /// sees 1006), as the live server did at 25, 50 and 62 while 10, 15 and 20 worked. Default 20; at least 1.
    /// </summary>
    public int V3MaxArgsPerRequest { get; set; } = 20;

    /// <summary>
    /// API keys the private endpoints and the REST endpoints accept (default: <see cref="MockPrivateAccount.Test"/>, a Classic
    /// key, and <see cref="MockPrivateAccount.UnifiedTest"/>, a Unified one). Both log in on either socket, as on Bitget,
    /// where only REST tells the account modes apart.
    /// </summary>
    public IList<MockPrivateAccount> PrivateAccounts { get; } = new List<MockPrivateAccount> { MockPrivateAccount.Test, MockPrivateAccount.UnifiedTest };

    /// <summary>How far a login timestamp (seconds) or a REST <c>ACCESS-TIMESTAMP</c> (ms) may be from the mock's clock (Bitget: 30 s); further is 30014 / 40008.</summary>
    public TimeSpan LoginTimestampTolerance { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What <c>GET /api/v3/account/settings</c> reports as <c>accountMode</c> for a Unified key (default <c>unified</c>; Bitget
    /// also answers <c>hybrid</c>, <c>upgrading</c> and <c>switching</c>).
    /// </summary>
    public string UnifiedAccountMode { get; set; } = "unified";

    /// <summary>
    /// When set, every REST request (<c>/api/…</c>) is answered with this status and body instead of the exchange's checks:
    /// server errors, hostile or malformed answers. Null (default) answers as Bitget does.
    /// </summary>
    public MockRestAnswer? RestAnswer { get; set; }

    /// <summary>How long the REST endpoints wait before answering (a slow exchange, for client timeouts); default none.</summary>
    public TimeSpan RestDelay { get; set; }

    /// <summary>
    /// Fault switch: when set, every login is refused with this error code and message (then the connection is closed),
    /// whatever the credentials; a hostile server's text, for instance. Default null (logins are checked).
    /// </summary>
    public (int Code, string Message)? RefuseLogins { get; set; }
}
