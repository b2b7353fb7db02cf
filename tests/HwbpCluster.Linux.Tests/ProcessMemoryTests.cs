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
    public void A_read_cut_short_at_the_end_of_a_mapping_gives_no_value()
    {
        // The last 4 bytes of a readable page followed by a page that cannot be read: the kernel returns 4 of the 8
        // asked for. The second page is replaced in place (MAP_FIXED, PROT_NONE) rather than unmapped, because another
        // thread of this process could map something into an unmapped hole before the read (seen once in CI).
        int page = Environment.SystemPageSize;
        nint two = Mmap(0, 2 * page, ProtReadWrite, MapPrivateAnonymous);
        Assert.Equal(two + page, Mmap(two + page, page, ProtNone, MapPrivateAnonymous | MapFixed));
        try
        {
            ulong lastFour = (ulong)(two + page - 4);
            Assert.True(ProcessMemory.TryRead(Environment.ProcessId, lastFour, stackalloc byte[4]));
            Assert.False(ProcessMemory.TryRead(Environment.ProcessId, lastFour, stackalloc byte[8]));
        }
        finally
        {
            Linux.Internal.NativeMethods.Munmap(two, (nuint)(2 * page));
        }
    }

    private const int ProtNone = 0, ProtReadWrite = 3, MapPrivateAnonymous = 0x22, MapFixed = 0x10;

    private static nint Mmap(nint address, int length, int protection, int flags) =>
        Linux.Internal.NativeMethods.Mmap(address, (nuint)length, protection, flags, -1, 0);
}
