using System.Globalization;
using System.Reflection;
using Bitget.Stream.Models;
using Bitget.Stream.Recording;
using CsvHelper;

namespace Bitget.Stream.Tests.Recording;

/// <summary>
/// Every output type has a CSV format whose every column reads back exactly: objects with every settable property filled
/// (negative values, trailing zeros, text with commas, quotes, line ends and a leading '=' or '-', times not in UTC) and
/// objects with every nullable property null are written under de-DE, read back with CsvHelper and compared property by
/// property. A property added to a model without a column fails here.
/// </summary>
public class CsvRowFormatsTests
{
    private static readonly Type[] s_outputTypes =
    [
        typeof(BitgetTicker), typeof(BitgetCandle), typeof(BitgetTrade), typeof(BitgetOrderBook), typeof(BitgetRawMessage),
        typeof(BitgetOrder), typeof(BitgetPosition), typeof(BitgetAccount), typeof(BitgetFill), typeof(BitgetLiquidation),
    ];

    public static TheoryData<Type> OutputTypes() => new(s_outputTypes);

    // Columns of the order book beyond its properties: the size at the best price of each side.
    private static readonly string[] s_bookExtras = ["BestBidSize", "BestAskSize"];

    private static bool IsTime(PropertyInfo p) => p.PropertyType == typeof(DateTimeOffset) || p.PropertyType == typeof(DateTimeOffset?);

    private static PropertyInfo[] Properties(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance);

    // Fills every settable property (public or internal setter) with a value of the given variant.
    private static object Filled(Type type, int variant)
    {
        var item = Activator.CreateInstance(type)!;
        var index = 0;
        foreach (var property in Properties(type))
        {
            var setter = property.GetSetMethod(nonPublic: true);
            if (setter is null)
                continue;
            index++;
            var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null || property.PropertyType == typeof(string);
            object? value = variant switch
            {
                0 => Sample(property.PropertyType, index, negative: false),
                1 => Sample(property.PropertyType, index, negative: true),
                _ => nullable && property.PropertyType != typeof(string) ? null : Sample(property.PropertyType, index, negative: false),
            };
            if (variant == 2 && property.PropertyType == typeof(string) && IsNullableReference(property))
                value = null;
            setter.Invoke(item, [value]);
        }
        return item;
    }

    private static bool IsNullableReference(PropertyInfo property) =>
        new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable;

    private static object Sample(Type type, int index, bool negative)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
            return negative ? "-" + index : $"=HYPERLINK(\"x\",{index}), \"q\"\nline";
        if (t == typeof(decimal))
            return negative ? -0.000120m - index : 27000.50m + index * 1000000000000m;
        if (t == typeof(DateTimeOffset))
        {
            return negative
                ? new DateTimeOffset(2026, 12, 1, 1, 0, 0, 3, TimeSpan.FromHours(2)).AddMilliseconds(index)
                : new DateTimeOffset(2026, 11, 30, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(index * 100); // sub-ms ticks are dropped
        }
        if (t == typeof(bool))
            return !negative;
        if (t == typeof(int))
            return negative ? int.MinValue + index : index;
        if (t == typeof(long))
            return negative ? -index : long.MaxValue - index;
        if (t == typeof(BitgetBookLevel[]))
            return negative ? Array.Empty<BitgetBookLevel>() : new[] { new BitgetBookLevel(27000.50m + index, 1.2500m), new BitgetBookLevel(26999.0m, 0.000m) };
        if (t == typeof(IReadOnlyList<BitgetFeeDetail>))
            return negative
                ? new[] { new BitgetFeeDetail { Coin = "BNB", Fee = -0.000120m - index } }
                : new[] { new BitgetFeeDetail { Coin = "USDT", Fee = 0.0120m + index }, new BitgetFeeDetail { Coin = "BGB", Fee = 0m } };
        throw new InvalidOperationException($"No sample for {type}.");
    }

