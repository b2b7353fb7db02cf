using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client.Tests.Support;

/// <summary>Simulated-host set-ups the tests share.</summary>
internal static class Sim
{
    /// <summary>Spawns task <paramref name="tid"/> and runs it on <paramref name="cpu"/>.</summary>
    public static async Task RunTaskAsync(HwbpClient client, ulong tid, uint cpu)
    {
        await client.SpawnTaskAsync(new SpawnTaskRequest { Tid = tid, Name = $"task{tid}" });
        await client.RunTaskAsync(new RunTaskRequest { Tid = tid, Cpu = cpu });
    }

    /// <summary>Task <paramref name="tid"/> writes 4 bytes at <paramref name="address"/>; returns the hits.</summary>
    public static async Task<IReadOnlyList<HitEvent>> WriteAsync(HwbpClient client, ulong tid, ulong address) =>
        (await client.AccessAsync(new AccessRequest { Tid = tid, Address = address, Length = 4, Access = Access.Write, Ip = 0x401000 })).Hits;

    /// <summary>A data write watchpoint.</summary>
    public static Breakpoint Write(ulong address, uint length = 8) => new() { Address = address, Length = length, Access = Access.Write };
}
