using System.Text.Json;

namespace Bitget.MockExchange;

/// <summary>The v2 ("Classic") rules of <c>/v2/ws/public</c> and <c>/v2/ws/private</c> (see <see cref="Protocol"/>, <see cref="PrivateProtocol"/>).</summary>
internal sealed class V2Dialect : WireDialect
{
    public static readonly V2Dialect Instance = new();

    private V2Dialect()
    {
    }

    public override ProtocolVersion Version => ProtocolVersion.V2;

    public override byte[] Error(int code, string message, string? op = null) => Protocol.Error(code, message, null, op);

    public override byte[] BroadcastError(int code, string message, string? instType, string? channel, string? instId)
    {
        var hasArg = instType is not null || channel is not null || instId is not null;
        return Protocol.Error(code, message, hasArg ? Protocol.ArgFields.FromStrings(instType, channel, instId) : null, hasArg ? "subscribe" : null);
    }

    public override bool ClosesOn(int argCount, MockExchangeOptions options) => false;

    public override ArgVerdict Resolve(JsonElement element, string op, bool tooBig, bool loggedIn, MockExchangeOptions options)
    {
        var arg = Protocol.ArgFields.FromElement(element);
        if (tooBig)
        {
            return ArgVerdict.Refused(Protocol.Error(Protocol.ParamError, "Param error", arg.IsObject ? arg : null, op));
        }

        if (arg.Channel is not null && PrivateProtocol.Channels.Contains(arg.Channel))
        {
            return ResolvePrivate(arg, op, loggedIn, options);
        }

        var error = Validate(arg, op, options);
        return error is not null
            ? ArgVerdict.Refused(error)
            : ArgVerdict.Public(new TopicArg(ProtocolVersion.V2, arg.InstType!, arg.Channel!, arg.InstId!), Protocol.Ack(op, arg));
    }

    // Private channels: 30004 before login; after it an ack, then the channel's sample as the snapshot.
    private static ArgVerdict ResolvePrivate(Protocol.ArgFields arg, string op, bool loggedIn, MockExchangeOptions options)
    {
        if (!loggedIn)
        {
            return ArgVerdict.Refused(PrivateProtocol.NotLoggedIn(arg, op));
        }

        if (arg.InstType is null || !Protocol.InstTypes.Contains(arg.InstType) || string.IsNullOrEmpty(arg.InstId))
        {
            return ArgVerdict.Refused(Protocol.Error(Protocol.ParamError, "Param error", arg, op));
        }

        if (op == "subscribe" && options.RefusedPrivateSymbols.Contains(arg.InstId))
        {
            return ArgVerdict.Refused(Protocol.Error(Protocol.DoesNotExist, Protocol.DoesNotExistMessage(arg), arg, op));
        }

        var key = arg.InstType + "/" + arg.Channel + "/" + arg.InstId;
        return ArgVerdict.Private(key, Protocol.Ack(op, arg), now => PrivateProtocol.Sample(arg.InstType, arg.Channel!, arg.InstId, "snapshot", now));
    }

    /// <summary>Null when the argument is acceptable, else the error frame for the op.</summary>
    private static byte[]? Validate(Protocol.ArgFields arg, string op, MockExchangeOptions options)
    {
        if (!arg.IsObject || arg.InstType is null || arg.Channel is null || arg.InstId is null)
        {
            return Protocol.Error(Protocol.ParamError, "Param error", arg.IsObject ? arg : null, op);
        }

        if (!Protocol.InstTypes.Contains(arg.InstType) || arg.InstId.Contains('_', StringComparison.Ordinal)
            || Protocol.ParamErrorChannels.Contains(arg.Channel))
        {
            return Protocol.Error(Protocol.ParamError, "Param error", arg, op);
        }

        // MARGIN's index-price covers every pair: instId "default", as on the real server.
        var marginWide = arg.InstType == "MARGIN" && arg.Channel == "index-price" && arg.InstId == "default";
        if (!Protocol.Channels.Contains(arg.Channel) || (!marginWide && !options.KnownSymbols.Contains(arg.InstId)))
        {
            return Protocol.Error(Protocol.DoesNotExist, Protocol.DoesNotExistMessage(arg), arg, op);
        }

        return null;
    }
}
