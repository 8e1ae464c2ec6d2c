using System.Reflection;
using Bitget.Stream.Protocol;
using Xunit.Sdk;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// Runs a theory once per API, Classic (v2) and Unified (v3): the same test against the mock exchange's v2 and v3
/// sockets, which show the same market and take the same faults, so that a guarantee proved on one is proved on both.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothApisAttribute : DataAttribute
{
    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        [[BitgetApi.Classic], [BitgetApi.Unified]];
}
