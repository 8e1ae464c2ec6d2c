namespace Bitget.Stream.Models;

/// <summary>A session event delivered to consumers beside the data, so that they report it on their own thread.</summary>
public sealed class BitgetNotice
{
    /// <summary>Creates a notice.</summary>
    public BitgetNotice(BitgetNoticeKind kind, string message, Exception? exception = null, string? target = null)
    {
        Kind = kind;
        Message = message;
        Exception = exception;
        Target = target;
    }

    /// <summary>How to surface it.</summary>
    public BitgetNoticeKind Kind { get; }
    /// <summary>Human-readable text.</summary>
    public string Message { get; }
    /// <summary>The failure, for errors (<see cref="Protocol.BitgetServerException"/> for server error events).</summary>
    public Exception? Exception { get; }
    /// <summary>The topic concerned (<c>INSTTYPE/channel/instId</c>), if any.</summary>
    public string? Target { get; }
    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; } = DateTimeOffset.UtcNow;

    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Message}";
}
