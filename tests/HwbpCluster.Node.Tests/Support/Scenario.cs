using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Support;

/// <summary>Simulated-host set-ups that several tests share.</summary>
internal static class Scenario
{
    /// <summary>Spawns task <paramref name="tid"/> and runs it on <paramref name="cpu"/>.</summary>
    public static async Task RunTaskAsync(NodeClient client, ulong tid, uint cpu, string host = "")
    {
        await client.CallAsync(Api.SpawnTask, new SpawnTaskRequest { Host = host, Tid = tid, Name = $"task{tid}" });
        await client.CallAsync(Api.RunTask, new RunTaskRequest { Host = host, Tid = tid, Cpu = cpu });
    }

    /// <summary>Task <paramref name="tid"/> writes <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public static async Task<IReadOnlyList<HitEvent>> WriteAsync(
        NodeClient client, ulong tid, ulong address, uint length = 4, string host = "") =>
        (await client.CallAsync(Api.Access, new AccessRequest
        {
            Host = host, Tid = tid, Address = address, Length = length, Access = Access.Write, Ip = 0x401000,
        })).Hits;

    /// <summary>Reads a stream until an item matches; fails if the stream ends first.</summary>
    public static async Task<T> ReadUntilAsync<T>(Grpc.Core.IAsyncStreamReader<T> stream, Func<T, bool> match)
    {
        var seen = new List<T>();
        while (await stream.MoveNext(CancellationToken.None))
        {
            if (match(stream.Current))
            {
                return stream.Current;
            }

            seen.Add(stream.Current);
        }

        throw new InvalidOperationException($"the stream ended before the expected item; it had: {string.Join("; ", seen)}");
    }
}
