using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host;
using HwbpCluster.Linux.Tests.Host.Support;
using HwbpCluster.Linux.Tests.Support;
using Scope = HwbpCluster.Arbitration.Scope;

namespace HwbpCluster.Linux.Tests.Host;

/// <summary>
/// A process scope on the real backend: the kernel's events per existing thread and CPU, the accounting's task parts for
/// them, threads created later joining the accounting from FORK records, and (where breakpoints fire) every write counted.
/// </summary>
[Collection(HardwareCollection.Name)]
public sealed class LinuxHostProcessTests : IDisposable
{
    private readonly string _directory = NativeProgram.NewDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GccFact(hardware: true)]
    public async Task Each_existing_thread_gets_its_events_and_its_part_and_later_threads_join_the_accounting_by_fork()
    {
        string path = NativeProgram.Build(_directory, "threads", ["threads.c"], "-pthread");
        using var program = RunningProgram.Start(path);
        await using HostRig rig = await HostRig.StartAsync(Arbitration.ClientKind.Ptrace, privileged: false);
        int cpus = rig.Host.Description.Profile.CpuCount;
        HashSet<long> before = [.. LinuxThreads.ListThreads(program.Pid).Select(t => (long)t)];
        int fds = PerfFds.Count();

        ReservationView process = await rig.Host.ReserveAsync(rig.Session, rig.Command(0, 8, Scope.ForProcess(program.Pid)));

        Assert.Equal(Scope.ForProcess(program.Pid), process.Scope);
        Assert.Equal(before.Count * cpus, rig.Host.OpenEventCount);
        Assert.Equal(fds + (before.Count * cpus), PerfFds.Count());
        Assert.Equal(before, await PartsAsync(rig, process.Id));

        program.Poke();
        HashSet<long> later = [.. LinuxThreads.ListThreads(program.Pid).Select(t => (long)t).Except(before)];
        Assert.Equal(3, later.Count);
        HashSet<long> all = [.. before.Union(later)];
        Assert.True(
            await Eventually.HoldsAsync(() => PartsAsync(rig, process.Id).Result.SetEquals(all), TimeSpan.FromSeconds(10)),
            $"the accounting's parts never became the process's threads {string.Join(',', all.Order())}");
        Assert.Equal(before.Count * cpus, rig.Host.OpenEventCount);

        await rig.Host.ReleaseAsync(rig.Session, process.Id);

        Assert.Equal(0, rig.Host.OpenEventCount);
        Assert.Equal(fds, PerfFds.Count());
        Assert.Empty(await rig.Host.ListReservationsAsync(rig.Session));
    }

    [GccFact(hardware: true)]
    public async Task An_inherited_task_reservation_opens_one_inherited_event_per_cpu_and_the_threads_it_creates_join_its_group()
    {
        string path = NativeProgram.Build(_directory, "threads", ["threads.c"], "-pthread");
        using var program = RunningProgram.Start(path);
        await using HostRig rig = await HostRig.StartAsync(Arbitration.ClientKind.Ptrace, privileged: false);
        int cpus = rig.Host.Description.Profile.CpuCount;
        HashSet<long> before = [.. LinuxThreads.ListThreads(program.Pid).Select(t => (long)t)];

        // The main thread creates the later threads on the poke.
        ReservationView main = await rig.Host.ReserveAsync(
            rig.Session, rig.Command(0, 8, Scope.ForTask(program.Pid)) with { Inherit = true });

        Assert.Equal(cpus, rig.Host.OpenEventCount);
        program.Poke();
        HashSet<long> later = [.. LinuxThreads.ListThreads(program.Pid).Select(t => (long)t).Except(before)];
        HashSet<long> group = [program.Pid, .. later];
        Assert.True(
            await Eventually.HoldsAsync(() => PartsAsync(rig, main.Id).Result.SetEquals(group), TimeSpan.FromSeconds(10)),
            $"the group never became the main thread and its new threads {string.Join(',', group.Order())}");

        long copy = (await rig.Host.ListReservationsAsync(rig.Session)).First(v => v.Id != main.Id).Id;
        await rig.Host.ReleaseAsync(rig.Session, copy);

        Assert.Equal(0, rig.Host.OpenEventCount);
        Assert.Empty(await rig.Host.ListReservationsAsync(rig.Session));
    }

    [GccFact(hardware: true)]
    public async Task A_process_that_does_not_exist_is_not_found_and_opens_nothing()
    {
        await using HostRig rig = await HostRig.StartAsync(Arbitration.ClientKind.Perf);

        HostException missing = await Assert.ThrowsAsync<HostException>(
            () => rig.Host.ReserveAsync(rig.Session, rig.Command(0, 8, Scope.ForProcess(int.MaxValue))));

        Assert.Equal(HostError.NotFound, missing.Error);
        Assert.Equal(0, rig.Host.OpenEventCount);
    }

    [GccFact(hardware: true)]
    public async Task A_kgdb_session_is_refused_by_the_accounting_rules_before_the_kernel_opens_anything()
    {
        string path = NativeProgram.Build(_directory, "threads", ["threads.c"], "-pthread");
        using var program = RunningProgram.Start(path);
        await using HostRig kgdb = await HostRig.StartAsync(Arbitration.ClientKind.Kgdb);
        int fds = PerfFds.Count();

        HostException cpuBound = await Assert.ThrowsAsync<HostException>(
            () => kgdb.Host.ReserveAsync(kgdb.Session, kgdb.Command(0, 8, Scope.ForProcess(program.Pid))));

        Assert.Equal(HostError.PermissionDenied, cpuBound.Error);
        Assert.Contains("kgdb-cpu-bound", cpuBound.Message, StringComparison.Ordinal);
        Assert.Equal(fds, PerfFds.Count());
    }

    [GccFact(hardware: true)]
    public async Task A_process_reservation_may_name_a_symbol_looked_up_in_the_process()
    {
        string path = NativeProgram.Build(_directory, "writers", ["writers.c"], "-pthread");
        using var program = RunningProgram.Start(path);
        await using HostRig rig = await HostRig.StartAsync(Arbitration.ClientKind.Perf);
        var command = new ReserveCommand(
            Scope.ForProcess(program.Pid), new Arbitration.BreakpointSpec(0, 0, Arbitration.Access.Write), true, false, "", TimeSpan.Zero)
        {
            Symbol = "counter",
        };

        ReservationView process = await rig.Host.ReserveAsync(rig.Session, command);

        Assert.Equal((program.Addresses["counter"], 8), (process.Spec.Address, process.Spec.Length));
        Assert.Equal(LinuxThreads.ListThreads(program.Pid).Count * rig.Host.Description.Profile.CpuCount, rig.Host.OpenEventCount);
    }

    [GccFact(hits: true, perf: true)]
    public async Task Every_write_of_sixteen_threads_and_a_forked_child_is_counted_with_the_writers_tids_as_perf_counts_it()
    {
        const int Writers = 8 + 8 + 1;
        const int Writes = 1_000;
        string path = NativeProgram.Build(_directory, "writers", ["writers.c"], "-pthread");
        using var program = RunningProgram.Start(path);
        ulong counter = program.Addresses["counter"];
        await using HostRig rig = await HostRig.StartAsync(Arbitration.ClientKind.Perf, options: LinuxHostOptions.Default with { RingDataPages = 64 });
        await using EventSubscription<HitRecord> hits = rig.Host.WatchHits(rig.Session, Writers * Writes * 2);
        var command = new ReserveCommand(
            Scope.ForProcess(program.Pid), new Arbitration.BreakpointSpec(counter, 8, Arbitration.Access.Write), true, false, "", TimeSpan.Zero);
        ReservationView process = await rig.Host.ReserveAsync(rig.Session, command);
        using PerfTool perf = await PerfTool.StatAsync(program.Pid, [counter], seconds: 5, wholeProcess: true);

        program.Poke();
        List<HitRecord> seen = await Feeds.TakeAsync(hits, Writers * Writes, TimeSpan.FromSeconds(30));
        IReadOnlyList<ulong> perfCounts = await perf.CountsAsync();

        Assert.Equal(Writers * Writes, seen.Count);
        Assert.All(seen, h => Assert.Equal(process.Id, h.ReservationId));
        Assert.Equal(Writers, seen.Select(h => h.Tid).Distinct().Count());
        Assert.All(seen.GroupBy(h => h.Tid), writer => Assert.Equal(Writes, writer.Count()));
        Assert.Equal((ulong)(Writers * Writes), Assert.Single(perfCounts));
    }

    private static async Task<HashSet<long>> PartsAsync(HostRig rig, long group) =>
        [.. (await rig.Host.ListReservationsAsync(rig.Session)).Where(v => v.Process?.Group == group).Select(v => v.Scope.TaskId)];
}
