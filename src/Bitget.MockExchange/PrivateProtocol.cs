using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bitget.MockExchange;

/// <summary>
/// The private side of the sockets (<c>/v2/ws/private</c>, <c>/v3/ws/private</c>): login checks with the real recipe
/// (Base64(HMAC-SHA256(secret, timestamp + "GET/user/verify")), timestamp in seconds, 30 s validity), the same on both APIs,
/// and the private channels, whose pushes are the documented samples (tests/fixtures/bitget, tests/fixtures/bitget-uta)
/// with the subscribed arg and a fresh ts.
/// </summary>
internal static class PrivateProtocol
{
    /// <summary>Private channels accepted after login.</summary>
    internal static readonly HashSet<string> Channels = new(StringComparer.Ordinal)
    {
        "orders", "orders-algo", "positions", "positions-history", "account", "fill",
    };

    internal static byte[] LoginOk() => "{\"event\":\"login\",\"code\":0}"u8.ToArray();

    internal static byte[] NotLoggedIn(Protocol.ArgFields arg, string op) => Protocol.Error(30004, "User needs to log in", arg, op);

    /// <summary>0 when the login is valid, else the error code and message the real server answers.</summary>
    internal static (int Code, string Message) CheckLogin(JsonElement root, MockExchangeOptions options, DateTimeOffset now)
    {
        if (!root.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array || args.GetArrayLength() != 1
            || args[0].ValueKind != JsonValueKind.Object)
            return (30005, "error");
        var arg = args[0];
        var key = Str(arg, "apiKey");
        var passphrase = Str(arg, "passphrase");
        var timestamp = Str(arg, "timestamp");
        var sign = Str(arg, "sign");
        if (key is null || passphrase is null || timestamp is null || sign is null)
            return (30005, "error");
        var account = options.PrivateAccounts.FirstOrDefault(a => a.ApiKey == key);
        if (account is null)
            return (30011, "Invalid ACCESS_KEY");
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return (30013, "Invalid ACCESS_TIMESTAMP");
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > options.LoginTimestampTolerance.TotalSeconds)
            return (30014, "Request timestamp expired");
        if (!FixedEquals(Sign(account.Secret, timestamp), sign))
            return (30015, "Invalid sign");
        if (!FixedEquals(account.Passphrase, passphrase))
            return (30012, "Invalid ACCESS_PASSPHRASE");
        return (0, "");
    }

    /// <summary>The login signature for <paramref name="timestamp"/> (seconds, as sent).</summary>
    internal static string Sign(string secret, string timestamp) => Hmac(secret, timestamp + "GET/user/verify");

    /// <summary>Bitget's signature of a text: Base64(HMAC-SHA256(secret, text)), UTF-8 (the login and REST alike).</summary>
    internal static string Hmac(string secret, string text) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));

    /// <summary>Compares in constant time (signatures, passphrases).</summary>
    internal static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    /// <summary>
    /// A push of the channel's sample for the topic (<paramref name="scope"/> is the instId, or the coin of <c>account</c>),
    /// with <paramref name="action"/> and a fresh envelope ts; null when there is no sample for that instType.
    /// </summary>
    internal static byte[]? Sample(string instType, string channel, string scope, string action, DateTimeOffset now)
    {
        var spot = instType == "SPOT";
        var name = (channel, spot) switch
        {
            ("orders", true) => "spot-orders.json",
            ("orders", false) => "orders.json",
            ("orders-algo", true) => "spot-orders-algo.json",
            ("orders-algo", false) => "orders-algo.json",
            ("positions", false) => "positions.json",
            ("positions-history", false) => "positions-history.json",
            ("account", true) => "account.json",
            ("account", false) => "futures-account.json",
            ("fill", true) => "fill.json",
            ("fill", false) => "futures-fill.json",
            _ => null,
        };
        if (name is null)
            return null;
        var sample = JsonNode.Parse(ReadResource(name))!.AsObject();
        var arg = new JsonObject { ["instType"] = instType, ["channel"] = channel };
        arg[channel == "account" ? "coin" : "instId"] = scope;
        var data = sample["data"]!.DeepClone().AsArray();
        // A symbol-scoped spot orders topic only carries that symbol's orders.
        if (scope != "default")
        {
            foreach (var item in data)
            {
                if (item is JsonObject o && o.ContainsKey("instId"))
                    o["instId"] = scope;
            }
        }
        var push = new JsonObject
        {
            ["action"] = action,
            ["arg"] = arg,
            ["data"] = data,
            ["ts"] = now.ToUnixTimeMilliseconds(),
        };
        return Encoding.UTF8.GetBytes(push.ToJsonString());
    }

    /// <summary>
    /// A push of a v3 private topic's documented sample (tests/fixtures/bitget-uta/v3-&lt;topic&gt;.json: its arg, instType
    /// <c>UTA</c>, and its data, an object for <c>fast-fill</c>) with <paramref name="action"/> and a fresh envelope ts.
    /// </summary>
    internal static byte[] V3Sample(string topic, string action, DateTimeOffset now)
    {
        var sample = JsonNode.Parse(ReadResource("v3-" + topic + ".json"))!.AsObject();
        var push = new JsonObject
        {
            ["action"] = action,
            ["arg"] = sample["arg"]!.DeepClone(),
            ["data"] = sample["data"]!.DeepClone(),
            ["ts"] = now.ToUnixTimeMilliseconds(),
        };
        return Encoding.UTF8.GetBytes(push.ToJsonString());
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("fixtures/" + name)
            ?? throw new InvalidOperationException($"The sample {name} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
