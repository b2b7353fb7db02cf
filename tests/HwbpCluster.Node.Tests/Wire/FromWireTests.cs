using Grpc.Core;
using HwbpCluster.Arbitration;
using HwbpCluster.Node.Wire;
using V1 = HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Wire;

public sealed class FromWireTests
{
    private static readonly ArchProfile FourCpus = ArchProfile.X86_64(4);

    [Fact]
    public void A_reserve_request_becomes_the_hosts_command()
    {
        var command = FromWire.Reserve(
            new V1.ReserveRequest
            {
                Scope = new V1.Scope { TaskOnCpu = new V1.TaskOnCpuTarget { Tid = 7, Cpu = 3 } },
                Breakpoint = new V1.Breakpoint { Address = 0x1000, Length = 4, Access = V1.Access.ReadWrite },
                Pinned = true,
                Inherit = true,
                Label = "x",
                WaitMs = 250,
            },
            FourCpus);
        Assert.Equal(Scope.ForTaskOnCpu(7, 3), command.Scope);
        Assert.Equal(new BreakpointSpec(0x1000, 4, Access.ReadWrite), command.Spec);
        Assert.True(command.Pinned && command.Inherit);
        Assert.Equal(("x", TimeSpan.FromMilliseconds(250)), (command.Label, command.Wait));
    }

    public static TheoryData<V1.ReserveRequest, string> Malformed => new()
    {
        { new V1.ReserveRequest { Breakpoint = Bp(V1.Access.Write) }, "scope:" },
        { new V1.ReserveRequest { Scope = Cpu(0) }, "breakpoint:" },
        { new V1.ReserveRequest { Scope = Cpu(0), Breakpoint = Bp(V1.Access.Unspecified) }, "breakpoint.access:" },
        { new V1.ReserveRequest { Scope = Cpu(4), Breakpoint = Bp(V1.Access.Write) }, "scope.cpu.cpu:" },
        { new V1.ReserveRequest { Scope = Task(0), Breakpoint = Bp(V1.Access.Write) }, "scope.task.tid:" },
        {
            new V1.ReserveRequest { Scope = TaskOnCpu(1, 9), Breakpoint = Bp(V1.Access.Write) },
            "scope.task_on_cpu.cpu:"
        },
        { new V1.ReserveRequest { Scope = Cpu(0), Breakpoint = new V1.Breakpoint { Access = V1.Access.Write } }, "breakpoint.length:" },
        { new V1.ReserveRequest { Scope = Cpu(0), Breakpoint = BySymbol("counter") }, "breakpoint.symbol:" },
        { new V1.ReserveRequest { Scope = Task(5), Breakpoint = Bp(V1.Access.Write, "counter") }, "breakpoint.symbol:" },
    };

    [Theory]
    [InlineData("task")]
    [InlineData("task_on_cpu")]
    [InlineData("process")]
    public void A_symbol_is_carried_to_the_host_with_address_0_and_length_0_for_the_symbols_own_size(string scope)
    {
        var wire = scope switch
        {
            "task" => Task(5),
            "task_on_cpu" => TaskOnCpu(5, 1),
            _ => new V1.Scope { Process = new V1.ProcessTarget { Pid = 5 } },
        };

        var command = FromWire.Reserve(new V1.ReserveRequest { Scope = wire, Breakpoint = BySymbol("counter+8") }, FourCpus);

        Assert.Equal("counter+8", command.Symbol);
        Assert.Equal(new BreakpointSpec(0, 0, Access.Write), command.Spec);
    }

    [Fact]
    public void A_symbol_outside_reserve_is_an_invalid_argument()
    {
        var ex = Assert.Throws<RpcException>(() => FromWire.Breakpoint(BySymbol("counter"), "breakpoint"));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("breakpoint.symbol:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_request_is_an_invalid_argument_naming_the_field(V1.ReserveRequest request, string field)
    {
        var ex = Assert.Throws<RpcException>(() => FromWire.Reserve(request, FourCpus));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith(field, ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_client_kind_is_an_invalid_argument_naming_the_field()
    {
        Assert.Equal(ClientKind.Kvm, FromWire.Kind(V1.ClientKind.Kvm));
        var ex = Assert.Throws<RpcException>(() => FromWire.Kind((V1.ClientKind)99));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("client_kind:", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Throws<RpcException>(() => FromWire.Kind(V1.ClientKind.Unspecified));
    }

    private static V1.Scope Cpu(uint cpu) => new() { Cpu = new V1.CpuTarget { Cpu = cpu } };

    private static V1.Scope Task(ulong tid) => new() { Task = new V1.TaskTarget { Tid = tid } };

    private static V1.Scope TaskOnCpu(ulong tid, uint cpu) => new() { TaskOnCpu = new V1.TaskOnCpuTarget { Tid = tid, Cpu = cpu } };

    private static V1.Breakpoint Bp(V1.Access access, string symbol = "") =>
        new() { Address = 0x1000, Length = 8, Access = access, Symbol = symbol };

    private static V1.Breakpoint BySymbol(string symbol) => new() { Access = V1.Access.Write, Symbol = symbol };
}
