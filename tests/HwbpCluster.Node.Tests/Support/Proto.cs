using Grpc.Core;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Support;

/// <summary>Short-hands for wire messages and for expecting a status.</summary>
internal static class Proto
{
    public static Scope Cpu(uint cpu) => new() { Cpu = new CpuTarget { Cpu = cpu } };

    public static Scope Task(ulong tid) => new() { Task = new TaskTarget { Tid = tid } };

    public static Scope AllCpus() => new() { AllCpus = new AllCpusTarget() };

    public static Breakpoint Write(ulong address, uint length = 8) => new() { Address = address, Length = length, Access = Access.Write };

    public static Breakpoint Execute(ulong address) => new() { Address = address, Length = 1, Access = Access.Execute };

    /// <summary>Runs <paramref name="call"/> and returns the RpcException it must end with.</summary>
    public static async Task<RpcException> FailsWith(StatusCode code, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(ex.StatusCode == code, $"expected {code}, got {ex.StatusCode}: {ex.Status.Detail}");
        return ex;
    }
}
