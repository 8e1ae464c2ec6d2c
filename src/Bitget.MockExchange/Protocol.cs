using System.Text;
using System.Text.Json;

namespace Bitget.MockExchange;

/// <summary>Bitget v2 public protocol facts and reply builders (what the real server accepts and answers).</summary>
internal static class Protocol
{
    internal static readonly HashSet<string> InstTypes = new(StringComparer.Ordinal)
    {
        "SPOT", "USDT-FUTURES", "COIN-FUTURES", "USDC-FUTURES", "SUSDT-FUTURES", "SCOIN-FUTURES", "SUSDC-FUTURES", "MARGIN",
    };

    /// <summary>Channels accepted and acknowledged; <c>ticker</c>, <c>candle*</c>, <c>trade</c> and the order book channels are pushed.</summary>
    internal static readonly HashSet<string> Channels = new(StringComparer.Ordinal)
    {
        "ticker", "books", "books1", "books5", "books15", "trade", "auction", "index-price",
        "candle1m", "candle5m", "candle15m", "candle30m", "candle1H", "candle4H", "candle6H", "candle12H",
        "candle1D", "candle3D", "candle1W", "candle1M",
        "candle6Hutc", "candle12Hutc", "candle1Dutc", "candle3Dutc", "candle1Wutc", "candle1Mutc",
    };

    /// <summary>Channels the real v2 socket rejects with 30016 Param error (v3-only or non-existent v2 topics, per capture).</summary>
    internal static readonly HashSet<string> ParamErrorChannels = new(StringComparer.Ordinal)
    {
        "books50", "markPrice", "funding",
    };

    internal static readonly byte[] Pong = "pong"u8.ToArray();

    internal const int ParamError = 30016;
    internal const int DoesNotExist = 30001;

    /// <summary><c>{"event":"subscribe","arg":{...}}</c>.</summary>
    internal static byte[] Ack(string op, ArgFields arg)
    {
        var w = new ByteWriter(160);
        w.WriteRaw("{\"event\":");
        w.WriteJsonString(op);
        w.WriteRaw(",\"arg\":");
        WriteArg(w, arg);
        w.WriteRaw("}");
        return w.ToArray();
    }

    /// <summary>
    /// <c>{"event":"error","arg":{..},"code":n,"msg":"..","op":".."}</c> — key order as captured live; arg and op omitted when null.
    /// </summary>
    internal static byte[] Error(int code, string msg, ArgFields? arg, string? op)
    {
        var w = new ByteWriter(200);
        w.WriteRaw("{\"event\":\"error\"");
        if (arg is not null)
        {
            w.WriteRaw(",\"arg\":");
            WriteArg(w, arg);
        }

        w.WriteRaw(",\"code\":");
        w.WriteLong(code);
        w.WriteRaw(",\"msg\":");
        w.WriteJsonString(msg);
        if (op is not null)
        {
            w.WriteRaw(",\"op\":");
            w.WriteJsonString(op);
        }

        w.WriteRaw("}");
        return w.ToArray();
    }

    /// <summary>The 30001 message text: <c>instType:X,channel:Y,instId:Z doesn't exist</c> (books add <c>,precision:null</c> as live).</summary>
    internal static string DoesNotExistMessage(ArgFields a)
    {
        var sb = new StringBuilder();
        sb.Append("instType:").Append(a.InstTypeText).Append(",channel:").Append(a.ChannelText).Append(",instId:").Append(a.InstIdText);
        if (a.Channel is not null && a.Channel.StartsWith("books", StringComparison.Ordinal))
        {
            sb.Append(",precision:null");
        }

        return sb.Append(" doesn't exist").ToString();
    }

    private static void WriteArg(ByteWriter w, ArgFields a)
    {
        w.WriteRaw("{");
        var first = true;
        Member(w, "instType", a.InstTypeRaw, ref first);
        Member(w, "channel", a.ChannelRaw, ref first);
        Member(w, a.ScopeIsCoin ? "coin" : "instId", a.InstIdRaw, ref first);
        w.WriteRaw("}");
    }

    private static void Member(ByteWriter w, string name, string? rawJson, ref bool first)
    {
        if (rawJson is null)
        {
            return;
        }

        if (!first)
        {
            w.WriteRaw(",");
        }

        first = false;
        w.WriteJsonString(name);
        w.WriteRaw(":");
        w.WriteRaw(rawJson);
    }

    /// <summary>One element of <c>args</c>: the three routing keys (string values, or raw JSON of non-string values for echoing).</summary>
    internal sealed class ArgFields
    {
        private ArgFields()
        {
        }

        public string? InstType { get; private init; }

        public string? Channel { get; private init; }

        public string? InstId { get; private init; }

        public string? InstTypeRaw { get; private init; }

        public string? ChannelRaw { get; private init; }

        public string? InstIdRaw { get; private init; }

        public string InstTypeText => InstType ?? InstTypeRaw ?? "null";

        public string ChannelText => Channel ?? ChannelRaw ?? "null";

        public string InstIdText => InstId ?? InstIdRaw ?? "null";

        public bool IsObject { get; private init; }

        /// <summary>The private account channel names its scope <c>coin</c>; it is echoed under that key.</summary>
        public bool ScopeIsCoin { get; private init; }

        public static ArgFields FromStrings(string? instType, string? channel, string? instId) => new()
        {
            IsObject = true,
            InstType = instType,
            Channel = channel,
            InstId = instId,
            InstTypeRaw = instType is null ? null : JsonSerializer.Serialize(instType),
            ChannelRaw = channel is null ? null : JsonSerializer.Serialize(channel),
            InstIdRaw = instId is null ? null : JsonSerializer.Serialize(instId),
        };

        public static ArgFields FromElement(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                return new ArgFields { IsObject = false };
            }

            var coin = !e.TryGetProperty("instId", out _) && e.TryGetProperty("coin", out _);
            var scope = coin ? "coin" : "instId";
            return new ArgFields
            {
                IsObject = true,
                ScopeIsCoin = coin,
                InstType = Str(e, "instType"),
                Channel = Str(e, "channel"),
                InstId = Str(e, scope),
                InstTypeRaw = Raw(e, "instType"),
                ChannelRaw = Raw(e, "channel"),
                InstIdRaw = Raw(e, scope),
            };
        }

        private static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

        private static string? Raw(JsonElement e, string name) =>
            e.TryGetProperty(name, out var p) ? p.GetRawText() : null;
    }
}
