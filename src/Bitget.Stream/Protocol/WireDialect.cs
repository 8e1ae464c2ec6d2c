using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Protocol;

/// <summary>
/// How one of Bitget's APIs spells topics on the wire. Inside the module every topic has one spelling whatever the
/// API (<see cref="BitgetTopic"/>: upper-case instType, the v2 channel name such as <c>candle1m</c> or <c>trade</c>,
/// a symbol or <c>default</c>); a dialect writes that topic as a request argument and reads a pushed or acknowledged
/// argument back into it, so the session, the registry and the handlers never look at the API.
/// </summary>
public abstract class WireDialect
{
    /// <summary>The v2 (Classic) spelling: <c>instType</c>/<c>channel</c>/<c>instId</c>.</summary>
    public static WireDialect Classic { get; } = new ClassicWireDialect();

    /// <summary>The v3 (Unified) spelling: lower-case <c>instType</c>, <c>topic</c>, <c>symbol</c>, <c>interval</c>.</summary>
    public static WireDialect Unified { get; } = new UnifiedWireDialect();

    /// <summary>The dialect of an API.</summary>
    public static WireDialect For(BitgetApi api) => api == BitgetApi.Unified ? Unified : Classic;

    /// <summary>
    /// The API an endpoint's path names: <c>/v3/ws/…</c> is Unified, <c>/v2/ws/…</c> Classic, anything else null (a
    /// proxy or mock path says nothing).
    /// </summary>
    public static BitgetApi? ApiOfEndpoint(Uri endpoint)
    {
        var path = endpoint.AbsolutePath;
        if (path.StartsWith("/v3/ws/", StringComparison.OrdinalIgnoreCase))
            return BitgetApi.Unified;
        if (path.StartsWith("/v2/ws/", StringComparison.OrdinalIgnoreCase))
            return BitgetApi.Classic;
        return null;
    }

    /// <summary>
    /// The API a received frame was written in, from the keys of its <c>arg</c>: <c>topic</c> is v3's, <c>channel</c>
    /// v2's; null for a frame without an argument (a pong, a login answer, a v3 error) or one that is not JSON.
    /// </summary>
    public static BitgetApi? ApiOfFrame(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isArg = reader.ValueTextEquals("arg"u8);
                reader.Read();
                if (!isArg || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("topic"u8))
                        return BitgetApi.Unified;
                    if (reader.ValueTextEquals("channel"u8))
                        return BitgetApi.Classic;
                    reader.Read();
                    reader.Skip();
                }
                return null;
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    /// <summary>The API this dialect speaks.</summary>
    public abstract BitgetApi Api { get; }

    /// <summary>The most arguments one subscribe or unsubscribe frame may carry.</summary>
    public abstract int MaxArgsPerRequest { get; }

    /// <summary>Bitget's public endpoint of this API (demo trading: <c>wspap</c>).</summary>
    public abstract Uri PublicEndpoint(bool demo);

    /// <summary>Bitget's private endpoint of this API (demo trading: <c>wspap</c>).</summary>
    public abstract Uri PrivateEndpoint(bool demo);

    /// <summary>
    /// The module's channel for a channel or topic name as a user types it for this API (v3: <c>publicTrade</c> is the
    /// module's <c>trade</c>); names the module does not map are kept. Null when the name needs more (v3's
    /// <c>kline</c> needs an interval: <c>candle1m</c> is the module's name for it).
    /// </summary>
    public virtual string? ChannelOfName(string name) => name;

    /// <summary>Writes one request argument for a topic.</summary>
    public abstract void WriteArg(Utf8JsonWriter writer, BitgetTopic topic);

    /// <summary>
    /// Reads an argument object (the reader on its <c>StartObject</c>; left on its <c>EndObject</c>) into the frame's
    /// <see cref="BitgetFrame.InstType"/>, <see cref="BitgetFrame.Channel"/> and <see cref="BitgetFrame.InstId"/>.
    /// </summary>
    internal abstract void ReadArg(ref Utf8JsonReader reader, ref BitgetFrame frame, SymbolTable symbols);

    /// <summary>
    /// For an error event without <c>arg</c>: finds the refused argument where this API puts it instead (v3: as JSON
    /// at the start of <c>msg</c>) and fills the frame's topic from it. False when there is none.
    /// </summary>
    internal virtual bool TryReadRefusedArg(ref BitgetFrame frame, SymbolTable symbols) => false;

    /// <summary>The API's name, e.g. <c>Classic</c>.</summary>
    public override string ToString() => Api.ToString();

    /// <summary>Reads the next string value of an argument, or skips a non-string value (returns false).</summary>
    private protected static bool NextString(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        name = reader.ValueSpan;
        reader.Read();
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            reader.Skip();
            value = default;
            return false;
        }
        value = reader.ValueSpan;
        return true;
    }
}
