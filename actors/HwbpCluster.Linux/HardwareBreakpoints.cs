using System.Runtime.InteropServices;
using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux;

/// <summary>What the host offers: whether hardware breakpoints work here, and how many slots a task gets.</summary>
public static class HardwareBreakpoints
{
    private const int SlotLimit = 64;

    /// <summary>Opens and closes a disabled write breakpoint on the calling thread to see whether the kernel allows it.</summary>
    public static HardwareBreakpointSupport Probe() => Probe(cpuWide: false);

    /// <summary>Like <see cref="Probe()"/>, but for a CPU-wide breakpoint on CPU 0, which needs root, CAP_PERFMON or paranoid ≤ 0.</summary>
    public static HardwareBreakpointSupport ProbeCpuWide() => Probe(cpuWide: true);

    private static unsafe HardwareBreakpointSupport Probe(bool cpuWide)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Unavailable(new(PerfErrorKind.NotSupported, 0, "probe", $"not Linux ({RuntimeInformation.OSDescription})"));
        }

        if (!SyscallNumbers.IsSupportedArchitecture)
        {
            return Unavailable(new(PerfErrorKind.NotSupported, 0, "probe", $"unsupported architecture {RuntimeInformation.ProcessArchitecture}"));
        }

        void* cell = NativeMemory.AlignedAlloc(8, 8);
        try
        {
            var options = new PerfBreakpointOptions { StartEnabled = false, CountOnly = true };
            var spec = new BreakpointSpec((ulong)cell, 8, BreakpointAccess.Write);
            BreakpointTarget target = cpuWide ? BreakpointTarget.OnCpu(0) : BreakpointTarget.Task(PerfSyscalls.CurrentTid());
            PerfOpenResult result = PerfBreakpoint.TryOpen(target, spec, options);
            if (result.IsSuccess)
            {
                result.Breakpoint.Dispose();
                return new(true, $"{(cpuWide ? "CPU-wide" : "task")} hardware breakpoints available ({RuntimeInformation.ProcessArchitecture}, "
                    + $"kernel {Environment.OSVersion.Version}, perf_event_paranoid {PerfParanoia.Read()})", null);
            }

            // ENOSPC means the kernel supports breakpoints but someone holds every slot of this thread right now.
            return result.Failure.Kind == PerfErrorKind.NoFreeSlot
                ? new(true, $"hardware breakpoints available, but {result.Failure.Reason}", result.Failure)
                : Unavailable(result.Failure);
        }
        finally
        {
            NativeMemory.AlignedFree(cell);
        }
    }

    /// <summary>Counts the breakpoints the kernel grants one fresh thread (opening until ENOSPC, then closing all).</summary>
    /// <remarks>4 on x86-64; fewer if CPU-wide breakpoints (ours or another tool's) hold slots on every task.</remarks>
    /// <exception cref="PerfException">The first open failed for a reason other than a full set of slots.</exception>
    public static int CountSlots()
    {
        int count = 0;
        PerfFailure? failure = null;
        var scratch = new Thread(() => (count, failure) = CountOnCurrentThread()) { IsBackground = true, Name = "hwbp slot counter" };
        scratch.Start();
        scratch.Join();
        return failure is null || failure.Kind == PerfErrorKind.NoFreeSlot ? count : throw new PerfException(failure);
    }

    private static unsafe (int Count, PerfFailure? Failure) CountOnCurrentThread()
    {
        var opened = new List<PerfBreakpoint>();
        void* cells = NativeMemory.AlignedAlloc(8 * SlotLimit, 8);
        try
        {
            var target = BreakpointTarget.Task(PerfSyscalls.CurrentTid());
            var options = new PerfBreakpointOptions { StartEnabled = false, CountOnly = true };
            for (int i = 0; i < SlotLimit; i++)
            {
                var spec = new BreakpointSpec((ulong)cells + (ulong)(8 * i), 8, BreakpointAccess.Write);
                PerfOpenResult result = PerfBreakpoint.TryOpen(target, spec, options);
                if (!result.IsSuccess)
                {
                    return (opened.Count, result.Failure);
                }

                opened.Add(result.Breakpoint);
            }

            return (opened.Count, null);
        }
        finally
        {
            opened.ForEach(b => b.Dispose());
            NativeMemory.AlignedFree(cells);
        }
    }

    private static HardwareBreakpointSupport Unavailable(PerfFailure failure) => new(false, failure.ToString(), failure);
}
