using Bitget.Stream.Models;

namespace Bitget.EndToEnd;

/// <summary>Ready-made tickers shaped like the mock's futures pushes, for the pipeline baseline (no network, no parsing).</summary>
internal static class PrebuiltTickers
{
    public const int Count = 1024; // a power of two: index with a mask

    public static readonly BitgetTicker[] All = Build();

    private static BitgetTicker[] Build()
    {
        var symbols = BenchTopics.Symbols(10);
        var now = DateTimeOffset.UtcNow;
        var result = new BitgetTicker[Count];
        for (var n = 0; n < Count; n++)
        {
            var last = 27000.50m + (n * 0.1m);
            result[n] = new BitgetTicker
            {
                Symbol = symbols[n % symbols.Length],
                InstType = BenchTopics.InstType,
                LastPrice = last,
                BidPrice = last - 0.01m,
                AskPrice = last + 0.01m,
                BidSize = 1 + (n % 1000 / 1000m),
                AskSize = 2 + (n % 1000 / 1000m),
                Open24h = 27000.50m,
                High24h = last + 1,
                Low24h = 26999.50m,
                Change24h = 0.00001m * n,
                BaseVolume = 1000 + (n / 1000m),
                QuoteVolume = (1000 + (n / 1000m)) * last,
                FundingRate = 0.0001m,
                NextFundingTime = now.AddHours(8),
                MarkPrice = last,
                IndexPrice = last - 0.05m,
                HoldingAmount = 10000 + (n / 1000m),
                DeliveryPrice = 0,
                OpenUtc = 27000.50m,
                Timestamp = now,
                ReceivedAt = now,
            };
        }
        return result;
    }
}
