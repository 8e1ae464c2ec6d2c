namespace Bitget.Stream.Models;

/// <summary>
/// One push of any public channel as received, unparsed beyond its envelope: the escape hatch for channels the module
/// does not model (and ones Bitget adds later). Delivered to raw feeds before, and apart from, any typed handling:
/// no ordering rule or de-duplication applies.
/// </summary>
public sealed class BitgetRawMessage
{
    /// <summary>The channel (<c>arg.channel</c>), e.g. <c>trade</c> or <c>index-price</c>.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The product type (<c>arg.instType</c>) in its v2 spelling.</summary>
    public string InstType { get; set; } = "";

    /// <summary>The instrument (<c>arg.instId</c>).</summary>
    public string InstId { get; set; } = "";

    /// <summary>The push's <c>action</c>: <c>snapshot</c>, <c>update</c>, or empty when it has none.</summary>
    public string Action { get; set; } = "";

    /// <summary>
    /// The whole frame's JSON text, exactly as received (server text: <see cref="ToString"/> and the default view show
    /// it with control characters escaped, see <see cref="Protocol.ServerText"/>).
    /// </summary>
    public string Json { get; set; } = "";

    /// <summary>The envelope's exchange time (<c>ts</c>), UTC; null when the frame has none.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>When this process received the frame, UTC.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <inheritdoc />
    public override string ToString() => Protocol.ServerText.Escape($"{InstType}/{Channel}/{InstId} {Action} ({Json.Length} chars)");
}
