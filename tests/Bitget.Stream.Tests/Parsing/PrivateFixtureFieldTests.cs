using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bitget.Stream.Models;
using Bitget.Stream.Parsing;

namespace Bitget.Stream.Tests.Parsing;

/// <summary>
/// Every field of every v2 private push sample is mapped: for each field of the sample's data (nested fee details
/// included), the push is parsed again with that one value changed, and the parsed objects must differ. A field the
/// parser skips leaves them equal, so a field added to Bitget's sample without a property fails here.
/// </summary>
public sealed class PrivateFixtureFieldTests
{
    private static readonly DateTimeOffset s_received = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> PrivateFixtures() => new(
        "orders.json", "spot-orders.json", "orders-algo.json", "spot-orders-algo.json", "positions.json",
        "positions-history.json", "account.json", "futures-account.json", "fill.json", "futures-fill.json");

    [Theory]
    [MemberData(nameof(PrivateFixtures))]
    public void EveryFieldOfTheSampleIsMapped(string fixture)
    {
        var push = JsonNode.Parse(Fixtures.Text(fixture))!.AsObject();
        var baseline = Parse(push);
        Assert.StartsWith("ok", baseline);
        var unmapped = new List<string>();
        foreach (var path in LeafPaths(push["data"]!, "data"))
        {
            var changed = JsonNode.Parse(push.ToJsonString())!.AsObject();
            Replace(changed, path);
            if (Parse(changed) == baseline)
                unmapped.Add(string.Join('.', path.Skip(1).Where(p => p is string)));
        }
        Assert.Empty(unmapped.Distinct());
    }

