namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>A CPU-wide hardware fact that also needs a kernel symbol's real address, and otherwise skips saying why.</summary>
public sealed class KernelSymbolFactAttribute : FactAttribute
{
    /// <param name="symbol">The kernel symbol the fact watches.</param>
    /// <param name="needsHits">Whether the fact also needs the breakpoints to fire (else only perf_event_open to accept them).</param>
    public KernelSymbolFactAttribute(string symbol, bool needsHits = false)
    {
        string? hardware = needsHits ? new HitsFactAttribute(cpuWide: true).Skip : new HardwareFactAttribute(cpuWide: true).Skip;
        Skip = hardware ?? (KernelSymbols.Find(symbol) == 0
            ? $"kernel symbol {symbol} has no visible address in /proc/kallsyms (not x86-64, not root, or kptr_restrict)"
            : null);
    }
}
