namespace Bitget.Stream.Session;

/// <summary>What the registry says of one push.</summary>
internal enum PushVerdict
{
    /// <summary>New data: deliver it.</summary>
    Accepted,
    /// <summary>New data for a topic that had been reported stale: deliver it and say it resumed.</summary>
    Resumed,
    /// <summary>Same time and content as the last push of the topic: skip.</summary>
    Duplicate,
    /// <summary>Older than the last push of the topic: skip.</summary>
    OutOfOrder,
}
