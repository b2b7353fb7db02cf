namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>
/// A CPU-wide hardware fact that also needs a kernel symbol's real address and a kernel that lets this process watch it;
/// otherwise it skips saying why.
/// </summary>
public sealed class KernelSymbolFactAttribute : FactAttribute
{
    /// <param name="symbol">The kernel symbol the fact watches.</param>
    /// <param name="needsHits">Whether the fact also needs the breakpoints to fire (else only perf_event_open to accept them).</param>
    public KernelSymbolFactAttribute(string symbol, bool needsHits = false)
    {
        string? hardware = needsHits ? new HitsFactAttribute(cpuWide: true).Skip : new HardwareFactAttribute(cpuWide: true).Skip;
        ulong address = hardware is null ? KernelSymbols.Find(symbol) : 0;
        Skip = hardware ?? (address == 0
            ? $"kernel symbol {symbol} has no visible address in /proc/kallsyms (not x86-64, not root, or kptr_restrict)"
            : UnlessKernelAddressesAllowed(symbol, address));
    }

    // Some kernels refuse every breakpoint on a kernel address, even to root (EPERM: kernel lockdown, or a paravirtualised
    // guest such as this project's PVM machines): nothing the node does can change that, so the fact cannot run there.
    private static string? UnlessKernelAddressesAllowed(string symbol, ulong address)
    {
        try
        {
            using PerfBreakpoint probe = PerfBreakpoint.Open(
                BreakpointTarget.OnCpu(0), new BreakpointSpec(address, 8, BreakpointAccess.Write), new PerfBreakpointOptions { CountOnly = true });
            return null;
        }
        catch (PerfException refused) when (refused.Failure.Kind == PerfErrorKind.NotPermitted)
        {
            return $"this kernel refuses a breakpoint on {symbol} (0x{address:x}) to this process: {refused.Failure.Reason}";
        }
    }
}
