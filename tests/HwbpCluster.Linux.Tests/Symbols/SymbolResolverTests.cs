using HwbpCluster.Linux.Symbols;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Symbols;

/// <summary>The resolver against programs gcc builds here, which print the real addresses of what they define.</summary>
public sealed class SymbolResolverTests(SymbolTargets targets) : IClassFixture<SymbolTargets>
{
    [GccFact]
    public void Pie_globals_statics_and_functions_resolve_to_their_live_addresses()
    {
        using var program = RunningProgram.Start(targets.Pie);

        ResolvedSymbol counter = Resolve(program, "counter");
        ResolvedSymbol hidden = Resolve(program, "hidden");
        ResolvedSymbol main = Resolve(program, "main", access: BreakpointAccess.Execute);

        Assert.Equal((program.Addresses["counter"], 8, targets.Pie), (counter.Address, counter.Length, counter.Image));
        Assert.Equal((program.Addresses["hidden"], 4), (hidden.Address, hidden.Length));
        Assert.Equal(program.Addresses["main"], main.Address);
    }

    [GccFact]
    public void Non_pie_executable_resolves_with_no_load_bias()
    {
        using var program = RunningProgram.Start(targets.NonPie);

        Assert.Equal(program.Addresses["counter"], Resolve(program, "counter").Address);
        Assert.Equal(program.Addresses["hidden"], Resolve(program, "hidden").Address);
        Assert.True(program.Addresses["counter"] < 0x1_0000_0000, "a non-PIE executable loads at its link address, low in memory");
    }

    [GccFact]
    public void A_shared_library_static_resolves_in_the_library_with_its_own_bias()
    {
        using var program = RunningProgram.Start(targets.Pie);

        ResolvedSymbol resolved = Resolve(program, "lib_private");

        Assert.Equal(program.Addresses["lib_private"], resolved.Address);
        Assert.EndsWith("/libtarget.so", resolved.Image, StringComparison.Ordinal);
    }

    [GccFact]
    public void A_library_global_the_executable_uses_resolves_to_the_live_copy_the_program_writes()
    {
        using var program = RunningProgram.Start(targets.NonPie);

        // The non-PIE executable copy-relocates lib_value; the library's own symbol would point at the stale original.
        ResolvedSymbol resolved = Resolve(program, "lib_value");

        Assert.Equal(program.Addresses["lib_value"], resolved.Address);
        Assert.Equal(targets.NonPie, resolved.Image);
    }

    [GccFact]
    public void An_offset_with_a_length_watches_part_of_a_larger_symbol()
    {
        using var program = RunningProgram.Start(targets.Pie);

        ResolvedSymbol part = SymbolResolver.Resolve(program.Pid, SymbolReference.Parse("buffer+0x8"), 8, BreakpointAccess.Write);

        Assert.Equal((program.Addresses["buffer"] + 8, 8), (part.Address, part.Length));
    }

    [GccFact]
    public void A_symbol_no_slot_covers_is_refused_asking_for_a_length()
    {
        using var program = RunningProgram.Start(targets.Pie);

        SymbolException error = Assert.Throws<SymbolException>(() => Resolve(program, "buffer"));

        Assert.Equal(SymbolErrorKind.DoesNotFit, error.Kind);
        Assert.Contains("24 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("give a length", error.Message, StringComparison.Ordinal);
    }

    [GccFact]
    public void A_thread_local_variable_is_refused()
    {
        using var program = RunningProgram.Start(targets.Pie);

        SymbolException error = Assert.Throws<SymbolException>(() => Resolve(program, "per_thread"));

        Assert.Equal(SymbolErrorKind.ThreadLocal, error.Kind);
    }

    [GccFact]
    public void A_stripped_executable_says_it_is_stripped_and_what_to_do()
    {
        using var program = RunningProgram.Start(targets.Stripped);

        SymbolException error = Assert.Throws<SymbolException>(() => Resolve(program, "counter"));

        Assert.Equal(SymbolErrorKind.NotFound, error.Kind);
        Assert.Contains("stripped", error.Message, StringComparison.Ordinal);
        Assert.Contains("-rdynamic", error.Message, StringComparison.Ordinal);
        Assert.Contains("raw address", error.Message, StringComparison.Ordinal);
    }

    [GccFact]
    public void A_stripped_executable_linked_with_rdynamic_still_resolves_its_globals_but_not_its_statics()
    {
        using var program = RunningProgram.Start(targets.StrippedDynamic);

        Assert.Equal(program.Addresses["counter"], Resolve(program, "counter").Address);
        Assert.Equal(SymbolErrorKind.NotFound, Assert.Throws<SymbolException>(() => Resolve(program, "hidden")).Kind);
    }

    [Fact]
    public void A_process_that_does_not_exist_is_reported_as_such()
    {
        SymbolException error = Assert.Throws<SymbolException>(
            () => SymbolResolver.Resolve(int.MaxValue, SymbolReference.Parse("counter"), 0, BreakpointAccess.Write));

        Assert.Equal(SymbolErrorKind.NoSuchProcess, error.Kind);
    }

    private static ResolvedSymbol Resolve(RunningProgram program, string symbol, BreakpointAccess access = BreakpointAccess.Write) =>
        SymbolResolver.Resolve(program.Pid, SymbolReference.Parse(symbol), 0, access);
}
