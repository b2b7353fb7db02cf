using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Tests.Host.Internal;

public sealed class MachineProfileTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0-1\n", 1)]
    [InlineData("0-3,8-11", 11)]
    [InlineData("0,2,5", 5)]
    public void The_highest_cpu_of_a_kernel_cpu_list_is_read(string list, int highest) =>
        Assert.Equal(highest, MachineProfile.ParseHighestCpu(list));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("zero")]
    public void An_unreadable_cpu_list_gives_no_answer(string? list) => Assert.Null(MachineProfile.ParseHighestCpu(list));

    [Fact]
    public void The_machine_has_at_least_the_cpus_this_process_may_use() =>
        Assert.True(MachineProfile.CpuCount() >= Environment.ProcessorCount);
}
