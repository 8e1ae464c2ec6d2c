using Bitget.Stream.Protocol;

namespace Bitget.PowerShell.Commands;

/// <summary>The values of every <c>-Api</c> parameter: <c>Auto</c> (the default), <c>Classic</c> or <c>Unified</c>.</summary>
internal static class ApiChoice
{
    /// <summary>Let the module decide: Classic for a public session, the key's account mode for a private one.</summary>
    public const string Auto = "Auto";

    /// <summary>The v2 API of the Classic account.</summary>
    public const string Classic = "Classic";

    /// <summary>The v3 API of the Unified Trading Account.</summary>
    public const string Unified = "Unified";

    /// <summary>The API chosen, or null for <see cref="Auto"/> (ValidateSet has already refused anything else).</summary>
    public static BitgetApi? Parse(string? choice) =>
        string.Equals(choice, Unified, StringComparison.OrdinalIgnoreCase) ? BitgetApi.Unified
        : string.Equals(choice, Classic, StringComparison.OrdinalIgnoreCase) ? BitgetApi.Classic
        : null;
}
