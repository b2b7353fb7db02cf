using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Host;
using HwbpCluster.Hosts.Tests.Support;
using HwbpCluster.Hosts.Tests.Support.Seeded;

namespace HwbpCluster.Hosts.Tests.Negotiation;

/// <summary>Seeded schedules where kgdb preempts pinned perf, requests wait in the queue, and releases and exits race them.</summary>
/// <remarks>
/// The pure core resolves preemption and queueing in one serial step, so these schedules are not replayed against it;
/// they check what must hold whatever the order: no actor fails (so no CPU ever over-arms), every request ends, after every
/// batch the ledgers count exactly the reservations the host lists as active (a set the pure core admits), and once every
/// session has closed no CPU keeps a count, a hold or a parked prepare. Model/SerialModelReplayTests checks the same
/// operations step by step against the pure core, where their outcome is determined.
/// </remarks>
public sealed class PreemptionAndQueueScheduleTests
{
    [Fact]
    public void Two_thousand_schedules_with_preemption_waits_and_releases_end_with_every_ledger_empty()
    {
        using var system = new SeededSystem();
        for (var seed = 1; seed <= 2_000; seed++)
        {
            var failure = Run(seed, system);
            Assert.True(failure is null, $"seed {seed}: {failure}");
        }
    }

    private static string? Run(int seed, SeededSystem system)
    {
        var random = new Random(seed);
        var cpus = random.Next(1, 3);
        var profile = ArchProfile.X86_64(cpus);
        using var t = new TestHost(profile, seed, shared: system);
        t.Open("gdb", ClientKind.Ptrace, privileged: false);
        t.Open("perf", ClientKind.Perf);
        t.Open("kgdb", ClientKind.Kgdb);
        for (var tid = 1; tid <= 3; tid++)
        {
            t.Spawn(tid);
        }

        var held = new List<(string Session, long Id)>();
        for (var batch = 0; batch < random.Next(2, 6); batch++)
        {
            var calls = new List<Task>();
            var releasing = new HashSet<long>();
            for (var i = 0; i < random.Next(4, 14); i++)
            {
                var roll = random.Next(10);
                var address = 0x10_0000UL + ((ulong)random.Next(512) * 8);
                var wait = random.Next(3) == 0 ? TimeSpan.FromMilliseconds(random.Next(1, 50)) : TimeSpan.Zero;
                if (roll < 7 || held.Count == 0)
                {
                    var (session, scope, spec) = random.Next(5) switch
                    {
                        0 => ("gdb", Scope.ForTask(random.Next(1, 4)), Specs.Write(address)),
                        1 or 2 => ("perf", Scope.OnCpu(random.Next(cpus)), Specs.Write(address)),
                        // Task-on-CPU ones move their task out of the summary, so CPU-bound plans meet both ways of deciding.
                        3 => ("perf", random.Next(2) == 0 ? Scope.ForTask(random.Next(1, 4)) : Scope.ForTaskOnCpu(random.Next(1, 4), random.Next(cpus)),
                            Specs.Write(address)),
                        _ => ("kgdb", random.Next(2) == 0 ? Scope.AllCpus : Scope.OnCpu(random.Next(cpus)), Specs.Execute(0xFFFF_FFFF_8100_0000 + address)),
                    };
                    var call = t.Host.ReserveAsync(session, new ReserveCommand(scope, spec, true, false, "", wait));
                    calls.Add(call.ContinueWith(
                        c =>
                        {
                            if (c.IsCompletedSuccessfully)
                            {
                                held.Add((session, c.Result.Id));
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default));
                }
                else if (held.Count > 0)
                {
                    var (session, id) = held[random.Next(held.Count)];
                    if (releasing.Add(id))
                    {
                        calls.Add(t.Host.ReleaseAsync(session, id));
                    }
                }
            }

            t.System.RunUntilQuiescent(maxSteps: 500_000);
            if (calls.FirstOrDefault(c => !c.IsCompleted) is not null)
            {
                return "a request did not end";
            }

            held.RemoveAll(h => releasing.Contains(h.Id));
            if (t.Failures.Count > 0)
            {
                return t.Failures[0];
            }

            if (CountsMatchWhatIsActive(t, profile) is { } differs)
            {
                return $"after batch {batch}: {differs}";
            }
        }

        foreach (var session in new[] { "gdb", "perf", "kgdb" })
        {
            t.Run(t.Host.CloseSessionAsync(session, "session-closed"));
        }

        t.System.RunUntilQuiescent();
        var counts = t.Run(t.Host.CountsAsync());
        var leak = counts.FirstOrDefault(c => c.CpuPinned[1] + c.MaxTask[1] + c.ProjectedWorstCase[1] + c.PendingHolds + c.Parked != 0);
        return leak is not null ? $"cpu {leak.Cpu} keeps cpuPinned {leak.CpuPinned[1]}, maxTask {leak.MaxTask[1]}, holds {leak.PendingHolds}"
            : t.List().Count != 0 ? $"{t.List().Count} reservations outlive their sessions"
            : t.Failures.Count > 0 ? t.Failures[0] : null;
    }

    // Whatever the interleaving decided, the ledgers must count exactly what the host lists as active, and that set must fit
    // Linux's rule: the pure core, given the active reservations in id order, admits every one and ends with the same counts.
    private static string? CountsMatchWhatIsActive(TestHost t, ArchProfile profile)
    {
        var core = new HostArbiter(profile);
        foreach (var view in t.List().Where(v => v.State == ReservationStatus.Active).OrderBy(v => v.Id))
        {
            var request = new ReservationRequest(view.Kind, view.Spec, view.Scope) { Privileged = view.Kind != ClientKind.Ptrace };
            if (core.TryReserve(request).Outcome != Outcome.Admitted)
            {
                return $"the active set does not fit: r{view.Id} {view.Spec} in {view.Scope} is refused after the ones before it";
            }
        }

        return LedgerComparison.Against(t.Run(t.Host.CountsAsync()), core);
    }
}