    private static string Write(ICsvRowFormat format, IEnumerable<object> items)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            using var writer = new StringWriter();
            using (var csv = new BitgetCsvWriter(writer, format, leaveOpen: true))
            {
                foreach (var item in items)
                    csv.Write(item);
            }
            return writer.ToString();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static BitgetBookLevel[] ParseLevels(string cell) =>
        cell.Length == 0
            ? []
            : [.. cell.Split(';').Select(l => l.Split(':')).Select(p => new BitgetBookLevel(decimal.Parse(p[0], CultureInfo.InvariantCulture), decimal.Parse(p[1], CultureInfo.InvariantCulture)))];

    private static DateTimeOffset ToMilliseconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());

    [Theory]
    [MemberData(nameof(OutputTypes))]
    public void EveryColumnOfEveryTypeReadsBackExactly(Type type)
    {
        var format = CsvRowFormats.Find(type);
        Assert.NotNull(format);
        Assert.Equal(type, format.ItemType);
        var items = new[] { Filled(type, 0), Filled(type, 1), Filled(type, 2) };
        var text = Write(format, items);

        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        Assert.Equal(format.Columns, reader.HeaderRecord);
        foreach (var item in items)
        {
            Assert.True(reader.Read());
            Assert.Equal(format.Columns.Count, reader.Parser.Count);
            foreach (var property in Properties(type))
            {
                var cell = reader.GetField(property.Name)!;
                var value = property.GetValue(item);
                switch (value)
                {
                    case null:
                        Assert.Equal("", cell);
                        break;
                    case string s:
                        Assert.Equal(s, cell);
                        break;
                    case decimal d:
                        Assert.Equal(d.ToString(CultureInfo.InvariantCulture), cell); // the scale too: 27000.50 stays 27000.50
                        Assert.Equal(d, decimal.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture));
                        break;
                    case DateTimeOffset t:
                        Assert.EndsWith("Z", cell);
                        Assert.Equal(ToMilliseconds(t), DateTimeOffset.Parse(cell, CultureInfo.InvariantCulture));
                        Assert.Equal(t.ToUnixTimeMilliseconds(), long.Parse(reader.GetField(property.Name + "Ms")!, CultureInfo.InvariantCulture));
                        break;
                    case bool b:
                        Assert.Equal(b, bool.Parse(cell));
                        break;
                    case int i:
                        Assert.Equal(i, int.Parse(cell, CultureInfo.InvariantCulture));
                        break;
                    case long l:
                        Assert.Equal(l, long.Parse(cell, CultureInfo.InvariantCulture));
                        break;
                    case IReadOnlyList<BitgetFeeDetail> fees:
                        Assert.Equal(fees.Select(f => $"{f.Fee}:{f.Coin}"),
                            cell.Split(';').Select(pair => pair.Split(':')).Select(pair =>
                                $"{decimal.Parse(pair[0], NumberStyles.Float, CultureInfo.InvariantCulture)}:{pair[1]}")); // with their scale
                        break;
                    case BitgetBookLevel[] levels:
                        var read = ParseLevels(cell);
                        Assert.Equal(levels, read);
                        Assert.Equal(levels.Select(l => $"{l.Price}/{l.Size}"), read.Select(l => $"{l.Price}/{l.Size}")); // with their scale
                        break;
                    default:
                        Assert.Fail($"{type.Name}.{property.Name}: no comparison for {value.GetType()}");
                        break;
                }
                if (value is null && IsTime(property))
                    Assert.Equal("", reader.GetField(property.Name + "Ms"));
            }
            if (item is BitgetOrderBook book)
            {
                Assert.Equal(book.Bids.Length > 0 ? book.Bids[0].Size.ToString(CultureInfo.InvariantCulture) : "", reader.GetField("BestBidSize"));
                Assert.Equal(book.Asks.Length > 0 ? book.Asks[0].Size.ToString(CultureInfo.InvariantCulture) : "", reader.GetField("BestAskSize"));
            }
        }
        Assert.False(reader.Read());
    }

    [Theory]
    [MemberData(nameof(OutputTypes))]
    public void TheColumnsAreThePropertiesInOrderThenTheEpochMillisecondsOfEachTime(Type type)
    {
        var format = CsvRowFormats.Find(type)!;
        var properties = Properties(type);
        var expected = properties.Select(p => p.Name).Concat(properties.Where(IsTime).Select(p => p.Name + "Ms")).ToList();
        if (type == typeof(BitgetOrderBook))
        {
            // The book puts the top of the book first and its levels last; the set of columns is the same rule's.
            Assert.Equal(expected.Concat(s_bookExtras).Order(), format.Columns.Order());
            Assert.Equal(["Symbol", "InstType", "Channel", "Action", "IsSnapshot", "BestBid", "BestBidSize", "BestAsk", "BestAskSize"], format.Columns.Take(9));
            Assert.Equal(["Bids", "Asks", "TimestampMs", "ReceivedAtMs"], format.Columns.TakeLast(4));
        }
        else
            Assert.Equal(expected, format.Columns);
        Assert.Equal(format.Columns.Count, format.Columns.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(OutputTypes))]
    public void ExportBitgetCsvsHelpListsTheColumnsOfEachType(Type type)
    {
        var help = File.ReadAllText(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Fixtures.Folder))!, "..",
            "module", "en-US", "Bitget.dll-Help.xml"));
        var start = help.IndexOf($"<maml:para>{type.Name}: ", StringComparison.Ordinal);
        Assert.True(start >= 0, $"Export-BitgetCsv's help lists no columns of {type.Name}");
        start += $"<maml:para>{type.Name}: ".Length;
        var listed = help[start..help.IndexOf(".</maml:para>", start, StringComparison.Ordinal)].Split(", ");
        Assert.Equal(CsvRowFormats.Find(type)!.Columns, listed);
    }

    [Fact]
    public void EachRowIsDatedByItsOwnTimeElseByItsReceipt()
    {
        var ts = new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero);
        var received = new DateTimeOffset(2026, 12, 1, 0, 0, 1, TimeSpan.Zero);
        var updated = new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero);
        var created = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
        DateTimeOffset Time(object item) => CsvRowFormats.Find(item.GetType())!.RowTime(item);

        Assert.Equal(ts, Time(new BitgetTicker { Timestamp = ts, ReceivedAt = received }));
        Assert.Equal(received, Time(new BitgetTicker { ReceivedAt = received }));
        Assert.Equal(ts, Time(new BitgetTrade { Timestamp = ts, ReceivedAt = received }));
        Assert.Equal(ts, Time(new BitgetRawMessage { Timestamp = ts, ReceivedAt = received }));
        Assert.Equal(received, Time(new BitgetRawMessage { ReceivedAt = received }));
        Assert.Equal(ts, Time(new BitgetCandle { OpenTime = ts, ReceivedAt = received }));
        Assert.Equal(updated, Time(new BitgetOrder { CreatedAt = created, UpdatedAt = updated, ReceivedAt = received }));
        Assert.Equal(created, Time(new BitgetOrder { CreatedAt = created, ReceivedAt = received }));
        Assert.Equal(received, Time(new BitgetOrder { ReceivedAt = received }));
        Assert.Equal(updated, Time(new BitgetPosition { CreatedAt = created, UpdatedAt = updated, ReceivedAt = received }));
        Assert.Equal(updated, Time(new BitgetFill { CreatedAt = created, UpdatedAt = updated, ReceivedAt = received }));
        Assert.Equal(received, Time(new BitgetAccount { ReceivedAt = received }));
        Assert.Equal(updated, Time(new BitgetAccount { UpdatedAt = updated, ReceivedAt = received }));
        var book = (BitgetOrderBook)Filled(typeof(BitgetOrderBook), 0);
        Assert.Equal(book.Timestamp, Time(book));
    }

    [Fact]
    public void EveryFormatIsListedOnceAndFoundByItsType()
    {
        var expected = s_outputTypes.Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, CsvRowFormats.All.Select(f => f.ItemType.Name).Order(StringComparer.Ordinal));
        foreach (var format in CsvRowFormats.All)
            Assert.Same(format, CsvRowFormats.Find(format.ItemType));
        Assert.Null(CsvRowFormats.Find(typeof(string)));
        Assert.Contains("BitgetCandle", CsvRowFormats.TypeNames);
    }
}
