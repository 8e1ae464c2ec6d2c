namespace Bitget.EndToEnd;

/// <summary>An item count with one writer (the consumer thread) read live by the measuring thread.</summary>
internal sealed class Counter
{
    private long _value;

    public long Value => Volatile.Read(ref _value);

    public void Increment() => Volatile.Write(ref _value, _value + 1);
}
