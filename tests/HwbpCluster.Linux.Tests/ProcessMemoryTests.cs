using System.Buffers.Binary;
using HwbpCluster.Linux.Tests.Support;
using HwbpCluster.Linux.Tests.Symbols;

namespace HwbpCluster.Linux.Tests;

/// <summary>process_vm_readv on a live child: the value when every byte is readable, "no value" otherwise.</summary>
public sealed class ProcessMemoryTests(SymbolTargets targets) : IClassFixture<SymbolTargets>
{
    [GccFact]
    public void Reads_a_live_childs_variables_at_their_widths()
    {
        using var program = RunningProgram.Start(targets.Pie);
        Span<byte> eight = stackalloc byte[8];
        Span<byte> four = stackalloc byte[4];

        Assert.True(ProcessMemory.TryRead(program.Pid, program.Addresses["counter"], eight));
        Assert.True(ProcessMemory.TryRead(program.Pid, program.Addresses["hidden"], four));

        Assert.Equal(5L, BinaryPrimitives.ReadInt64LittleEndian(eight));
        Assert.Equal(7, BinaryPrimitives.ReadInt32LittleEndian(four));
    }

    [GccFact]
    public void An_unmapped_address_gives_no_value()
    {
        using var program = RunningProgram.Start(targets.Pie);

        Assert.False(ProcessMemory.TryRead(program.Pid, 0x10, stackalloc byte[8]));
    }

    [GccFact]
    public void A_process_that_has_exited_gives_no_value()
    {
        var program = RunningProgram.Start(targets.Pie);
        int pid = program.Pid;
        ulong counter = program.Addresses["counter"];
        program.Dispose();

        Assert.False(ProcessMemory.TryRead(pid, counter, stackalloc byte[8]));
    }

    [Fact]
    public unsafe void A_read_cut_short_at_the_end_of_a_mapping_gives_no_value()
    {
        // The last 4 bytes of a mapping followed by an unmapped page: the kernel returns 4 of the 8 asked for.
        int page = Environment.SystemPageSize;
        nint two = Mmap(2 * page);
        Assert.Equal(0, Munmap(two + page, page));
        try
        {
            ulong lastFour = (ulong)(two + page - 4);
            Assert.True(ProcessMemory.TryRead(Environment.ProcessId, lastFour, stackalloc byte[4]));
            Assert.False(ProcessMemory.TryRead(Environment.ProcessId, lastFour, stackalloc byte[8]));
        }
        finally
        {
            Munmap(two, page);
        }
    }

    private static nint Mmap(int length) =>
        Linux.Internal.NativeMethods.Mmap(0, (nuint)length, 3 /* PROT_READ|WRITE */, 0x22 /* MAP_PRIVATE|ANONYMOUS */, -1, 0);

    private static int Munmap(nint address, int length) => Linux.Internal.NativeMethods.Munmap(address, (nuint)length);
}
