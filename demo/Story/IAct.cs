namespace HwbpCluster.Demo.Story;

/// <summary>One act of the story: it calls the cluster through the SDK, checks every answer and returns its one-line result.</summary>
internal interface IAct
{
    /// <summary>The step's short name, as a failure names it (e.g. "kgdb").</summary>
    string Step { get; }

    /// <summary>The act's heading.</summary>
    string Title { get; }

    /// <summary>Runs the act; throws <see cref="StepFailedException"/> (or the node's RpcException) when an answer is wrong.</summary>
    Task<string> RunAsync(StoryContext story);
}
