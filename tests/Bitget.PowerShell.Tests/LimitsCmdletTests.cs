using System.Management.Automation;

namespace Bitget.PowerShell.Tests;

/// <summary>Limits and lifecycle through the cmdlets (issue 18, items 3, 7, 8 and 9).</summary>
public sealed class LimitsCmdletTests : MockedModuleTests
{
    // 5,100 symbols are 102 connections of 50: two more than Bitget allows per IP.
    private const string ManySymbols = "$symbols = 1..5100 | ForEach-Object { \"SYM${_}USDT\" }";

    private Dictionary<string, object?> Vars(params (string, object?)[] extra)
    {
        var vars = new Dictionary<string, object?> { ["ep"] = _mock.PublicEndpoint.ToString(), ["mock"] = _mock };
        foreach (var (k, v) in extra)
            vars[k] = v;
        return vars;
    }

    private static void AssertConnectionLimit(ErrorRecord error, int held)
    {
        Assert.StartsWith("BitgetConnectionLimit,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Equal(5100, error.TargetObject);
        Assert.Contains("5,100 topics need 102 connections", error.Exception.Message);
        Assert.Contains($"this process holds {held} of the 100 connections", error.Exception.Message);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction));
    }

    [Fact]
    public async Task ARegistrationOverTheConnectionLimitIsRefusedAndOpensNothing()
    {
        var run = _host.Invoke($"$s = Connect-BitgetStream -Endpoint $ep; {ManySymbols}; Register-BitgetTicker $symbols -Session $s; $s.SubscriptionCount",
            Vars());
        AssertConnectionLimit(Assert.Single(run.Errors), held: 1);
        Assert.Equal(0, run.Output.Single().BaseObject);
        // Nothing was started that would connect later: one connection (the session's first), no subscription.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _mock.TotalConnections);
        Assert.Empty(_mock.ActiveSubscriptions);
        var state = _host.Invoke("$s.State; $s.ConnectionCount").Output.Select(o => o.BaseObject.ToString()).ToList();
        Assert.Equal(["Connected", "1"], state);
    }

    [Fact]
    public async Task AReceiveOverTheConnectionLimitIsATerminatingErrorBeforeAnythingConnects()
    {
        var run = _host.Invoke($"{ManySymbols}; Receive-BitgetTicker $symbols -Endpoint $ep -Timeout 5", Vars());
        AssertConnectionLimit(Assert.Single(run.Errors), held: 0);
        Assert.Empty(run.Output);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, _mock.TotalConnections);
    }
}
