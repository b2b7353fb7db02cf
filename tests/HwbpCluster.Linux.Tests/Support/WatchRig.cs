namespace HwbpCluster.Linux.Tests.Support;

/// <summary>A watched thread, a native block it touches, and a reader streaming the hits of the breakpoints opened on it.</summary>
internal sealed class WatchRig : IDisposable
{
    private readonly List<PerfBreakpoint> _breakpoints = [];

    public WatchedThread Thread { get; } = new();

    public NativeBlock Block { get; } = new(256);

    public HitReader Reader { get; } = new();

    public PerfBreakpoint Watch(int offset, int length, BreakpointAccess access, PerfBreakpointOptions? options = null) =>
        Watch(new BreakpointSpec(Block.At(offset), length, access), options);

    public PerfBreakpoint Watch(BreakpointSpec spec, PerfBreakpointOptions? options = null)
    {
        PerfBreakpoint breakpoint = PerfBreakpoint.Open(Thread.Target, spec, options);
        _breakpoints.Add(breakpoint);
        if (options?.CountOnly != true)
        {
            Reader.Attach(breakpoint);
        }

        return breakpoint;
    }

    public void Dispose()
    {
        _breakpoints.ForEach(b => b.Dispose());
        Reader.Dispose();
        Thread.Dispose();
        Block.Dispose();
    }
}
