using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Services;

public sealed class GuestTests : IAsyncLifetime
{
    private NodeServer server = null!;
    private NodeClient client = null!;

    public async Task InitializeAsync()
    {
        server = await NodeServer.StartAsync();
        client = server.Client();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_guest_suspends_the_hosts_reservations_on_its_cpu_and_exit_restores_them_exactly()
    {
        var perf = await client.OpenAsync();
        var kvm = await client.OpenAsync(ClientKind.Kvm);
        var reservation = await client.ReserveAsync(perf, Proto.Cpu(1), Proto.Write(0x1000));
        var before = (await client.CallAsync(Api.GetHost, new GetHostRequest())).Cpus[1];

        var entered = await client.CallAsync(Api.EnterGuest, new EnterGuestRequest
        {
            SessionId = kvm, Cpu = 1, GuestBreakpoints = { Proto.Execute(0x5000), Proto.Write(0x6000) },
        });
        Assert.Equal([reservation.Id], entered.SuspendedReservationIds);
        var during = (await client.CallAsync(Api.GetHost, new GetHostRequest())).Cpus[1];
        Assert.Equal(kvm, during.BorrowedBySession);
        Assert.Equal(ReservationState.Suspended, Assert.Single(await client.ListAsync(perf)).State);

        var exited = await client.CallAsync(Api.ExitGuest, new ExitGuestRequest { SessionId = kvm, Cpu = 1 });
        Assert.Equal([reservation.Id], exited.ResumedReservationIds);
        var after = (await client.CallAsync(Api.GetHost, new GetHostRequest())).Cpus[1];
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Only_a_kvm_session_may_enter_a_guest()
    {
        var perf = await client.OpenAsync();
        var ex = await Proto.FailsWith(
            StatusCode.PermissionDenied, () => client.CallAsync(Api.EnterGuest, new EnterGuestRequest { SessionId = perf, Cpu = 0 }));
        Assert.Contains("KVM", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cpu_already_borrowed_fails_the_second_guests_precondition()
    {
        var first = await client.OpenAsync(ClientKind.Kvm);
        var second = await client.OpenAsync(ClientKind.Kvm);
        await client.CallAsync(Api.EnterGuest, new EnterGuestRequest { SessionId = first, Cpu = 2 });
        await Proto.FailsWith(
            StatusCode.FailedPrecondition, () => client.CallAsync(Api.EnterGuest, new EnterGuestRequest { SessionId = second, Cpu = 2 }));
    }

    [Fact]
    public async Task A_guest_on_a_cpu_the_host_does_not_have_is_an_invalid_argument_naming_cpu()
    {
        var kvm = await client.OpenAsync(ClientKind.Kvm);
        var ex = await Proto.FailsWith(
            StatusCode.InvalidArgument, () => client.CallAsync(Api.EnterGuest, new EnterGuestRequest { SessionId = kvm, Cpu = 4 }));
        Assert.StartsWith("cpu:", ex.Status.Detail, StringComparison.Ordinal);
    }
}
