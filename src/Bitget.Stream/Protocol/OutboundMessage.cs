using Bitget.Stream.Models;

namespace Bitget.Stream.Protocol;

/// <summary>
/// One text frame the client sends: its kind, its wire text and the topics it concerns. Requests leave a
/// connection in the order they were queued (an unsubscribe never overtakes a subscribe held back by a budget);
/// only pings overtake.
/// </summary>
public sealed class OutboundMessage
{
    /// <summary>The one ping frame.</summary>
    public static readonly OutboundMessage Ping = new(OutboundMessageKind.Ping, BitgetTextFrames.Ping, []);

    /// <summary>Creates a message.</summary>
    public OutboundMessage(OutboundMessageKind kind, string text, IReadOnlyList<BitgetTopic> topics)
    {
        Kind = kind;
        Text = text;
        Topics = topics;
    }

    /// <summary>What the message is.</summary>
    public OutboundMessageKind Kind { get; }

    /// <summary>The text frame as sent.</summary>
    public string Text { get; }

    /// <summary>The topics of a subscribe or unsubscribe request; empty otherwise.</summary>
    public IReadOnlyList<BitgetTopic> Topics { get; }

    /// <summary>Whether it is a request (anything but a ping).</summary>
    public bool IsRequest => Kind != OutboundMessageKind.Ping;

    /// <inheritdoc />
    public override string ToString() => Kind == OutboundMessageKind.Login ? "login (redacted)" : Text;
}
