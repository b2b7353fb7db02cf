using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

public sealed class LinuxThreadsTests
{
    [HardwareFact]
    public void The_thread_list_of_this_process_holds_the_main_thread_and_a_started_thread()
    {
        using var thread = new WatchedThread();

        IReadOnlyList<int> tids = LinuxThreads.ListThreads(Environment.ProcessId);

        Assert.Contains(Environment.ProcessId, tids);
        Assert.Contains(thread.Tid, tids);
        Assert.Contains(LinuxThreads.CurrentTid(), tids);
    }

    [HardwareFact]
    public void Listing_a_process_that_does_not_exist_is_refused_as_no_such_task()
    {
        PerfException thrown = Assert.Throws<PerfException>(() => LinuxThreads.ListThreads(int.MaxValue));

        Assert.Equal(PerfErrorKind.NoSuchTask, thrown.Failure.Kind);
    }
}
