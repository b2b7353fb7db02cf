namespace HwbpCluster.Demo.Output;

/// <summary>Where the story goes: plain lines (<see cref="PlainWriter"/>) or a terminal with colours and spinners (<see cref="LiveWriter"/>).</summary>
/// <remarks>Safe to call from the event pumps while an act runs: every line is written whole.</remarks>
internal interface IStoryWriter
{
    /// <summary>An act begins.</summary>
    void Act(int number, string title);

    /// <summary>What the demo does or what the node answered.</summary>
    void Say(string text);

    /// <summary>Something that arrived on a stream (a hit, a reservation change), as it arrives.</summary>
    void Event(string text);

    /// <summary>A step checked and done.</summary>
    void Ok(string text);

    /// <summary>A step that failed.</summary>
    void Failed(string step, string reason);

    /// <summary>Runs <paramref name="wait"/>, showing <paramref name="what"/> (live: a spinner with the time so far).</summary>
    Task<T> WaitAsync<T>(string what, Func<Task<T>> wait);
}
