namespace Bitget.Stream.Channels;

/// <summary>What a "newest exchange time wins" rule says of one push.</summary>
internal enum TimeOrderVerdict
{
    /// <summary>New data: deliver it.</summary>
    Accepted,
    /// <summary>The same data as the last push delivered (its envelope may differ): skip.</summary>
    Duplicate,
    /// <summary>Older than the newest push delivered since the subscription began: skip.</summary>
    OutOfOrder,
    /// <summary>Far older than the newest push: the exchange's clock restarted or stepped back; deliver from here on.</summary>
    Restarted,
}
