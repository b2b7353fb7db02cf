using HwbpCluster.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Demo.Story;

/// <summary>perf's flexible breakpoints: more than the CPU has slots, multiplexed in time slices, each with its time_running.</summary>
internal sealed class PerfAct : IAct
{
    private const string Host = "alpha-0";
    private const uint Cpu = 1;
    private const int Count = 6;

    public string Step => "perf";

    public string Title => $"perf multiplexes {Count} flexible breakpoints on the 4 slots of cpu {Cpu} ({Host})";

    public async Task<string> RunAsync(StoryContext story)
    {
        var client = story.Client(0);
        var ct = story.Cancellation;
        var first = story.UserAddress(0x5566_0000_0000);
        await using var perf = await client.OpenSessionAsync("perf stat", ClientKind.Perf, TimeSpan.FromSeconds(5), ct);
        for (var i = 0u; i < Count; i++)
        {
            var request = new ReserveRequest
            {
                Host = Host, Scope = Scopes.Cpu(Cpu), Pinned = false, Label = $"mem:{i}",
                Breakpoint = new Breakpoint { Address = first + (i * 0x40), Length = 8, Access = Access.Write },
            };
            var flexible = await perf.ReserveAsync(request, ct);
            story.Writer.Say($"perf stat -e mem:0x{request.Breakpoint.Address:x}/8:w -C {Cpu}: {flexible.Id} {Describe.State(flexible.State)}");
        }

        var slices = TimeSpan.FromMilliseconds(400);
        await story.Writer.WaitAsync($"letting the rotation run {Describe.Ms(slices)} (4 ms slices)", async () =>
        {
            await Task.Delay(slices, ct);
            return true;
        });

        var listed = await perf.ListReservationsAsync(ct);
        StepFailedException.Expect(listed.Count == Count, $"perf's session lists {listed.Count} reservations, not {Count}");
        var share = 0.0;
        foreach (var r in listed.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            StepFailedException.Expect(r.State == ReservationState.Multiplexed, $"{r.Id} is {Describe.State(r.State)}, not multiplexed");
            StepFailedException.Expect(r.TimeRunningNs > 0 && r.TimeRunningNs < r.TimeEnabledNs,
                $"{r.Id}: time_running {r.TimeRunningNs} ns should be above 0 and below time_enabled {r.TimeEnabledNs} ns");
            var ratio = (double)r.TimeRunningNs / r.TimeEnabledNs;
            share += ratio;
            story.Writer.Say($"{r.Id} multiplexed: time_running {r.TimeRunningNs / 1e6:0} ms of time_enabled {r.TimeEnabledNs / 1e6:0} ms ({ratio:P0})");
        }

        story.Figures.Add(("perf: 6 on 4 slots, running share", $"{share / Count:P0} each, {share:0.00} slots busy"));
        return $"perf: {Count} flexible breakpoints take turns, each running {share / Count:P0} of the time ({share:0.00} of 4 slots busy)";
    }
}
