using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;

namespace Bitget.MockExchange;

/// <summary>HTTP fault-injection endpoints under <c>/control/</c> (documented in README.md).</summary>
internal static class ControlEndpoints
{
    public static async Task<MockHttpResponse> HandleAsync(MockBitgetExchange exchange, MockHttpRequest request)
    {
        var action = request.Path["/control/".Length..].TrimEnd('/');
        var isGet = request.Method == "GET";
        var isPost = request.Method == "POST";
        try
        {
            switch (action)
            {
                case "stats" when isGet:
                    return Json(Stats(exchange));
                case "drop" when isPost:
                    exchange.DropAllConnections();
                    return Json(Ok());
                case "close" when isPost:
                    {
                        var status = (WebSocketCloseStatus)(IntQuery(request, "status") ?? (int)WebSocketCloseStatus.NormalClosure);
                        await exchange.CloseAllConnectionsAsync(status, Str(request, "reason")).ConfigureAwait(false);
                        return Json(Ok());
                    }

                case "error" when isPost:
                    {
                        var code = IntQuery(request, "code") ?? throw new FormatException("code is required");
                        await exchange.BroadcastErrorAsync(
                            code,
                            Str(request, "msg") ?? "Param error",
                            Str(request, "instType"),
                            Str(request, "channel"),
                            Str(request, "instId")).ConfigureAwait(false);
                        return Json(Ok());
                    }

                case "private" when isPost:
                    {
                        var sent = await exchange.PushPrivateAsync(
                            Str(request, "instType") ?? "USDT-FUTURES",
                            Str(request, "channel") ?? throw new FormatException("channel is required"),
                            Str(request, "scope") ?? "default").ConfigureAwait(false);
                        return Json(new Dictionary<string, object?> { ["ok"] = true, ["sent"] = sent });
                    }

                case "upgrade" when isPost:
                    await exchange.ServiceUpgradeAsync(TimeSpan.FromMilliseconds(IntQuery(request, "closeAfterMs") ?? 0)).ConfigureAwait(false);
                    return Json(Ok());
                case "rest" when isPost:
                    {
                        if (bool.TryParse(Str(request, "clear"), out var clear) && clear)
                        {
                            exchange.Options.RestAnswer = null;
                        }
                        else
                        {
                            var status = IntQuery(request, "status") ?? throw new FormatException("status is required (or clear=true)");
                            if (status is < 100 or > 599)
                                throw new ArgumentException("status must be an HTTP status (100 to 599)");
                            exchange.Options.RestAnswer = new MockRestAnswer(status, request.Body);
                        }

                        return Json(Ok());
                    }

                case "raw" when isPost:
                    {
                        await exchange.BroadcastRawAsync(request.Body).ConfigureAwait(false);
                        return Json(Ok());
                    }

                case "options" when isPost || isGet:
                    if (isPost)
                    {
                        ApplyOptions(exchange.Options, request.Query);
                    }

                    return Json(OptionsJson(exchange.Options));
                case "ticker" when isPost:
                    {
                        var instType = Str(request, "instType") ?? throw new FormatException("instType is required");
                        var instId = Str(request, "instId") ?? throw new FormatException("instId is required");
                        var fields = request.Query
                            .Where(q => q.Key is not ("instType" or "instId"))
                            .ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
                        exchange.SetTicker(instType, instId, fields);
                        return Json(Ok());
                    }

                case "stale" when isPost:
                    {
                        var instType = Str(request, "instType") ?? throw new FormatException("instType is required");
                        var instId = Str(request, "instId") ?? throw new FormatException("instId is required");
                        var pushed = await exchange.PushStaleAsync(instType, instId).ConfigureAwait(false);
                        return Json(new Dictionary<string, object?> { ["ok"] = true, ["pushed"] = pushed });
                    }

                case "book" when isGet:
                    {
                        var key = Str(request, "key") ?? throw new FormatException("key is required (e.g. spot/books/BTCUSDT)");
                        var books = await exchange.OrderBooksAsync(key).ConfigureAwait(false);
                        return Json(new Dictionary<string, object?> { ["books"] = books.Select(BookJson).ToList() });
                    }

                case "stats" or "drop" or "close" or "error" or "raw" or "options" or "ticker" or "stale" or "private" or "upgrade" or "rest" or "book":
                    return new MockHttpResponse(405);
                default:
                    return new MockHttpResponse(404);
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            return Json(400, new Dictionary<string, object?> { ["ok"] = false, ["error"] = ex.Message });
        }
    }

    // Prices and sizes as strings, as the exchange writes them, so that no decimal goes through a double.
    private static Dictionary<string, object?> BookJson(MockOrderBook book) => new()
    {
        ["key"] = book.Key,
        ["seq"] = book.Sequence,
        ["bids"] = book.Bids.Select(l => new[] { l.Price.ToString(CultureInfo.InvariantCulture), l.Size.ToString(CultureInfo.InvariantCulture) }).ToList(),
        ["asks"] = book.Asks.Select(l => new[] { l.Price.ToString(CultureInfo.InvariantCulture), l.Size.ToString(CultureInfo.InvariantCulture) }).ToList(),
    };

    private static void ApplyOptions(MockExchangeOptions o, IReadOnlyDictionary<string, string> q)
    {
        // Parse everything first so that a bad value changes nothing.
        var answerPings = Bool(q, "answerPings");
        var sendData = Bool(q, "sendData");
        var ack = Bool(q, "ack");
        var reject = Bool(q, "reject");
        var interval = Int(q, "intervalMs");
        var maxArgs = Int(q, "maxArgsBytes");
        var maxRate = Int(q, "maxMessagesPerSecond");
        var flood = Bool(q, "flood");
        var framesPerSecond = Int(q, "framesPerSecond");
        var acceptDelay = Int(q, "acceptDelayMs");
        var rejectSubscribes = Int(q, "rejectSubscribes");
        var clockOffset = Long(q, "clockOffsetMs");
        var envelopeTs = Choice(q, "envelopeTs", ("send", EnvelopeTimestampMode.SendTime), ("data", EnvelopeTimestampMode.SameAsData));
        var dataLag = Int(q, "dataLagMs");
        var repeat = Int(q, "repeat");
        var pattern = Choice(q, "pattern", ("bursts", PushPattern.Bursts), ("even", PushPattern.Even));
        var burstMs = Int(q, "burstMs");
        var holdAcks = Int(q, "holdAcksMs");
        var candlePeriod = Int(q, "candlePeriodMs");
        var candleInterval = Int(q, "candleIntervalMs");
        var candleHistory = Int(q, "candleHistory");
        var tradeInterval = Int(q, "tradeIntervalMs");
        var tradeSnapshot = Int(q, "tradeSnapshot");
        var repeatTradeSnapshots = Bool(q, "repeatTradeSnapshots");
        var bookInterval = Int(q, "bookIntervalMs");
        var bookChecksums = Bool(q, "bookChecksums");
        var bookGaps = Int(q, "bookGaps");
        var bookBadChecksums = Int(q, "bookBadChecksums");
        var bookZeroPseq = Int(q, "bookZeroPseq");
        var bookEarlyUpdates = Int(q, "bookEarlyUpdates");
        var liquidationInterval = Int(q, "liquidationIntervalMs");
        var v3MaxArgs = Int(q, "v3MaxArgs");
        var restDelay = Int(q, "restDelayMs");
        var hasAccountMode = q.TryGetValue("accountMode", out var accountMode);
        var refuseLoginCode = Int(q, "refuseLoginCode");
        var hasSilent = q.TryGetValue("silentTopics", out var silentText);
        var hasDrop = q.TryGetValue("dropAfter", out var dropText);
        int? drop = null;
        if (hasDrop && !string.IsNullOrEmpty(dropText!) && !string.Equals(dropText!, "none", StringComparison.OrdinalIgnoreCase))
        {
            drop = int.Parse(dropText.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        if (interval < 0)
        {
            throw new ArgumentException("intervalMs must be >= 0");
        }

        if (acceptDelay < 0 || rejectSubscribes < 0)
        {
            throw new ArgumentException("acceptDelayMs and rejectSubscribes must be >= 0");
        }

        if (framesPerSecond < 0)
        {
            throw new ArgumentException("framesPerSecond must be >= 0");
        }

        if (dataLag < 0 || repeat < 0 || holdAcks < 0)
        {
            throw new ArgumentException("dataLagMs, repeat and holdAcksMs must be >= 0");
        }

        if (candlePeriod < 0 || candleInterval < 1 || candleHistory < 0 || tradeInterval < 1 || tradeSnapshot < 1)
        {
            throw new ArgumentException("candlePeriodMs >= 0 (0 = the channel's interval), candleIntervalMs, tradeIntervalMs, tradeSnapshot >= 1, candleHistory >= 0");
        }

        if (bookInterval < 0 || bookGaps < 0 || bookBadChecksums < 0 || bookZeroPseq < 0 || bookEarlyUpdates < 0)
        {
            throw new ArgumentException("bookIntervalMs, bookGaps, bookBadChecksums, bookZeroPseq and bookEarlyUpdates must be >= 0");
        }

        if (liquidationInterval < 1 || v3MaxArgs < 1 || restDelay < 0)
        {
            throw new ArgumentException("liquidationIntervalMs and v3MaxArgs must be >= 1, restDelayMs >= 0");
        }

        if (hasAccountMode && string.IsNullOrEmpty(accountMode))
        {
            throw new ArgumentException("accountMode must not be empty (unified, hybrid, upgrading, switching)");
        }

        if (burstMs < 1)
        {
            throw new ArgumentException("burstMs must be >= 1");
        }

        if (answerPings is bool a) { o.AnswerPings = a; }
        if (sendData is bool s) { o.SendData = s; }
        if (ack is bool k) { o.AcknowledgeSubscriptions = k; }
        if (reject is bool r) { o.RejectConnections = r; }
        if (interval is int i) { o.TickerInterval = TimeSpan.FromMilliseconds(i); }
        if (maxArgs is int m) { o.MaxArgsBytes = m; }
        if (maxRate is int mr) { o.MaxMessagesPerSecond = mr; }
        if (hasDrop) { o.DropAfterPushes = drop; }
        if (flood is bool f) { o.FloodFrames = f; }
        if (framesPerSecond is int fps) { o.FramesPerSecond = fps; }
        if (acceptDelay is int ad) { o.AcceptDelay = TimeSpan.FromMilliseconds(ad); }
        if (rejectSubscribes is int rs) { o.RejectSubscribeRequests = rs; }
        if (clockOffset is long co) { o.ClockOffset = TimeSpan.FromMilliseconds(co); }
        if (envelopeTs is EnvelopeTimestampMode et) { o.EnvelopeTimestamp = et; }
        if (dataLag is int dl) { o.DataTimestampLagMs = dl; }
        if (repeat is int rp) { o.RepeatPushes = rp; }
        if (pattern is PushPattern pp) { o.PushPattern = pp; }
        if (burstMs is int bm) { o.BurstIntervalMs = bm; }
        if (holdAcks is int ha) { o.HoldSubscribeAcksMs = ha; }
        if (candlePeriod is int cp) { o.CandlePeriod = cp == 0 ? null : TimeSpan.FromMilliseconds(cp); }
        if (candleInterval is int ci) { o.CandleInterval = TimeSpan.FromMilliseconds(ci); }
        if (candleHistory is int ch) { o.CandleHistory = ch; }
        if (tradeInterval is int ti) { o.TradeInterval = TimeSpan.FromMilliseconds(ti); }
        if (tradeSnapshot is int ts) { o.TradeSnapshotSize = ts; }
        if (repeatTradeSnapshots is bool rts) { o.RepeatTradeSnapshots = rts; }
        if (bookInterval is int bi) { o.BookInterval = TimeSpan.FromMilliseconds(bi); }
        if (bookChecksums is bool bc) { o.BookChecksums = bc; }
        if (bookGaps is int bg) { o.BookSequenceGaps = bg; }
        if (bookBadChecksums is int bb) { o.BookBadChecksums = bb; }
        if (bookZeroPseq is int bz) { o.BookZeroPseqUpdates = bz; }
        if (bookEarlyUpdates is int be) { o.BookUpdatesBeforeSnapshot = be; }
        if (liquidationInterval is int li) { o.LiquidationInterval = TimeSpan.FromMilliseconds(li); }
        if (v3MaxArgs is int va) { o.V3MaxArgsPerRequest = va; }
        if (restDelay is int rd) { o.RestDelay = TimeSpan.FromMilliseconds(rd); }
        if (hasAccountMode) { o.UnifiedAccountMode = accountMode!; }
        if (refuseLoginCode is int rl)
        {
            // 0 clears the switch; the message defaults to Bitget's text for a refused login.
            o.RefuseLogins = rl == 0 ? null : (rl, q.TryGetValue("refuseLoginMsg", out var msg) ? msg.ToString() : "Login failed");
        }

        if (hasSilent)
        {
            // Comma-separated instType/channel/instId keys; empty clears the set.
            o.SilentTopics.Clear();
            foreach (var key in silentText!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                o.SilentTopics.Add(key);
            }
        }
    }

    private static bool? Bool(IReadOnlyDictionary<string, string> q, string name) =>
        q.TryGetValue(name, out var v) ? bool.Parse(v.ToString()) : null;

    private static int? Int(IReadOnlyDictionary<string, string> q, string name) =>
        q.TryGetValue(name, out var v) ? int.Parse(v.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    private static long? Long(IReadOnlyDictionary<string, string> q, string name) =>
        q.TryGetValue(name, out var v) ? long.Parse(v.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    /// <summary>One of the named values (case-insensitive), null when absent; anything else is a FormatException.</summary>
    private static T? Choice<T>(IReadOnlyDictionary<string, string> q, string name, params (string Text, T Value)[] choices)
        where T : struct
    {
        if (!q.TryGetValue(name, out var v))
        {
            return null;
        }

        foreach (var (text, value) in choices)
        {
            if (string.Equals(text, v.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new FormatException(name + " must be one of " + string.Join("|", choices.Select(c => c.Text)));
    }

    private static int? IntQuery(MockHttpRequest r, string name) => Int(r.Query, name);

    private static string? Str(MockHttpRequest r, string name) => r.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    private static Dictionary<string, object?> Ok() => new() { ["ok"] = true };

    private static Dictionary<string, object?> Stats(MockBitgetExchange e) => new()
    {
        ["activeConnections"] = e.ActiveConnections,
        ["totalConnections"] = e.TotalConnections,
        ["pingsReceived"] = e.PingsReceived,
        ["pushesSent"] = e.PushesSent,
        ["subscriptions"] = e.ActiveSubscriptions.ToArray(),
    };

    private static Dictionary<string, object?> OptionsJson(MockExchangeOptions o) => new()
    {
        ["port"] = o.Port,
        ["intervalMs"] = o.TickerInterval.TotalMilliseconds,
        ["answerPings"] = o.AnswerPings,
        ["sendData"] = o.SendData,
        ["ack"] = o.AcknowledgeSubscriptions,
        ["dropAfter"] = o.DropAfterPushes,
        ["reject"] = o.RejectConnections,
        ["maxArgsBytes"] = o.MaxArgsBytes,
        ["maxMessagesPerSecond"] = o.MaxMessagesPerSecond,
        ["flood"] = o.FloodFrames,
        ["framesPerSecond"] = o.FramesPerSecond,
        ["acceptDelayMs"] = o.AcceptDelay.TotalMilliseconds,
        ["rejectSubscribes"] = o.RejectSubscribeRequests,
        ["silentTopics"] = o.SilentTopics.ToArray(),
        ["clockOffsetMs"] = (long)o.ClockOffset.TotalMilliseconds,
        ["envelopeTs"] = o.EnvelopeTimestamp == EnvelopeTimestampMode.SameAsData ? "data" : "send",
        ["dataLagMs"] = o.DataTimestampLagMs,
        ["repeat"] = o.RepeatPushes,
        ["pattern"] = o.PushPattern == PushPattern.Even ? "even" : "bursts",
        ["burstMs"] = o.BurstIntervalMs,
        ["holdAcksMs"] = o.HoldSubscribeAcksMs,
        ["candlePeriodMs"] = o.CandlePeriod is { } period ? (long)period.TotalMilliseconds : 0,
        ["candleIntervalMs"] = o.CandleInterval.TotalMilliseconds,
        ["candleHistory"] = o.CandleHistory,
        ["tradeIntervalMs"] = o.TradeInterval.TotalMilliseconds,
        ["tradeSnapshot"] = o.TradeSnapshotSize,
        ["repeatTradeSnapshots"] = o.RepeatTradeSnapshots,
        ["bookIntervalMs"] = o.BookInterval.TotalMilliseconds,
        ["bookChecksums"] = o.BookChecksums,
        ["bookGaps"] = o.BookSequenceGaps,
        ["bookBadChecksums"] = o.BookBadChecksums,
        ["bookZeroPseq"] = o.BookZeroPseqUpdates,
        ["bookEarlyUpdates"] = o.BookUpdatesBeforeSnapshot,
        ["liquidationIntervalMs"] = o.LiquidationInterval.TotalMilliseconds,
        ["v3MaxArgs"] = o.V3MaxArgsPerRequest,
        ["accountMode"] = o.UnifiedAccountMode,
        ["restDelayMs"] = o.RestDelay.TotalMilliseconds,
        ["restAnswer"] = o.RestAnswer is { } answer ? answer.Status : null,
        ["refuseLoginCode"] = o.RefuseLogins?.Code ?? 0,
        ["refuseLoginMsg"] = o.RefuseLogins?.Message,
    };

    private static MockHttpResponse Json(Dictionary<string, object?> body) => Json(200, body);

    private static MockHttpResponse Json(int status, Dictionary<string, object?> body) => new(status, JsonSerializer.Serialize(body));
}
