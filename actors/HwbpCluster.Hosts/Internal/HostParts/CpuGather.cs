using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>Asks every CPU actor the same question and answers once all have, in CPU order (snapshots, ledger counts).</summary>
internal sealed class CpuGather(HostTurn turn)
{
    public void Gather<T>(Func<IActorRef<T>, CpuMsg> ask, Action<IReadOnlyList<T>> done)
    {
        var results = new T[turn.Cpus.Length];
        var left = results.Length;
        for (var c = 0; c < results.Length; c++)
        {
            var cpu = c;
            turn.Cpus[c].Tell(ask(turn.Then<T>(value =>
            {
                results[cpu] = value;
                if (--left == 0)
                {
                    done(results);
                }
            })));
        }
    }
}
