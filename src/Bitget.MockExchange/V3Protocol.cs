using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bitget.MockExchange;

/// <summary>
/// Bitget v3 (UTA) protocol facts and reply builders: what <c>/v3/ws/public</c> and <c>/v3/ws/private</c> accept and answer
/// (spec: bitget-uta-ws-spec.md §1.4–1.6, §2, §3). Acks and errors carry the connection's <c>connId</c>; an error has no
/// <c>arg</c>: a refused argument is written inside <c>msg</c> as JSON with sorted keys, followed by <c> doesn't exist</c>.
/// </summary>
internal static class V3Protocol
{
    /// <summary>The public instTypes, lowercase as v3 spells them.</summary>
    internal static readonly HashSet<string> PublicInstTypes = new(StringComparer.Ordinal)
    {
        "spot", "usdt-futures", "coin-futures", "usdc-futures",
    };

    /// <summary>The public topics the mock serves (and pushes).</summary>
    internal static readonly HashSet<string> PublicTopics = new(StringComparer.Ordinal)
    {
        "ticker", "kline", "books", "books1", "books5", "books50", "publicTrade", "liquidation",
        "rpi-books", "rpi-books1", "rpi-books5", "rpi-books50",
    };

    /// <summary>The private topics (instType <c>UTA</c>).</summary>
    internal static readonly HashSet<string> PrivateTopics = new(StringComparer.Ordinal)
    {
        "account", "position", "order", "fill", "fast-fill", "strategy-order", "adl-notification",
    };

    /// <summary>The instType of every private topic.</summary>
    internal const string PrivateInstType = "UTA";

    /// <summary>The text of the 30033 notice (UTA change log, Feb 4, 2026).</summary>
    internal const string ServiceUpgradeMessage = "Service upgrade in progress. Connection reset imminent. Please reconnect.";

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>A connection id shaped like the live ones: five dash-separated hex groups.</summary>
    internal static string NewConnId()
    {
        var hex = Convert.ToHexString(RandomNumberGenerator.GetBytes(28)).ToLowerInvariant();
        return $"{hex[..16]}-{hex[16..24]}-{hex[24..32]}-{hex[32..48]}-{hex[48..56]}";
    }

    /// <summary><c>{"event":op,"arg":{…as sent…},"connId":"…"}</c>.</summary>
    internal static byte[] Ack(string op, V3Arg arg, string connId)
    {
        var w = new ByteWriter(200);
        w.WriteRaw("{\"event\":");
        w.WriteJsonString(op);
        w.WriteRaw(",\"arg\":{");
        for (var i = 0; i < arg.Members.Count; i++)
        {
            if (i > 0)
                w.WriteRaw(",");
            w.WriteJsonString(arg.Members[i].Name);
            w.WriteRaw(":");
            w.WriteRaw(arg.Members[i].RawJson);
        }

        w.WriteRaw("},\"connId\":");
        w.WriteJsonString(connId);
        w.WriteRaw("}");
        return w.ToArray();
    }

    /// <summary><c>{"event":"error","code":n,"msg":"…","connId":"…"}</c>: a numeric code and no arg, as captured.</summary>
    internal static byte[] Error(int code, string msg, string connId)
    {
        var w = new ByteWriter(200);
        w.WriteRaw("{\"event\":\"error\",\"code\":");
        w.WriteLong(code);
        w.WriteRaw(",\"msg\":");
        w.WriteJsonString(msg);
        w.WriteRaw(",\"connId\":");
        w.WriteJsonString(connId);
        w.WriteRaw("}");
        return w.ToArray();
    }

    /// <summary>
    /// The 30001 text: the argument as compact JSON with its keys in ordinal order, then <c> doesn't exist</c>, e.g.
    /// <c>{"instType":"usdt-futures","symbol":"NOPEUSDT","topic":"books"} doesn't exist</c>.
    /// </summary>
    internal static string DoesNotExistMessage(V3Arg arg)
    {
        var sb = new StringBuilder("{");
        foreach (var (name, raw) in arg.Members.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            if (sb.Length > 1)
                sb.Append(',');
            sb.Append('"').Append(JsonEncodedText.Encode(name, Encoder).ToString()).Append("\":").Append(raw);
        }

        return sb.Append("} doesn't exist").ToString();
    }

    /// <summary>One element of a v3 <c>args</c> array: its routing keys (string values) and every member as sent, for echoing.</summary>
    internal sealed class V3Arg
    {
        private V3Arg()
        {
        }

        public bool IsObject { get; private init; }

        public string? InstType { get; private init; }

        public string? Topic { get; private init; }

        public string? Symbol { get; private init; }

        public string? Interval { get; private init; }

        public bool HasSymbol { get; private init; }

        public bool HasInterval { get; private init; }

        /// <summary>The members in the order sent, each value as compact JSON.</summary>
        public IReadOnlyList<(string Name, string RawJson)> Members { get; private init; } = [];

        public static V3Arg FromElement(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object)
                return new V3Arg();
            return new V3Arg
            {
                IsObject = true,
                InstType = Str(e, "instType"),
                Topic = Str(e, "topic"),
                Symbol = Str(e, "symbol"),
                Interval = Str(e, "interval"),
                HasSymbol = e.TryGetProperty("symbol", out _),
                HasInterval = e.TryGetProperty("interval", out _),
                Members = e.EnumerateObject().Select(p => (p.Name, Compact(p.Value))).ToList(),
            };
        }

        private static string Compact(JsonElement value)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Encoder }))
                value.WriteTo(writer);
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        private static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
    }
}
