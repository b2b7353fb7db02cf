namespace HwbpCluster.Load;

/// <summary>One thing to measure: set up once, then called over and over by every worker at once.</summary>
/// <remarks>
/// To add a scenario (e.g. Reserve then Release against a real node), subclass this, start what you need in
/// <see cref="SetupAsync"/>, make one complete operation in <see cref="CallAsync"/>, and list it in <see cref="Scenarios.ScenarioCatalog"/>.
/// </remarks>
public abstract class LoadScenario : IAsyncDisposable
{
    /// <summary>The name shown in the results and chosen with --scenario.</summary>
    public abstract string Name { get; }

    /// <summary>Processes the scenario started whose CPU counts as its own (e.g. node processes); none by default.</summary>
    public virtual IEnumerable<int> ProcessIds => [];

    /// <summary>Starts servers, opens channels; runs once before any call.</summary>
    public abstract Task SetupAsync(CancellationToken cancellationToken);

    /// <summary>One operation; its duration is one latency sample. Must be safe to call from many workers at once.</summary>
    public abstract Task CallAsync(CancellationToken cancellationToken);

    /// <summary>Unmeasured work after each call by the same worker, e.g. giving back what the call took; nothing by default.</summary>
    public virtual Task SettleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops what <see cref="SetupAsync"/> started.</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
