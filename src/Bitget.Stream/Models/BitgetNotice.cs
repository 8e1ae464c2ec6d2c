using Bitget.Stream.Protocol;

namespace Bitget.Stream.Models;

/// <summary>A session event delivered to consumers beside the data, so that they report it on their own thread.</summary>
public sealed class BitgetNotice
{
    /// <summary>The longest <see cref="Message"/>: a notice quotes at most a few capped pieces of server text.</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>
    /// Creates a notice. Its text is shown on a console as it is, so control characters are escaped here too, whatever
    /// the message was made of (<see cref="ServerText"/>).
    /// </summary>
    public BitgetNotice(BitgetNoticeKind kind, string message, Exception? exception = null, string? target = null)
    {
        Kind = kind;
        Message = ServerText.Escape(message, MaxMessageLength);
        Exception = exception;
        Target = ServerText.Escape(target);
    }

    /// <summary>How to surface it.</summary>
    public BitgetNoticeKind Kind { get; }
    /// <summary>Human-readable text, with any control character escaped.</summary>
    public string Message { get; }
    /// <summary>The failure, for errors (<see cref="Protocol.BitgetServerException"/> for server error events).</summary>
    public Exception? Exception { get; }
    /// <summary>The topic concerned (<c>INSTTYPE/channel/instId</c>, escaped like the message), if any.</summary>
    public string? Target { get; }
    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; } = DateTimeOffset.UtcNow;

    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Message}";
}
