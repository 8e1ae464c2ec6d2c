namespace Bitget.Stream.Protocol;

/// <summary>
/// An <c>error</c> event sent by the Bitget server. Its properties hold what the server sent, exactly; its message
/// shows that text escaped and capped (<see cref="ServerText"/>).
/// </summary>
public sealed class BitgetServerException : Exception
{
    /// <summary>Creates the exception from the event's fields.</summary>
    public BitgetServerException(int code, string? serverMessage, string? instType, string? channelName, string? instId, string? op)
        : base(Compose(code, serverMessage, instType, channelName, instId))
    {
        Code = code;
        ServerMessage = serverMessage;
        InstType = instType;
        ChannelName = channelName;
        InstId = instId;
        Op = op;
        Hint = BitgetErrorCodes.Hint(code, instType, channelName, instId);
    }

    /// <summary>The numeric code, e.g. 30016.</summary>
    public int Code { get; }
    /// <summary>The server's own message text.</summary>
    public string? ServerMessage { get; }
    /// <summary>The instType the server echoed, if any.</summary>
    public string? InstType { get; }
    /// <summary>The channel name the server echoed, if any.</summary>
    public string? ChannelName { get; }
    /// <summary>The instId the server echoed, if any.</summary>
    public string? InstId { get; }
    /// <summary>The op that failed (subscribe, unsubscribe), if echoed.</summary>
    public string? Op { get; }
    /// <summary>What the user can do about it.</summary>
    public string Hint { get; }
    /// <summary>The rejected topic as <c>INSTTYPE/channel/instId</c>, or null when the server echoed none.</summary>
    public string? Channel => ChannelName is null ? null : $"{InstType}/{ChannelName}/{InstId}";

    private static string Compose(int code, string? msg, string? instType, string? channel, string? instId)
    {
        var what = BitgetErrorCodes.Describe(code);
        var text = $"Bitget error {code}: {(msg is null ? what ?? "(no message)" : ServerText.Escape(msg))}";
        if (channel is not null)
            text += $" [{ServerText.Escape($"{instType}/{channel}/{instId}")}]";
        return text + ". " + BitgetErrorCodes.Hint(code, instType, channel, instId);
    }
}
