using static HwbpCluster.Arbitration.Tests.Host.KUnitHost;

namespace HwbpCluster.Arbitration.Tests.Host;

/// <summary>The scenarios of Linux's kernel/events/hw_breakpoint_test.c, in our words, on every profile.</summary>
public sealed class LinuxKUnitScenariosTests
{
    [Theory]
    [MemberData(nameof(ProfileCases.All), MemberType = typeof(ProfileCases))]
    public void One_cpu_full_of_cpu_bound_breakpoints_refuses_a_task_breakpoint_and_another_cpu_bound_one(string profile)
    {
        var host = ProfileCases.Host(profile);
        host.Fill(0, 0);
        host.ExpectNoSpace(-1, Current);
        host.ExpectNoSpace(0, 0);
    }

    [Theory]
    [MemberData(nameof(ProfileCases.All), MemberType = typeof(ProfileCases))]
    public void Cpus_are_independent_each_fills_to_its_own_slots(string profile)
    {
        var host = ProfileCases.Host(profile);
        for (var cpu = 0; cpu < host.Arbiter.Profile.CpuCount; cpu++)
        {
            host.Fill(cpu, 0);
            host.ExpectNoSpace(cpu, 0);
        }
    }

    [Theory]
    [MemberData(nameof(ProfileCases.All), MemberType = typeof(ProfileCases))]
    public void A_task_full_on_all_cpus_refuses_more_until_one_is_released_then_a_cpu_bound_one_fits(string profile)
    {
        var host = ProfileCases.Host(profile);
        host.Fill(-1, Current);
        host.ExpectNoSpace(-1, Current);
        host.ExpectNoSpace(0, Current);
        host.ExpectNoSpace(0, 0);
        host.Unregister(0);
        host.FillOne(0, 0);
    }

    [Theory]
    [MemberData(nameof(ProfileCases.All), MemberType = typeof(ProfileCases))]
    public void Two_full_tasks_are_independent_and_releasing_from_one_does_not_make_room_for_a_cpu_bound_one(string profile)
    {
        var host = ProfileCases.Host(profile);
        host.Fill(-1, Current);
        host.Fill(-1, Other);
        host.ExpectNoSpace(-1, Current);
        host.ExpectNoSpace(-1, Other);
        host.ExpectNoSpace(0, Current);
        host.ExpectNoSpace(0, Other);
        host.ExpectNoSpace(0, 0);
        host.Unregister(0);
        host.ExpectNoSpace(0, 0);
    }

    [Theory]
    [MemberData(nameof(ProfileCases.All), MemberType = typeof(ProfileCases))]
    public void A_task_full_on_one_cpu_refuses_more_there_and_a_release_makes_room_for_a_cpu_bound_one(string profile)
    {
        var host = ProfileCases.Host(profile);
        host.Fill(0, Current);
        host.ExpectNoSpace(-1, Current);
        host.ExpectNoSpace(0, Current);
        host.ExpectNoSpace(0, 0);
        host.Unregister(0);
        host.FillOne(0, 0);
    }

    [Theory]
    [MemberData(nameof(ProfileCases.AtLeastThreeSlots), MemberType = typeof(ProfileCases))]
    public void A_task_mixing_one_cpu_and_all_cpu_breakpoints_moves_from_cpu_dependent_to_independent_counts(string profile)
    {
        var host = ProfileCases.Host(profile);
        host.FillOne(0, Current);
        host.Fill(-1, Current, skip: 1);
        host.ExpectNoSpace(-1, Current);
        host.ExpectNoSpace(0, Current);
        host.ExpectNoSpace(0, 0);
        host.Unregister(0);
        host.Unregister(1);
        host.FillOne(0, 0);
        host.FillOne(0, 0);
        host.ExpectNoSpace(0, 0);
    }

    [Theory]
    [MemberData(nameof(ProfileCases.All), MemberType = typeof(ProfileCases))]
    public void Two_tasks_full_on_one_cpu_leave_another_cpu_free(string profile)
    {
        var host = ProfileCases.Host(profile);
        host.Fill(0, Current);
        host.Fill(0, Other);
        host.ExpectNoSpace(-1, Current);
        host.ExpectNoSpace(-1, Other);
        host.ExpectNoSpace(0, Current);
        host.ExpectNoSpace(0, Other);
        host.ExpectNoSpace(0, 0);
        host.Fill(1, 0);
    }

    [Theory]
    [MemberData(nameof(ProfileCases.All), MemberType = typeof(ProfileCases))]
    public void A_task_full_on_one_cpu_and_another_full_on_all_cpus_block_cpu_bound_breakpoints_everywhere(string profile)
    {
        var host = ProfileCases.Host(profile);
        host.Fill(0, Current);
        host.Fill(-1, Other);
        host.ExpectNoSpace(-1, Current);
        host.ExpectNoSpace(-1, Other);
        host.ExpectNoSpace(0, Current);
        host.ExpectNoSpace(0, Other);
        host.ExpectNoSpace(0, 0);
        host.ExpectNoSpace(1, 0);
    }

    [Fact]
    public void On_arm64_a_full_instruction_pool_leaves_the_data_pool_free()
    {
        var host = ProfileCases.Host("arm64/2:x");
        host.Fill(-1, Current);
        host.ExpectNoSpace(-1, Current);
        var watch = host.Arbiter.TryReserve(new Arbitration.Host.ReservationRequest(
            ClientKind.Perf, new BreakpointSpec(0x2000, 8, Access.Write), Scope.OnCpu(0)) { Privileged = true });
        Assert.Equal(Arbitration.Host.Outcome.Admitted, watch.Outcome);
    }

    [Theory]
    [MemberData(nameof(ProfileCases.AtLeastThreeSlots), MemberType = typeof(ProfileCases))]
    public void A_task_on_all_cpus_and_on_one_cpu_leaves_other_cpus_room_until_it_is_task_wide_again(string profile)
    {
        var host = ProfileCases.Host(profile);
        host.Fill(-1, Current, skip: 2);
        var taskOnCpu = host.Ids.Count;
        host.FillOne(0, Current);
        host.FillOne(-1, Current);
        host.ExpectNoSpace(-1, Current);
        host.ExpectNoSpace(0, Current);
        host.ExpectNoSpace(0, 0);

        var cpuBound = host.Ids.Count;
        host.FillOne(1, 0);
        host.ExpectNoSpace(1, 0);

        host.Unregister(taskOnCpu);
        host.ExpectNoSpace(-1, Current);
        host.Unregister(cpuBound);
        host.FillOne(-1, Current);
        host.ExpectNoSpace(-1, Current);
        host.ExpectNoSpace(0, Current);
        host.ExpectNoSpace(0, 0);
        host.ExpectNoSpace(1, 0);
    }
}
