using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bitget.Stream.Credentials;

namespace Bitget.Stream.Protocol;

/// <summary>
/// Signs Bitget's WebSocket login: <c>sign = Base64(HMAC-SHA256(secret, timestamp + "GET" + "/user/verify"))</c>, the
/// timestamp in seconds since the epoch (the docs say milliseconds; every client and the server use seconds). The
/// secret's bytes are wiped after use.
/// </summary>
public static class LoginSigner
{
    /// <summary>The fixed part of the signed text after the timestamp.</summary>
    public const string SignedSuffix = "GET/user/verify";

    /// <summary>The signature for <paramref name="timestampSeconds"/>.</summary>
    public static string Sign(ReadOnlySpan<char> secret, long timestampSeconds) =>
        Hmac(secret, timestampSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + SignedSuffix);

    /// <summary>
    /// Bitget's signature of a text, for the login and REST alike: Base64(HMAC-SHA256(secret, text)), both UTF-8. The
    /// secret's bytes are wiped after use.
    /// </summary>
    internal static string Hmac(ReadOnlySpan<char> secret, string text)
    {
        var keyBytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(secret.Length));
        var keyLength = Encoding.UTF8.GetBytes(secret, keyBytes);
        try
        {
            var message = Encoding.UTF8.GetBytes(text);
            Span<byte> mac = stackalloc byte[32];
            HMACSHA256.HashData(keyBytes.AsSpan(0, keyLength), message, mac);
            return Convert.ToBase64String(mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyBytes.AsSpan(0, keyLength));
            ArrayPool<byte>.Shared.Return(keyBytes);
        }
    }

    /// <summary>The login request as a <see cref="OutboundMessage"/> (whose <c>ToString</c> is redacted).</summary>
    public static OutboundMessage BuildLogin(BitgetCredentials credentials, long timestampSeconds)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var timestamp = timestampSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var buffer = new ArrayBufferWriter<byte>(256);
        // Relaxed escaping: the signature's '+' goes out as '+', as every client sends it (JSON-equivalent either way).
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("op"u8, "login"u8);
            writer.WriteStartArray("args"u8);
            writer.WriteStartObject();
            writer.WriteString("apiKey"u8, credentials.ApiKey);
            writer.WriteString("passphrase"u8, credentials.Passphrase);
            writer.WriteString("timestamp"u8, timestamp);
            writer.WriteString("sign"u8, Sign(credentials.Secret, timestampSeconds));
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        CryptographicOperations.ZeroMemory(MemoryMarshalWritten(buffer));
        return new OutboundMessage(OutboundMessageKind.Login, text, []);
    }

    private static Span<byte> MemoryMarshalWritten(ArrayBufferWriter<byte> buffer) =>
        System.Runtime.InteropServices.MemoryMarshal.AsMemory(buffer.WrittenMemory).Span;

    /// <summary>
    /// Whether a login may be sent to <paramref name="endpoint"/>: only over <c>wss://</c>, or <c>ws://</c> to a loopback
    /// address (a local mock). Anything else would send the key and a valid signature in clear text.
    /// </summary>
    public static bool IsSafeForLogin(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri)
            return false;
        if (endpoint.Scheme == "wss")
            return true;
        return endpoint.Scheme == "ws" && endpoint.IsLoopback;
    }
}
