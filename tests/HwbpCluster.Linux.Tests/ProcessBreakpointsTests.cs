using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

/// <summary>A whole process armed: every existing thread on every CPU, and later threads by inheritance, told by FORK records.</summary>
[Collection(HardwareCollection.Name)]
public sealed class ProcessBreakpointsTests : IDisposable
{
    private readonly string _directory = NativeProgram.NewDirectory();

    [GccFact(hardware: true)]
    public async Task Every_existing_thread_is_armed_once_on_every_cpu_and_later_threads_inherit_without_being_armed()
    {
        string path = NativeProgram.Build(_directory, "threads", ["threads.c"], "-pthread");
        using var program = RunningProgram.Start(path);
        using var cell = new NativeBlock(8);
        int cpus = Environment.ProcessorCount;
        HashSet<int> before = [.. LinuxThreads.ListThreads(program.Pid)];

        using var process = ProcessBreakpoints.Open(program.Pid, new BreakpointSpec(cell.At(0), 8, BreakpointAccess.Write), cpus);
        using var reader = new HitReader();
        foreach (PerfBreakpoint e in process.Events)
        {
            reader.Attach(e);
        }

        program.Poke();
        HashSet<int> later = [.. LinuxThreads.ListThreads(program.Pid).Except(before)];
        HashSet<int> forked = await ForkedAsync(reader, later.Count, TimeSpan.FromSeconds(10));

        Assert.Equal(5, before.Count);
        Assert.Equal(before, process.ArmedThreads);
        Assert.Equal(before.Count * cpus, process.Events.Count);
        Assert.Equal(3, later.Count);
        Assert.Equal(later, forked);
    }

    [GccFact(hardware: true)]
    public async Task A_process_that_keeps_creating_threads_is_covered_without_arming_any_thread_twice()
    {
        string path = NativeProgram.Build(_directory, "spawner", ["spawner.c"], "-pthread");
        using var program = RunningProgram.Start(path);
        using var cell = new NativeBlock(8);

        using var process = ProcessBreakpoints.Open(
            program.Pid, new BreakpointSpec(cell.At(0), 8, BreakpointAccess.Write), Environment.ProcessorCount);
        // The spawners fork thousands of threads a second: read the notices from the start, with room for a burst, so that
        // none is dropped for want of a reader (CI once saw five live threads whose notices a full channel had dropped).
        using var reader = new HitReader(new HitReaderOptions { NoticeCapacity = 1 << 20 });
        foreach (PerfBreakpoint e in process.Events)
        {
            reader.Attach(e);
        }

        Task<HashSet<int>> forking = ForkedAsync(reader, int.MaxValue, TimeSpan.FromSeconds(1.2));
        await Task.Delay(200);
        HashSet<int> live = [.. LinuxThreads.ListThreads(program.Pid)];
        HashSet<int> forked = await forking;

        // Every thread alive now was armed or inherited; none inherited was armed as well (that would count hits twice).
        Assert.Empty(live.Except(process.ArmedThreads).Except(forked));
        Assert.Empty(process.ArmedThreads.Intersect(forked));
        Assert.NotEmpty(forked);
    }

    [GccFact(hits: true)]
    public async Task Every_write_by_threads_old_and_new_and_a_forked_child_is_a_hit_or_a_counted_loss()
    {
        const int Writers = 8 + 8 + 1;
        const int Writes = 1_000;
        string path = NativeProgram.Build(_directory, "writers", ["writers.c"], "-pthread");
        using var program = RunningProgram.Start(path);
        using var process = ProcessBreakpoints.Open(
            program.Pid, new BreakpointSpec(program.Addresses["counter"], 8, BreakpointAccess.Write), Environment.ProcessorCount,
            new PerfBreakpointOptions { RingDataPages = 64 });
        using var reader = new HitReader();
        foreach (PerfBreakpoint e in process.Events)
        {
            reader.Attach(e);
        }

        program.Poke();
        List<RawHit> hits = await HitCollector.CollectAsync(reader, Writers * Writes, TimeSpan.FromSeconds(30));
        ulong lost = process.Events.Aggregate(0UL, (sum, e) => sum + (reader.GetStats(e) is { } s ? s.Lost + s.Dropped : 0));

        Assert.Equal((ulong)(Writers * Writes), (ulong)hits.Count + lost);
        Assert.Equal(Writers, hits.Select(h => h.Tid).Distinct().Count());
        Assert.Equal(2, hits.Select(h => h.Pid).Distinct().Count());
    }

    [Fact]
    public void A_process_that_does_not_exist_is_refused_as_no_such_task()
    {
        PerfException error = Assert.Throws<PerfException>(
            () => ProcessBreakpoints.Open(int.MaxValue, new BreakpointSpec(0x1000, 8, BreakpointAccess.Write), 1));

        Assert.Equal(PerfErrorKind.NoSuchTask, error.Failure.Kind);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The threads FORK notices name, until count of them or the time is up.
    private static async Task<HashSet<int>> ForkedAsync(HitReader reader, int count, TimeSpan time)
    {
        var forked = new HashSet<int>();
        using var deadline = new CancellationTokenSource(time);
        try
        {
            await foreach (HitNotice notice in reader.Notices.ReadAllAsync(deadline.Token))
            {
                if (notice.Kind == HitNoticeKind.ThreadForked && forked.Add(notice.Tid) && forked.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Time is up: the caller's assertions judge what arrived.
        }

        return forked;
    }
}
