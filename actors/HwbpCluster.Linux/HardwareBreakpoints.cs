using System.Runtime.InteropServices;
using HwbpCluster.Linux.Internal;
using HwbpCluster.Linux.Internal.Probe;

namespace HwbpCluster.Linux;

/// <summary>What the host offers: whether hardware breakpoints work here, and how many slots a task gets.</summary>
public static class HardwareBreakpoints
{
    private const int SlotLimit = 64;

    private static readonly Lazy<HardwareBreakpointSupport> Hits = new(() => Probe(PerfProbeKernel.Instance));
    private static readonly Lazy<HardwareBreakpointSupport> CpuWide = new(() => OnSupportedPlatform(ProbeCpuWideOpen));

    /// <summary>Arms a write watch on a cell of a fresh thread, writes it and counts: fires, accepted but never fires, or refused.</summary>
    /// <remarks>Probed once per process and cached: the answer is a property of the machine, and each probe takes a slot.</remarks>
    public static HardwareBreakpointSupport Probe() => Hits.Value;

    /// <summary>Whether a CPU-wide breakpoint on CPU 0 opens, which needs root, CAP_PERFMON or paranoid ≤ 0 (cached per process).</summary>
    /// <remarks>Whether it fires is the task probe's answer (<see cref="Probe()"/>): the debug exception is the same.</remarks>
    public static HardwareBreakpointSupport ProbeCpuWide() => CpuWide.Value;

    /// <summary>The hit probe against a given kernel; tests play a kernel that accepts and never fires.</summary>
    internal static HardwareBreakpointSupport Probe(IProbeKernel kernel) => OnSupportedPlatform(() => HitProbe.Run(kernel));

    private static HardwareBreakpointSupport OnSupportedPlatform(Func<HardwareBreakpointSupport> probe)
    {
        if (!OperatingSystem.IsLinux())
        {
            return HardwareBreakpointSupport.RefusedBy(new(PerfErrorKind.NotSupported, 0, "probe", $"not Linux ({RuntimeInformation.OSDescription})"));
        }

        return SyscallNumbers.IsSupportedArchitecture
            ? probe()
            : HardwareBreakpointSupport.RefusedBy(new(PerfErrorKind.NotSupported, 0, "probe", $"unsupported architecture {RuntimeInformation.ProcessArchitecture}"));
    }

    private static unsafe HardwareBreakpointSupport ProbeCpuWideOpen()
    {
        void* cell = NativeMemory.AlignedAlloc(8, 8);
        try
        {
            var options = new PerfBreakpointOptions { StartEnabled = false, CountOnly = true };
            PerfOpenResult result = PerfBreakpoint.TryOpen(
                BreakpointTarget.OnCpu(0), new BreakpointSpec((ulong)cell, 8, BreakpointAccess.Write), options);
            if (result.IsSuccess)
            {
                result.Breakpoint.Dispose();
                return Accepted($"CPU-wide hardware breakpoints accepted ({RuntimeInformation.ProcessArchitecture}, "
                    + $"perf_event_paranoid {PerfParanoia.Read()})");
            }

            // ENOSPC: the kernel takes CPU-wide breakpoints, but someone holds every slot of CPU 0 right now.
            return result.Failure.Kind == PerfErrorKind.NoFreeSlot
                ? Accepted($"CPU-wide hardware breakpoints accepted, but {result.Failure.Reason}")
                : HardwareBreakpointSupport.RefusedBy(result.Failure);
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

    // A CPU-wide breakpoint fires through the same debug exception as a task's, so the task probe says whether it fires.
    private static HardwareBreakpointSupport Accepted(string reason) => Probe() is { Fires: true }
        ? new(HardwareBreakpointVerdict.Fires, reason, null)
        : new(HardwareBreakpointVerdict.NeverFires, $"{reason}; but {Probe().Reason}", null);
}
