namespace HwbpCluster.Linux.Tests.Support;

/// <summary>Owns a set of breakpoints and frees them all.</summary>
internal sealed class DisposableList(IEnumerable<PerfBreakpoint> items) : IDisposable
{
    public List<PerfBreakpoint> Items { get; } = [.. items];

    public void Dispose() => Items.ForEach(b => b.Dispose());
}
