using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests;

public sealed class ProductionSystemTests
{
    [Fact]
    public async Task Host_started_on_its_own_system_serves_concurrent_sessions()
    {
        await using var host = SimulatedHost.Start(new SimulatedHostOptions("h1", ArchProfile.X86_64(16)));
        var sim = host.Simulator!;
        await host.OpenSessionAsync(new SessionInfo("gdb", ClientKind.Ptrace, "gdb", Privileged: false));
        await host.OpenSessionAsync(new SessionInfo("perf", ClientKind.Perf, "perf", Privileged: true));
        for (var tid = 1; tid <= 8; tid++)
        {
            await sim.SpawnTaskAsync(tid, $"t{tid}");
        }

        var reservations = await Task.WhenAll(Enumerable.Range(1, 8).Select(tid =>
            host.ReserveAsync("gdb", new ReserveCommand(Scope.ForTask(tid), Specs.Write(0x1000 + (ulong)(tid * 8)), true, false, "", TimeSpan.Zero)))
            .Concat(Enumerable.Range(0, 16).Select(cpu =>
                host.ReserveAsync("perf", new ReserveCommand(Scope.OnCpu(cpu), Specs.Write(0x9000), true, false, "", TimeSpan.Zero)))));

        Assert.Equal(24, reservations.Length);
        var state = await host.GetStateAsync();
        Assert.All(state.Cpus, c => Assert.Equal((1, 1), (c.CpuPinned, c.MaxTaskPinned)));
        Assert.Equal(24, await host.CloseSessionAsync("gdb", "session-closed") + await host.CloseSessionAsync("perf", "session-closed"));
        Assert.Empty(await host.ListReservationsAsync(null));
    }

    [Fact]
    public async Task Random_concurrent_requests_on_the_thread_pool_leave_every_ledger_empty_once_the_sessions_close()
    {
        using var system = Akka.Actor.ActorSystem.Create("stress", Akka.Configuration.ConfigurationFactory.ParseString(SimulatedHost.AkkaHocon));
        var host = (HwbpCluster.Hosts.Internal.HostFacade)SimulatedHost.Start(system, new SimulatedHostOptions("h1", ArchProfile.X86_64(8)));
        var sim = host.Simulator!;
        await host.OpenSessionAsync(new SessionInfo("gdb", ClientKind.Ptrace, "gdb", Privileged: false));
        await host.OpenSessionAsync(new SessionInfo("perf", ClientKind.Perf, "perf", Privileged: true));
        await host.OpenSessionAsync(new SessionInfo("kgdb", ClientKind.Kgdb, "kgdb", Privileged: true));
        for (var tid = 1; tid <= 6; tid++)
        {
            await sim.SpawnTaskAsync(tid, $"t{tid}");
        }

        var random = new Random(12345);
        var work = Enumerable.Range(0, 400).Select(i =>
        {
            var roll = random.Next(10);
            var tid = random.Next(1, 7);
            var cpu = random.Next(8);
            var (session, scope) = roll switch
            {
                < 5 => ("gdb", Scope.ForTask(tid)),
                < 7 => ("perf", Scope.OnCpu(cpu)),

                // A task-on-CPU one moves its task out of the summary: CPU-bound plans then run on the CPUs until it moves back.
                < 8 => ("perf", Scope.ForTaskOnCpu(tid, cpu)),
                _ => ("kgdb", Scope.AllCpus),
            };
            var spec = session == "kgdb" ? Specs.Execute(0xFFFF_FFFF_8100_0000 + (ulong)i) : Specs.Write(0x10_0000 + (ulong)(8 * i));
            return Task.Run(async () =>
            {
                await sim.RunTaskAsync(tid, cpu);
                try
                {
                    var view = await host.ReserveAsync(session, new ReserveCommand(scope, spec, true, false, "", TimeSpan.Zero));
                    if (i % 2 == 0)
                    {
                        await host.ReleaseAsync(session, view.Id);
                    }
                }
                catch (HostException e) when (e.Error == HostError.NoRoom)
                {
                }
            });
        });
        await Task.WhenAll(work);

        foreach (var session in new[] { "gdb", "perf", "kgdb" })
        {
            await host.CloseSessionAsync(session, "session-closed");
        }

        var counts = await host.CountsAsync();
        Assert.All(counts, c => Assert.Equal("0 0 0 0 0", $"{c.CpuPinned[1]} {c.MaxTask[1]} {c.ProjectedWorstCase[1]} {c.PendingHolds} {c.Parked}"));
        Assert.False(host.Failed.IsCancellationRequested, host.FailureMessage);
        await host.DisposeAsync();
        await system.Terminate();
    }
}

