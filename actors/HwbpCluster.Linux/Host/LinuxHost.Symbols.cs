using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;
using HwbpCluster.Linux.Symbols;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    // A reservation that names a symbol is resolved in its task's process before admission, so the accounting, the kernel
    // and every view see the one address it stands for.
    private static ReserveCommand ResolveSymbol(ReserveCommand command)
    {
        if (command.Symbol is not { } text)
        {
            return command;
        }

        // A process scope looks the symbol up in the process itself.
        long tid = command.Scope.Kind == Arbitration.ScopeKind.Process ? command.Scope.ProcessId : command.Scope.TaskId;
        if (!command.Scope.IsTaskBound && command.Scope.Kind != Arbitration.ScopeKind.Process)
        {
            throw new HostException(HostError.InvalidArgument,
                $"symbol '{text}' needs a task or process scope: it is looked up in that process, and {command.Scope} has none");
        }

        if (tid is <= 0 or > int.MaxValue)
        {
            throw new HostException(HostError.NotFound, $"no task {tid} on this host to look symbol '{text}' up in");
        }

        try
        {
            BreakpointAccess access = KernelSpecs.ToKernel(command.Spec).Access;
            ResolvedSymbol resolved = SymbolResolver.Resolve((int)tid, SymbolReference.Parse(text), command.Spec.Length, access);
            return command with { Spec = command.Spec with { Address = resolved.Address, Length = resolved.Length }, Symbol = null };
        }
        catch (SymbolException ex)
        {
            throw new HostException(SymbolRefusals.ErrorOf(ex.Kind), ex.Message);
        }
    }
}
