using System.Collections.Concurrent;
using Grpc.Core;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Support;

/// <summary>
/// Watches every host of a <see cref="NamespacedCluster"/> through its own node (the truth: the registers' owner), about ten
/// times a second, for a slot booked twice: a CPU armed beyond its slots, a slot with two holders, or more pinned reservations
/// active on a CPU than it has slots.
/// </summary>
internal sealed class SlotAuditor
{
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<string> violations = new();
    private readonly Task loop;
    private int polls;

    public SlotAuditor(NamespacedCluster cluster)
    {
        loop = RunAsync(cluster);
    }

    /// <summary>Stops polling; returns how many host states were read and every violation seen.</summary>
    public async Task<(int Polls, IReadOnlyList<string> Violations)> StopAsync()
    {
        await stop.CancelAsync();
        await loop;
        return (polls, [.. violations]);
    }

    private async Task RunAsync(NamespacedCluster cluster)
    {
        while (!stop.IsCancellationRequested)
        {
            for (var i = 0; i < cluster.Count; i++)
            {
                try
                {
                    var client = cluster.Client(i);
                    var host = $"h{i + 1}";
                    var state = await client.CallAsync(Api.GetHost, new GetHostRequest { Host = host });
                    var reservations = await client.ListAsync(host: host);
                    foreach (var violation in Check(state, reservations))
                    {
                        violations.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {violation}");
                    }

                    Interlocked.Increment(ref polls);
                }
                catch (RpcException)
                {
                    // A node busy rejoining may answer late; the next round reads it again.
                }
            }

            await Task.Delay(100, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static IEnumerable<string> Check(HostState state, IReadOnlyList<Reservation> reservations)
    {
        var capacity = state.SharedPool ? state.DataSlots : state.DataSlots + state.InstructionSlots;
        foreach (var cpu in state.Cpus)
        {
            var armed = cpu.Slots.Where(s => s.ReservationId.Length > 0).ToList();
            if (armed.Count > capacity || cpu.CpuPinned > capacity)
            {
                yield return $"{state.Host} cpu {cpu.Cpu}: {armed.Count} armed, {cpu.CpuPinned} pinned, on {capacity} slots";
            }

            foreach (var twice in armed.GroupBy(s => s.Index).Where(g => g.Count() > 1))
            {
                yield return $"{state.Host} cpu {cpu.Cpu} slot {twice.Key} held by {string.Join(", ", twice.Select(s => s.ReservationId))}";
            }

            var holders = reservations.Count(r => r.Pinned && r.State == ReservationState.Active && r.Scope.Cpu?.Cpu == cpu.Cpu);
            if (holders > capacity)
            {
                yield return $"{state.Host} cpu {cpu.Cpu}: {holders} pinned reservations active on {capacity} slots";
            }
        }
    }
}
