using System.Text.Json;
using Bitget.Stream.Models;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Parsing;

/// <summary>
/// The private <c>account</c> channel's data: v2's balances, or on a Unified session v3's account (one object per coin,
/// each with the account's totals: <see cref="Unified.UnifiedAccountParser"/>).
/// </summary>
internal readonly struct AccountPushFormat : IPushFormat<BitgetAccount>
{
    public static bool Handles(string? channel) => channel == BitgetChannelNames.Account;

    public static string? ReadData(ref Utf8JsonReader reader, ref readonly BitgetFrame frame, DateTimeOffset receivedAt,
        SymbolTable symbols, List<BitgetAccount> output, MalformedFields malformed) => frame.Api == BitgetApi.Unified
        ? Unified.UnifiedAccountParser.ParseArray(ref reader, frame.InstType ?? BitgetInstTypes.Unified, receivedAt, output, malformed)
        : AccountParser.ParseArray(ref reader, BitgetInstTypes.FromWire(frame.InstType) ?? "", receivedAt, output, malformed);

    // The action may follow the data in the envelope.
    public static string? Complete(ref readonly BitgetFrame frame, List<BitgetAccount> output, int first)
    {
        var action = frame.Action ?? "";
        for (var i = first; i < output.Count; i++)
            output[i].Action = action;
        return null;
    }
}
