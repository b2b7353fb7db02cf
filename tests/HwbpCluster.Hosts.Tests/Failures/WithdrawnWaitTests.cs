using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;
using HwbpCluster.Hosts.Tests.Support.Seeded;

namespace HwbpCluster.Hosts.Tests.Failures;

/// <summary>A queued Reserve whose caller stopped waiting was once granted anyway when room returned.</summary>
public sealed class WithdrawnWaitTests
{
    private readonly TestHost _t = new(ArchProfile.X86_64(1));
    private readonly ReservationView[] _full;

    public WithdrawnWaitTests() => _full = _t.FillCpu0WithPerf();

    [Fact]
    public void A_cancelled_queued_request_leaves_the_queue_and_the_freed_room_goes_back_to_its_holder()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = _t.Host.ReserveAsync("gdb", new ReserveCommand(
            Scope.ForTask(1), Specs.Write(0x2000), true, false, "", TimeSpan.FromSeconds(30)), cancel.Token);
        _t.System.RunUntilIdle();
        Assert.Single(_t.List("gdb"));

        cancel.Cancel();
        _t.System.RunUntilIdle();
        Assert.True(waiting.IsCanceled);
        Assert.Empty(_t.List("gdb"));

        _t.Run(_t.Host.ReleaseAsync("perf", _full[0].Id));
        _t.System.RunUntilQuiescent();
        Assert.Empty(_t.List("gdb"));
        Assert.Equal(ReservationStatus.Active, _t.Reserve("perf", Scope.OnCpu(0), Specs.Write(0x1000)).State);
    }

    [Fact]
    public void A_request_cancelled_while_it_is_being_decided_holds_nothing_afterwards()
    {
        using var system = new SeededSystem();
        for (var seed = 1; seed <= 50; seed++)
        {
            using var t = new TestHost(ArchProfile.X86_64(2), seed, shared: system);
            t.Open("kgdb", ClientKind.Kgdb);
            using var cancel = new CancellationTokenSource();
            var reserve = t.Host.ReserveAsync("kgdb", new ReserveCommand(Scope.AllCpus, Specs.Execute(0xFFFF_FFFF_8100_0000), true, false, "", TimeSpan.Zero), cancel.Token);
            t.System.RunSteps(seed % 7);
            cancel.Cancel();
            t.System.RunUntilQuiescent();

            if (reserve.IsCanceled)
            {
                Assert.Empty(t.List());
                Assert.All(t.State().Cpus, c => Assert.Equal(0, c.CpuPinned));
            }
            else
            {
                Assert.True(reserve.IsCompletedSuccessfully, $"seed {seed}: {reserve.Exception?.InnerException?.Message}");
                Assert.Single(t.List());
            }
        }
    }
}
