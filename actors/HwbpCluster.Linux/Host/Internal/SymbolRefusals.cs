using HwbpCluster.Hosts;
using HwbpCluster.Linux.Symbols;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>Which host error (and so which gRPC status) each reason a symbol cannot be watched is.</summary>
internal static class SymbolRefusals
{
    public static HostError ErrorOf(SymbolErrorKind kind) => kind switch
    {
        SymbolErrorKind.NoSuchProcess => HostError.NotFound,
        SymbolErrorKind.NotPermitted => HostError.PermissionDenied,
        // The request is fine; the process lacks what it needs (a symbol table that defines the name).
        SymbolErrorKind.NotFound => HostError.FailedPrecondition,
        _ => HostError.InvalidArgument,
    };
}