    [Fact]
    public void TheNewFieldsAreExact()
    {
        var futures = Orders("orders.json").Single();
        Assert.Equal(1200m, futures.NotionalUsd);
        Assert.Equal("API", futures.EnterPointSource);
        Assert.Equal("none", futures.StpMode);
        Assert.Equal(3200m, futures.TakeProfitPrice);
        Assert.Equal(3200m, futures.TakeProfitLimitPrice);
        Assert.Equal("fill_price", futures.TakeProfitTriggerBy);
        Assert.Equal(2800m, futures.StopLossPrice);
        Assert.Equal(2800m, futures.StopLossLimitPrice);
        Assert.Equal("fill_price", futures.StopLossTriggerBy);
        Assert.Null(futures.CancelReason); // "" is null

        var spot = Orders("spot-orders.json").Single();
        Assert.Equal("500.0000", spot.NewSize!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0.0003m, spot.FillSize);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1695797773286), spot.FillTime);
        Assert.Equal(TimeSpan.Zero, spot.FillTime!.Value.Offset);
        Assert.Equal("T", spot.TradeScope);
        Assert.Equal("cancel_taker", spot.StpMode);
        Assert.Equal("WEB", spot.EnterPointSource);

        var algo = Orders("orders-algo.json").Single();
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1695719197612), algo.TriggerTime);
        Assert.Equal("fill_price", algo.TakeProfitTriggerBy);
        Assert.Equal("fill_price", algo.StopLossTriggerBy);

        var position = Positions("positions.json").Single();
        Assert.Equal("0.388", position.DeductedFee!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("union", position.AssetMode);
        Assert.Equal("off", position.AutoMargin);

        var fill = Fills("fill.json")[0];
        Assert.Equal("no", fill.FeeDeduction);
        Assert.Equal(0m, fill.DeductionFee);
        Assert.Equal(0.01538655m, fill.Fee);
    }

    private static List<BitgetOrder> Orders(string fixture)
    {
        var output = new List<BitgetOrder>();
        var reader = DataReader(Encoding.UTF8.GetBytes(Fixtures.Text(fixture)), out var instType, out var channel, out var instId);
        Assert.Null(OrderParser.ParseArray(ref reader, instType, channel, instId, s_received, output));
        return output;
    }

    private static List<BitgetPosition> Positions(string fixture)
    {
        var output = new List<BitgetPosition>();
        var reader = DataReader(Encoding.UTF8.GetBytes(Fixtures.Text(fixture)), out var instType, out var channel, out _);
        Assert.Null(PositionParser.ParseArray(ref reader, instType, channel, s_received, output));
        return output;
    }

    private static List<BitgetFill> Fills(string fixture)
    {
        var output = new List<BitgetFill>();
        var reader = DataReader(Encoding.UTF8.GetBytes(Fixtures.Text(fixture)), out var instType, out _, out _);
        Assert.Null(FillParser.ParseArray(ref reader, instType, s_received, output));
        return output;
    }

    // The push parsed by its channel's v2 parser, as text: the error (if any), the malformed fields and every public
    // property of every object made.
    private static string Parse(JsonObject push)
    {
        var bytes = Encoding.UTF8.GetBytes(push.ToJsonString());
        var reader = DataReader(bytes, out var instType, out var channel, out var instId);
        var malformed = new MalformedFields();
        IList items;
        string? error;
        switch (channel)
        {
            case "orders":
            case "orders-algo":
                var orders = new List<BitgetOrder>();
                error = OrderParser.ParseArray(ref reader, instType, channel, instId, s_received, orders, malformed);
                items = orders;
                break;
            case "positions":
            case "positions-history":
                var positions = new List<BitgetPosition>();
                error = PositionParser.ParseArray(ref reader, instType, channel, s_received, positions, malformed);
                items = positions;
                break;
            case "account":
                var accounts = new List<BitgetAccount>();
                error = AccountParser.ParseArray(ref reader, instType, s_received, accounts, malformed);
                items = accounts;
                break;
            case "fill":
                var fills = new List<BitgetFill>();
                error = FillParser.ParseArray(ref reader, instType, s_received, fills, malformed);
                items = fills;
                break;
            default:
                throw new InvalidOperationException($"no v2 private parser for {channel}");
        }
        var text = new StringBuilder(error ?? "ok").Append(" malformed=").Append(string.Join(',', malformed.Names));
        foreach (var item in items)
        {
            foreach (var property in item!.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                text.Append('|').Append(property.Name).Append('=').Append(Show(property.GetValue(item)));
        }
        return text.ToString();
    }

    private static string Show(object? value) => value switch
    {
        null => "<null>",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<BitgetFeeDetail> fees => string.Join(';', fees.Select(f => $"{f.Coin}:{Show(f.Fee)}")),
        _ => value.ToString() ?? "",
    };

    private static Utf8JsonReader DataReader(byte[] push, out string instType, out string channel, out string? instId)
    {
        using (var document = JsonDocument.Parse(push))
        {
            var arg = document.RootElement.GetProperty("arg");
            instType = arg.GetProperty("instType").GetString()!;
            channel = arg.GetProperty("channel").GetString()!;
            instId = arg.TryGetProperty("instId", out var id) ? id.GetString() : null;
        }
        var reader = new Utf8JsonReader(push);
        reader.Read();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("data"))
            {
                reader.Read();
                return reader;
            }
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                reader.Read();
                reader.Skip();
            }
        }
        throw new InvalidOperationException("no data");
    }

    // Every path (object keys and array indexes) to a value that is not an object or array.
    private static IEnumerable<List<object>> LeafPaths(JsonNode node, string root)
    {
        var result = new List<List<object>>();
        Walk(node, [root], result);
        return result;

        static void Walk(JsonNode? node, List<object> path, List<List<object>> result)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                        Walk(value, [.. path, key], result);
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                        Walk(a[i], [.. path, i], result);
                    break;
                default:
                    result.Add(path);
                    break;
            }
        }
    }

    // Changes the value at the path to another one of the same kind: a string to another digit string (readable as a
    // decimal, a time or a text), a number to another number.
    private static void Replace(JsonObject push, List<object> path)
    {
        JsonNode parent = push;
        foreach (var step in path.Take(path.Count - 1))
            parent = step is string key ? parent[key]! : parent[(int)step]!;
        var last = path[^1];
        var old = last is string k ? parent[k] : parent[(int)last];
        var oldText = old?.ToJsonString() ?? "null";
        JsonNode replacement = old is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? JsonValue.Create(oldText == "7" ? 8 : 7)
            : JsonValue.Create(oldText == "\"7\"" ? "8" : "7");
        if (last is string name)
            parent[name] = replacement;
        else
            parent[(int)last] = replacement;
    }
}
