namespace Bitget.Stream.Protocol;

/// <summary>The two non-JSON text frames of Bitget's keep-alive.</summary>
public static class BitgetTextFrames
{
    /// <summary>What the client sends every ping interval.</summary>
    public const string Ping = "ping";

    /// <summary>The server's answer, as UTF-8 bytes; checked before any JSON parsing.</summary>
    public static ReadOnlySpan<byte> Pong => "pong"u8;
}
