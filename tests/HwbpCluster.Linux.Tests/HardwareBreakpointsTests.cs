using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

[Collection(HardwareCollection.Name)]
public sealed class HardwareBreakpointsTests
{
    [HitsFact]
    public void The_probe_reports_firing_hardware_breakpoints_with_the_platform()
    {
        HardwareBreakpointSupport support = HardwareBreakpoints.Probe();

        Assert.Equal(HardwareBreakpointVerdict.Fires, support.Verdict);
        Assert.Null(support.Failure);
        Assert.Contains("perf_event_paranoid", support.Reason, StringComparison.Ordinal);
    }

    [HardwareFact(cpuWide: true)]
    public void The_cpu_wide_probe_reports_available_as_root()
    {
        HardwareBreakpointSupport support = HardwareBreakpoints.ProbeCpuWide();

        Assert.True(support.IsAccepted, support.Reason);
        Assert.StartsWith("CPU-wide", support.Reason, StringComparison.Ordinal);
    }

    [HardwareFact]
    public void Opening_on_a_task_that_does_not_exist_is_refused_as_no_such_task()
    {
        using var block = new NativeBlock(8);

        PerfOpenResult result = PerfBreakpoint.TryOpen(BreakpointTarget.Task(int.MaxValue), new BreakpointSpec(block.At(0), 8, BreakpointAccess.Write));

        Assert.Equal(PerfErrorKind.NoSuchTask, result.Failure?.Kind);
    }

    [HardwareFact]
    public void Open_throws_the_typed_failure_that_try_open_returns()
    {
        using var block = new NativeBlock(8);
        var spec = new BreakpointSpec(block.At(0), 8, BreakpointAccess.Write);

        PerfException thrown = Assert.Throws<PerfException>(() => PerfBreakpoint.Open(BreakpointTarget.Task(int.MaxValue), spec));

        Assert.Equal(PerfBreakpoint.TryOpen(BreakpointTarget.Task(int.MaxValue), spec).Failure, thrown.Failure);
    }

    [HardwareFact]
    public void A_misaligned_watch_is_refused_before_the_kernel_naming_the_field()
    {
        using var block = new NativeBlock(16);

        PerfOpenResult result = PerfBreakpoint.TryOpen(BreakpointTarget.Task(LinuxThreads.CurrentTid()), new BreakpointSpec(block.At(4), 8, BreakpointAccess.Write));

        Assert.Equal(PerfErrorKind.InvalidArgument, result.Failure?.Kind);
        Assert.StartsWith("bp_addr", result.Failure!.Reason, StringComparison.Ordinal);
    }

    [HitsFact(cpuWide: true)]
    public async Task A_cpu_wide_breakpoint_sees_writes_of_any_task_on_that_cpu()
    {
        using var rig = new WatchRig();
        ulong cell = rig.Block.At(0);
        var spec = new BreakpointSpec(cell, 8, BreakpointAccess.Write);
        using var watches = new DisposableList(Enumerable.Range(0, Environment.ProcessorCount)
            .Select(cpu => PerfBreakpoint.Open(BreakpointTarget.OnCpu(cpu), spec)));
        watches.Items.ForEach(rig.Reader.Attach);

        await rig.Thread.RepeatAsync(4, () => Access.Write64(cell, 1));
        List<RawHit> hits = await HitCollector.CollectAsync(rig.Reader, 4);

        Assert.Equal(4UL, watches.Items.Aggregate(0UL, (sum, w) => sum + w.ReadCount()));
        Assert.All(hits, hit => Assert.Equal(rig.Thread.Tid, hit.Tid));
        Assert.All(hits, hit => Assert.Equal(watches.Items.Single(w => w.Id == hit.EventId).Target.Cpu, hit.Cpu));
    }
}
