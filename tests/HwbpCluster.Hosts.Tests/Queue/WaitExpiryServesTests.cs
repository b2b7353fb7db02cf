using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Queue;

/// <summary>A request leaving the queue unserved offers room to the others, as a release of it does in the pure core.</summary>
public sealed class WaitExpiryServesTests
{
    [Fact]
    public void A_wait_that_runs_out_serves_a_request_that_fits_since_a_preemption_freed_its_room()
    {
        using var t = new TestHost(ArchProfile.X86_64(2));
        t.Open("perf", ClientKind.Perf);
        t.Open("gdb", ClientKind.Ptrace, privileged: false);
        t.Open("kgdb", ClientKind.Kgdb);
        t.Spawn(1);

        // Task 1 fills both CPUs: one perf and three ptrace watches.
        t.Reserve("perf", Scope.ForTask(1), Specs.Write(0x1000));
        for (var i = 1; i <= 3; i++)
        {
            t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x1000 + (ulong)(8 * i)));
        }

        var onCpu1 = t.Host.ReserveAsync("perf", new ReserveCommand(Scope.OnCpu(1), Specs.Write(0x2000), true, false, "", TimeSpan.FromSeconds(10)));
        t.System.RunUntilIdle();
        Assert.False(onCpu1.IsCompleted);

        // kgdb on cpu 0 suspends task 1's perf watch, which frees a slot on cpu 1 too; nothing offers it yet.
        t.Reserve("kgdb", Scope.OnCpu(0), Specs.Execute(0xFFFF_FFFF_8100_0000));
        var expiring = t.Host.ReserveAsync("gdb", new ReserveCommand(Scope.ForTask(1), Specs.Write(0x3000), true, false, "", TimeSpan.FromSeconds(1)));
        t.System.RunUntilIdle();
        Assert.False(onCpu1.IsCompleted);

        t.System.AdvanceTime(TimeSpan.FromSeconds(2));

        Assert.Equal(HostError.WaitExpired, t.Fails(expiring).Error);
        Assert.True(onCpu1.IsCompletedSuccessfully);
        Assert.Equal(ReservationStatus.Active, t.Run(onCpu1).State);
    }
}
