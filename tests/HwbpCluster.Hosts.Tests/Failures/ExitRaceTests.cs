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
        for (var seed = 1; seed <= 100; seed++)
        {
            using var t = new TestHost(ArchProfile.X86_64(4), seed, shared: system);
            t.Open("gdb", ClientKind.Ptrace);
            t.Spawn(1);
            var held = t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x1000));
            t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x2000));

            var exit = t.Sim.ExitTaskAsync(1);
            Task request = racer switch
            {
                "release" => t.Host.ReleaseAsync("gdb", held.Id),
                "close" => t.Host.CloseSessionAsync("gdb", "session-closed"),
                _ => t.Host.ModifyAsync("gdb", held.Id, Specs.Execute(0x3000)),
            };
            t.System.RunUntilQuiescent();

            Assert.True(exit.IsCompletedSuccessfully, $"seed {seed}: exit {exit.Status}");
            Assert.True(request.IsCompleted, $"seed {seed}: {racer} never answered");
            if (request.Exception?.InnerException is HostException error)
            {
                // Only the task's exit may have overtaken the request: then the reservation is simply gone.
                Assert.Equal(HostError.NotFound, error.Error);
            }

            Assert.Empty(t.List());
            Assert.Empty(t.Failures);
        }
    }
}
