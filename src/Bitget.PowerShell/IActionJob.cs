using Bitget.Stream.Models;

namespace Bitget.PowerShell;

/// <summary>An action job the registering cmdlet starts once it has handed it to the job repository and the session.</summary>
internal interface IActionJob
{
    /// <summary>Starts running the action for queued and future items.</summary>
    void Start();

    /// <summary>Whether the job is running and holds the topic (runs the action for it).</summary>
    bool Holds(BitgetTopic topic);

    /// <summary>
    /// Unregister: lets go of those of <paramref name="topics"/> the job holds (the session unsubscribes what no one else
    /// holds); a job left holding none is stopped. Returns the topics it let go.
    /// </summary>
    IReadOnlyList<BitgetTopic> Release(IReadOnlyCollection<BitgetTopic> topics);
}
