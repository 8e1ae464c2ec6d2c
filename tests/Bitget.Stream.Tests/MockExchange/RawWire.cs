using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bitget.MockExchange;

namespace Bitget.Stream.Tests.MockExchange;

/// <summary>
/// A bare ClientWebSocket on one of the mock's sockets (no code of ours in between), for tests that pin the wire (v3 above
/// all), and the v3 fixtures (tests/fixtures/bitget-uta) to compare its frames with.
/// </summary>
internal sealed class RawWire : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _ws = new();
    private readonly byte[] _buffer = new byte[1 << 20];

    private RawWire()
    {
    }

    public static async Task<RawWire> OpenAsync(Uri endpoint)
    {
        var wire = new RawWire();
        await wire._ws.ConnectAsync(endpoint, CancellationToken.None).WaitAsync(Patience);
        return wire;
    }

    /// <summary>The v3 fixture <paramref name="name"/>, parsed.</summary>
    public static JsonElement Fixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BitgetPS.sln")))
                return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "tests", "fixtures", "bitget-uta", name))).RootElement.Clone();
        }

        throw new DirectoryNotFoundException("Repository root (BitgetPS.sln) not found above the test folder.");
    }

    /// <summary>The property names of an object, sorted: shapes are compared by key set (key order is not significant).</summary>
    public static string[] Keys(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Checks a push against a fixture of its topic: the envelope's and the arg's key sets, the action, the envelope ts a
    /// JSON number, and every data row with the fixture's first row's key set and only string values. Returns the rows.
    /// </summary>
    public static JsonElement[] AssertShape(JsonElement push, JsonElement fixture, string action)
    {
        Assert.Equal(Keys(fixture), Keys(push));
        Assert.Equal(Keys(fixture.GetProperty("arg")), Keys(push.GetProperty("arg")));
        Assert.Equal(action, push.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Number, push.GetProperty("ts").ValueKind);
        var rows = push.GetProperty("data").EnumerateArray().ToArray();
        foreach (var row in rows)
        {
            Assert.Equal(Keys(fixture.GetProperty("data")[0]), Keys(row));
            foreach (var p in row.EnumerateObject())
                Assert.True(p.Value.ValueKind == JsonValueKind.String, $"{p.Name} is {p.Value.ValueKind}, not a string");
        }

        return rows;
    }

    public Task SendAsync(string text) =>
        _ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Patience);

    /// <summary>Sends <c>{"op":op,"args":[…]}</c>, each arg an anonymous object.</summary>
    public Task SendOpAsync(string op, params object[] args) => SendAsync(JsonSerializer.Serialize(new { op, args }));

    /// <summary>
    /// Subscribes and reads one ack per argument, skipping the data pushes of topics already acknowledged (the mock
    /// pushes a snapshot right after each ack, before the next argument's); any other event fails.
    /// </summary>
    public async Task<JsonElement[]> SubscribeAsync(params object[] args)
    {
        await SendOpAsync("subscribe", args);
        return await ReceiveEventsAsync("subscribe", args.Length);
    }

    /// <summary>Reads the next <paramref name="count"/> events, skipping data pushes; each must be <paramref name="name"/>.</summary>
    public async Task<JsonElement[]> ReceiveEventsAsync(string name, int count)
    {
        var events = new JsonElement[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = await ReceiveEventAsync();
            Assert.Equal(name, events[i].GetProperty("event").GetString());
        }

        return events;
    }

    /// <summary>The next event (ack, error, login, …), skipping the data pushes that a subscribed topic interleaves.</summary>
    public async Task<JsonElement> ReceiveEventAsync()
    {
        while (true)
        {
            var message = await ReceiveAsync();
            if (message.TryGetProperty("event", out _))
                return message;
            Assert.True(message.TryGetProperty("data", out _), $"neither an event nor a push: {message}");
        }
    }

    /// <summary>The next whole text message (failing on a close).</summary>
    public async Task<string> ReceiveTextAsync() =>
        await ReceiveTextOrCloseAsync() ?? throw new Xunit.Sdk.XunitException($"the server closed the socket ({_ws.CloseStatus})");

    /// <summary>The next whole text message, or null when the server closed or dropped the connection.</summary>
    public Task<string?> ReceiveTextOrCloseAsync() => ReceiveTextOrCloseAsync(_ws, _buffer);

    /// <summary>The next whole text message on <paramref name="ws"/>, or null when the server closed or dropped the connection.</summary>
    public static async Task<string?> ReceiveTextOrCloseAsync(ClientWebSocket ws, byte[] buffer)
    {
        var length = 0;
        try
        {
            ValueWebSocketReceiveResult r;
            do
            {
                r = await ws.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).AsTask().WaitAsync(Patience);
                if (r.MessageType == WebSocketMessageType.Close)
                    return null;
                Assert.Equal(WebSocketMessageType.Text, r.MessageType);
                length += r.Count;
            }
            while (!r.EndOfMessage);
        }
        catch (WebSocketException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    public WebSocketCloseStatus? CloseStatus => _ws.CloseStatus;

    public async Task<JsonElement> ReceiveAsync() => JsonDocument.Parse(await ReceiveTextAsync()).RootElement.Clone();

    /// <summary>
    /// The next push (a frame with <c>action</c>) whose arg topic (v3) or channel (v2) is <paramref name="topic"/>, skipping
    /// everything else.
    /// </summary>
    public async Task<JsonElement> ReceivePushAsync(string topic)
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (!frame.TryGetProperty("action", out _))
                continue;
            var arg = frame.GetProperty("arg");
            var name = arg.TryGetProperty("topic", out var t) ? t : arg.GetProperty("channel");
            if (name.GetString() == topic)
                return frame;
        }
    }

    public void Dispose() => _ws.Dispose();
}
