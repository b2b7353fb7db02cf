using HwbpCluster.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Demo.Story;

/// <summary>A KVM guest borrows a CPU's debug registers: the host's reservations there are suspended, and DR7 comes back exactly.</summary>
internal sealed class GuestAct : IAct
{
    private const string Host = "alpha-1";
    private const uint Cpu = 1;

    public string Step => "kvm";

    public string Title => $"a KVM guest borrows cpu {Cpu} of {Host}, and DR7 is restored";

    public async Task<string> RunAsync(StoryContext story)
    {
        var client = story.Client(0);
        var ct = story.Cancellation;
        var first = story.UserAddress(0x5588_0000_0000);
        await using var perf = await client.OpenSessionAsync("perf", ClientKind.Perf, TimeSpan.FromSeconds(5), ct);
        var held = new List<string>
        {
            (await perf.ReserveAsync(Scopes.Cpu(Cpu), new Breakpoint { Address = first, Length = 8, Access = Access.Write }, Host, ct)).Id,
            (await perf.ReserveAsync(Scopes.Cpu(Cpu), new Breakpoint { Address = first + 0x40, Length = 4, Access = Access.ReadWrite }, Host, ct)).Id,
        };
        var before = await CpuAsync(client, ct);
        StepFailedException.Expect(before.Dr7 != 0, $"cpu {Cpu}'s DR7 is 0 with two breakpoints armed");
        story.Writer.Say($"host: {string.Join(", ", held)} armed on cpu {Cpu}: {Describe.Slots(before)}; DR7 0x{before.Dr7:x}");

        await using var kvm = await client.OpenSessionAsync("qemu-kvm vcpu1", ClientKind.Kvm, TimeSpan.FromSeconds(5), ct);
        Breakpoint[] guest = [new() { Address = 0x40_1000, Length = 1, Access = Access.Execute }];
        var suspended = await kvm.EnterGuestAsync(Host, Cpu, guest, ct);
        StepFailedException.Expect(suspended.Order().SequenceEqual(held.Order()),
            $"entering the guest suspended [{string.Join(", ", suspended)}], not [{string.Join(", ", held)}]");
        var during = await CpuAsync(client, ct);
        StepFailedException.Expect(during.BorrowedBySession == kvm.Id, $"cpu {Cpu} is borrowed by '{during.BorrowedBySession}', not {kvm.Id}");
        StepFailedException.Expect(during.Dr7 != before.Dr7, $"the guest's DR7 is the host's 0x{before.Dr7:x}");
        story.Writer.Say($"guest enters on cpu {Cpu} with its own exec breakpoint at 0x401000: suspended {string.Join(", ", suspended)}; DR7 0x{during.Dr7:x} (the guest's)");

        var resumed = await kvm.ExitGuestAsync(Host, Cpu, ct);
        var after = await CpuAsync(client, ct);
        StepFailedException.Expect(resumed.Order().SequenceEqual(held.Order()), $"exiting the guest resumed [{string.Join(", ", resumed)}]");
        StepFailedException.Expect(after.Dr7 == before.Dr7 && string.IsNullOrEmpty(after.BorrowedBySession),
            $"after the guest, DR7 is 0x{after.Dr7:x} (before 0x{before.Dr7:x}), borrowed by '{after.BorrowedBySession}'");
        story.Writer.Say($"guest exits: resumed {string.Join(", ", resumed)}; DR7 0x{after.Dr7:x}, as before");

        story.Figures.Add(("DR7 before / in the guest / after", $"0x{before.Dr7:x} / 0x{during.Dr7:x} / 0x{after.Dr7:x}"));
        return $"kvm: the guest borrowed cpu {Cpu} (2 perf breakpoints suspended), and DR7 0x{after.Dr7:x} was restored exactly";
    }

    private static async Task<CpuView> CpuAsync(HwbpClient client, CancellationToken ct) =>
        (await client.GetHostAsync(Host, ct)).Cpus.Single(c => c.Cpu == Cpu);
}
