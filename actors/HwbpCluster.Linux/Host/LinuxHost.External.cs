using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    // GetHost's note on whose view each figure is; the proto's HostState.view_source says the same for programs.
    private const string ViewNote =
        "accounting view: slots, dr7, cpu_pinned, max_task_pinned and running_tid are HwbpCluster's bookkeeping of the perf "
        + "events it opened (Linux user space cannot read DR7, and the kernel loads task-bound breakpoints at each context switch); "
        + "kernel view: externally_occupied (learned from the kernel's refusals) and each reservation's hits and losses (its counters)";

    // CPU-bound answers of the kernel say what outside holders keep from HwbpCluster on that CPU.
    private void NoteKernelAnswer(KernelInstall.Result installed)
    {
        if (installed.IsSuccess)
        {
            foreach (PerfBreakpoint e in installed.Events.Where(e => e.Target.IsCpu))
            {
                _external.Granted(e.Target.Cpu);
            }
        }
        else if (installed.Failure.Kind == PerfErrorKind.NoFreeSlot && installed.FailedTarget is { IsCpu: true } refused)
        {
            _external.Refused(refused.Cpu, ExternalSlots.Ours(_armed.Snapshot().SelectMany(r => r.Events).Select(e => e.Target), refused.Cpu));
        }
    }
}
