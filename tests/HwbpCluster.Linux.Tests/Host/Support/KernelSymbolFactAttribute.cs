using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>A CPU-wide hardware fact that also needs a kernel symbol's real address, and otherwise skips saying why.</summary>
public sealed class KernelSymbolFactAttribute : FactAttribute
{
    public KernelSymbolFactAttribute(string symbol)
    {
        string? hardware = new HardwareFactAttribute(cpuWide: true).Skip;
        Skip = hardware ?? (KernelSymbols.Find(symbol) == 0
            ? $"kernel symbol {symbol} has no visible address in /proc/kallsyms (not x86-64, not root, or kptr_restrict)"
            : null);
    }
}
