using System.Net.Http;
using System.Text.Json;

namespace Bitget.Soak;

/// <summary>The mock exchange's HTTP control endpoints (src/Bitget.MockExchange/README.md).</summary>
internal sealed class MockControl(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://{endpoint.Authority}"), Timeout = TimeSpan.FromSeconds(10) };

    public async Task PostAsync(string pathAndQuery) => (await _http.PostAsync(pathAndQuery, null)).EnsureSuccessStatusCode();

    public async Task<long> PushesSentAsync()
    {
        using var stats = JsonDocument.Parse(await _http.GetStringAsync("/control/stats"));
        return stats.RootElement.GetProperty("pushesSent").GetInt64();
    }

    public void Dispose() => _http.Dispose();
}
