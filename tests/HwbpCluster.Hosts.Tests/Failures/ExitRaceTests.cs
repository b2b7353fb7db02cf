using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;
using HwbpCluster.Hosts.Tests.Support.Seeded;

namespace HwbpCluster.Hosts.Tests.Failures;

/// <summary>Release, CloseSession and Modify of a task's reservation racing the task's exit were sometimes never answered.</summary>
public sealed class ExitRaceTests
{
    public static TheoryData<string> Racers => ["release", "close", "modify"];

    [Theory]
    [MemberData(nameof(Racers))]
    public void A_request_racing_the_exit_of_its_task_is_answered_under_every_schedule(string racer)
    {
        using var system = new SeededSystem();
        var overtaken = 0;
        var answeredByExitedTask = 0;
        for (var seed = 1; seed <= 100; seed++)
        {
            using var t = new TestHost(ArchProfile.X86_64(4), seed, shared: system);
            t.Open("gdb", ClientKind.Ptrace);
            t.Spawn(1);
            var held = t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x1000));
            t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x2000));

            // Either may reach the host first; the seeded interleaving decides the rest.
            var exit = seed % 2 == 0 ? t.Sim.ExitTaskAsync(1) : null;
            Task request = racer switch
            {
                "release" => t.Host.ReleaseAsync("gdb", held.Id),
                "close" => t.Host.CloseSessionAsync("gdb", "session-closed"),
                _ => t.Host.ModifyAsync("gdb", held.Id, Specs.Execute(0x3000)),
            };
            exit ??= t.Sim.ExitTaskAsync(1);
            t.System.RunUntilQuiescent();

            Assert.True(exit.IsCompletedSuccessfully, $"seed {seed}: exit {exit.Status}");
            Assert.True(request.IsCompleted, $"seed {seed}: {racer} never answered");
            if (request.Exception?.InnerException is HostException error)
            {
                // Only the task's exit may have overtaken the request: then the reservation is simply gone (for a modify
                // the task actor's NotFound, not NoRoom).
                Assert.Equal(HostError.NotFound, error.Error);
                overtaken++;
                answeredByExitedTask += error.Message.Contains("task 1 exited", StringComparison.Ordinal) ? 1 : 0;
            }

            Assert.Empty(t.List());
            Assert.Empty(t.Failures);
        }

        // A release or close is done either way; a modify must have met both orders, and the exited task actor's answer.
        Assert.True(racer != "modify" || (overtaken is > 0 and < 100 && answeredByExitedTask > 0),
            $"{overtaken} of 100 modifies were overtaken by the exit, {answeredByExitedTask} answered by the exited task actor");
    }
}
