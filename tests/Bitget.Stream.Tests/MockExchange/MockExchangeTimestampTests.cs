using System.Net.Http;
using System.Text.Json;
using Bitget.MockExchange;

namespace Bitget.Stream.Tests.MockExchange;

/// <summary>
/// The switches that break a client's assumptions about timestamps and duplicates must really show on the wire: a mock
/// that stamps pushes the way the client expects proves nothing about a client that expects wrongly.
/// </summary>
public sealed class MockExchangeTimestampTests : IAsyncLifetime
{
    private const string Futures = "USDT-FUTURES";
    private MockBitgetExchange _mock = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _mock = await MockBitgetExchange.StartAsync(new MockExchangeOptions { TickerInterval = TimeSpan.FromMilliseconds(20) });
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_mock.Port}") };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _mock.DisposeAsync();
    }

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private async Task<JsonElement> PostAsync(string path)
    {
        var response = await _http.PostAsync(path, null);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task ByDefaultTheEnvelopeTsIsTheSendTimeLaterThanTheDataTsAndNewOnEveryPush()
    {
        Assert.Equal(EnvelopeTimestampMode.SendTime, new MockExchangeOptions().EnvelopeTimestamp);
        using var ws = await WireClient.OpenAsync(_mock);
        await ws.SubscribeAsync(Futures, "BTCUSDT");
        long previous = 0;
        for (var i = 0; i < 10; i++)
        {
            var push = await ws.ReceivePushAsync();
            Assert.NotEqual(push.DataTs, push.EnvelopeTs);
            Assert.True(push.EnvelopeTs > push.DataTs, $"envelope {push.EnvelopeTs} not after data {push.DataTs}");
            Assert.True(push.EnvelopeTs > previous, $"envelope {push.EnvelopeTs} not after the previous {previous}");
            previous = push.EnvelopeTs;
        }
    }

    [Fact]
    public async Task SameAsDataRestoresTheOldEnvelope()
    {
        _mock.Options.EnvelopeTimestamp = EnvelopeTimestampMode.SameAsData;
        using var ws = await WireClient.OpenAsync(_mock);
        await ws.SubscribeAsync(Futures, "BTCUSDT");
        for (var i = 0; i < 5; i++)
        {
            var push = await ws.ReceivePushAsync();
            Assert.Equal(push.DataTs, push.EnvelopeTs);
        }
    }

    [Fact]
    public async Task DataLagMakesTheDataTsThatMuchOlderThanTheSendTime()
    {
        _mock.Options.DataTimestampLagMs = 5000;
        var before = NowMs();
        using var ws = await WireClient.OpenAsync(_mock);
        await ws.SubscribeAsync(Futures, "BTCUSDT");
        for (var i = 0; i < 5; i++)
        {
            var push = await ws.ReceivePushAsync();
            Assert.True(push.EnvelopeTs - push.DataTs >= 5000, $"envelope {push.EnvelopeTs} - data {push.DataTs} < 5000");
            Assert.True(push.EnvelopeTs >= before, "the envelope is the send time, not lagged");
            Assert.True(push.DataTs <= NowMs() - 5000, "the data ts is 5 s old");
        }
    }

    [Fact]
    public async Task ClockOffsetMovesEveryTsByTheOffsetAndAStepBackShowsMidStream()
    {
        var hour = TimeSpan.FromHours(1);
        _mock.Options.ClockOffset = hour;
        var before = NowMs();
        using var ws = await WireClient.OpenAsync(_mock);
        await ws.SubscribeAsync(Futures, "BTCUSDT");
        var first = await ws.ReceivePushAsync();
        var after = NowMs();
        Assert.InRange(first.DataTs, before + 3_600_000, after + 3_600_000);
        Assert.InRange(first.EnvelopeTs, before + 3_600_000, after + 3_600_000 + 1);

        // A clock step of two hours back (a server restart or a replay): timestamps go back an hour behind local time.
        var response = await PostAsync("/control/options?clockOffsetMs=-3600000");
        Assert.Equal(-3_600_000, response.GetProperty("clockOffsetMs").GetInt64());
        var deadline = DateTime.UtcNow + WireClient.Patience;
        WireClient.Push push;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "no push after the clock step went back");
            push = await ws.ReceivePushAsync();
        }
        while (push.DataTs > first.DataTs);
        Assert.True(push.DataTs <= NowMs() - 3_600_000, $"data ts {push.DataTs} not stepped back");
        Assert.True(push.EnvelopeTs <= NowMs() - 3_600_000 + 1, $"envelope ts {push.EnvelopeTs} not stepped back");
        Assert.True(push.EnvelopeTs < first.EnvelopeTs, "the envelope steps back too");
    }

    [Fact]
    public async Task RepeatSendsIdenticalDataWithNewEnvelopesThenGenuinePushesDiffer()
    {
        await PostAsync("/control/options?repeat=2");
        Assert.Equal(2, _mock.Options.RepeatPushes);
        using var ws = await WireClient.OpenAsync(_mock);
        await ws.SubscribeAsync(Futures, "BTCUSDT");
        string? previousData = null;
        for (var group = 0; group < 4; group++)
        {
            var original = await ws.ReceivePushAsync();
            Assert.NotEqual(previousData, original.DataText);
            var envelope = original.EnvelopeTs;
            for (var copy = 0; copy < 2; copy++)
            {
                var repeat = await ws.ReceivePushAsync();
                Assert.Equal(original.DataText, repeat.DataText);
                Assert.True(repeat.EnvelopeTs > envelope, $"repeat envelope {repeat.EnvelopeTs} not new (previous {envelope})");
                envelope = repeat.EnvelopeTs;
            }

            previousData = original.DataText;
        }
    }

    [Fact]
    public async Task GenuinePushesNeverCarryIdenticalData()
    {
        using var ws = await WireClient.OpenAsync(_mock);
        await ws.SubscribeAsync(Futures, "BTCUSDT", "ETHUSDT");
        var seen = new HashSet<string>();
        for (var i = 0; i < 60; i++)
        {
            var push = await ws.ReceivePushAsync();
            Assert.True(seen.Add(push.InstId + push.DataText), $"push {i} repeats earlier data: {push.DataText}");
        }
    }

    [Fact]
    public async Task StaleReplaysThePushFromTwoPushesAgoOutOfOrder()
    {
        using var ws = await WireClient.OpenAsync(_mock);
        using var other = await WireClient.OpenAsync(_mock);
        await ws.SubscribeAsync(Futures, "BTCUSDT");
        await other.SubscribeAsync(Futures, "ETHUSDT");
        var pushes = new List<WireClient.Push>();
        for (var i = 0; i < 4; i++)
        {
            pushes.Add(await ws.ReceivePushAsync());
        }

        var response = await PostAsync($"/control/stale?instType={Futures}&instId=BTCUSDT");
        Assert.Equal(1, response.GetProperty("pushed").GetInt32()); // the ETHUSDT connection is not pushed BTCUSDT

        // Read on until the replay shows: data equal to an earlier push but not the latest, older than the latest.
        var deadline = DateTime.UtcNow + WireClient.Patience;
        WireClient.Push push;
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, "no push went back to older values");
            push = await ws.ReceivePushAsync();
            var latest = pushes[^1];
            if (push.LastPr < latest.LastPr)
            {
                break;
            }

            pushes.Add(push);
        }

        Assert.Equal(pushes[^3].DataText, push.DataText);
        Assert.True(push.DataTs <= pushes[^1].DataTs, "the replay carries its old data ts");
        Assert.True(push.EnvelopeTs > pushes[^1].EnvelopeTs, "the replay is sent now");

        Assert.Equal(0, await _mock.PushStaleAsync(Futures, "SOLUSDT"));
        Assert.Equal(1, await _mock.PushStaleAsync(Futures, "ETHUSDT"));
    }

    [Fact]
    public async Task TheSwitchesAreControlOptionsAndABadValueChangesNothing()
    {
        var options = await PostAsync("/control/options?clockOffsetMs=-5&envelopeTs=data&dataLagMs=7&repeat=3&pattern=even&burstMs=25&holdAcksMs=0");
        Assert.Equal(-5, options.GetProperty("clockOffsetMs").GetInt64());
        Assert.Equal("data", options.GetProperty("envelopeTs").GetString());
        Assert.Equal(7, options.GetProperty("dataLagMs").GetInt32());
        Assert.Equal(3, options.GetProperty("repeat").GetInt32());
        Assert.Equal("even", options.GetProperty("pattern").GetString());
        Assert.Equal(25, options.GetProperty("burstMs").GetInt32());
        Assert.Equal(0, options.GetProperty("holdAcksMs").GetInt32());
        Assert.Equal(TimeSpan.FromMilliseconds(-5), _mock.Options.ClockOffset);
        Assert.Equal(EnvelopeTimestampMode.SameAsData, _mock.Options.EnvelopeTimestamp);
        Assert.Equal(PushPattern.Even, _mock.Options.PushPattern);

        foreach (var bad in new[] { "envelopeTs=later&repeat=1", "repeat=-1", "dataLagMs=-1", "pattern=random", "burstMs=0", "clockOffsetMs=x", "holdAcksMs=-1" })
        {
            var response = await _http.PostAsync("/control/options?" + bad, null);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(3, _mock.Options.RepeatPushes);
        Assert.Equal(EnvelopeTimestampMode.SameAsData, _mock.Options.EnvelopeTimestamp);
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, (await _http.GetAsync("/control/stale?instType=SPOT&instId=BTCUSDT")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await _http.PostAsync("/control/stale?instType=SPOT", null)).StatusCode);
    }
}
