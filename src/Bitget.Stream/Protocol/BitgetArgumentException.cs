namespace Bitget.Stream.Protocol;

/// <summary>A symbol, product type or other argument that Bitget would refuse, caught before anything is sent.</summary>
public sealed class BitgetArgumentException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="parameterName">The parameter the value came from (<c>Symbol</c>, <c>InstType</c>).</param>
    /// <param name="value">The offending value.</param>
    /// <param name="message">What is wrong and what to use instead.</param>
    public BitgetArgumentException(string parameterName, string value, string message)
        : base(message, parameterName) => Value = value;

    /// <summary>The offending value.</summary>
    public string Value { get; }

    /// <summary>The message without ArgumentException's "(Parameter 'x')" tail.</summary>
    public override string Message => base.Message.Replace($" (Parameter '{ParamName}')", "", StringComparison.Ordinal);
}
