namespace Bitget.Stream.Transport;

/// <summary>A consumer's wake-up that a receive thread may owe and deliver at the end of its burst (see <see cref="ReceiveBurst"/>).</summary>
internal interface IDeferredWake
{
    /// <summary>Delivers the owed wake-up; must be quick and must not throw.</summary>
    void WakeNow();
}
