using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>A process scope: one inherited task reservation per task of the process, all or nothing, with the listing race closed.</summary>
/// <remarks>
/// <para>This is how the kernel arms a process too (one event per existing thread, with inherit), so what is counted and
/// what is armed stay the same: each task of the process holds one task-bound breakpoint in Linux's rule, a task it
/// creates later gets its inherited copy at fork (refused with the fork when the copy finds no room, as the kernel fails
/// a fork whose event inheritance fails), and an exiting task gives its copy back.</para>
/// <para>The tasks are listed, then reserved one by one; a task forked meanwhile by a task already reserved holds an
/// inherited copy, one forked by a task not yet reserved has none and is reserved on the next pass; passes repeat until
/// one finds nothing uncovered (LINUX.md §4, option b). A task that exits before its turn is skipped. Any other refusal
/// releases what was reserved and is the answer.</para>
/// </remarks>
internal sealed partial class HostFacade
{
    private const int MaxProcessPasses = 1_000;

    private async Task<ReservationView> ReserveProcessAsync(string sessionId, ReserveCommand command, CancellationToken cancellationToken)
    {
        long pid = command.Scope.ProcessId;
        ReservationView? first = null;
        var reserved = new HashSet<long>();
        try
        {
            for (int pass = 0; pass < MaxProcessPasses; pass++)
            {
                IReadOnlyList<long> tasks = await Call<IReadOnlyList<long>>(r => new HostMsg.ProcessTasks(sessionId, command, r), cancellationToken);
                if (tasks.Count == 0 && first is null)
                {
                    throw new HostException(HostError.NotFound, $"process {pid} has no task on host {Name}");
                }

                HashSet<long> covered = first is null ? [] : await CoveredAsync(sessionId, first.Id, cancellationToken);
                long[] fresh = [.. tasks.Where(t => !covered.Contains(t) && !reserved.Contains(t))];
                if (fresh.Length == 0)
                {
                    return first! with { Scope = command.Scope, Inherit = true };
                }

                foreach (long tid in fresh)
                {
                    var member = command with
                    {
                        Scope = Scope.ForProcessTask(tid),
                        Inherit = true,
                        Process = new ProcessMembership(pid, first?.Id ?? 0),
                    };
                    reserved.Add(tid);
                    try
                    {
                        ReservationView granted = await ReserveAsync(sessionId, member, cancellationToken);
                        first ??= granted;
                    }
                    catch (HostException ex) when (ex.Error == HostError.NotFound && ex.Message.StartsWith($"task {tid} ", StringComparison.Ordinal))
                    {
                        // It exited before its turn: nothing to cover.
                    }
                }
            }

            throw new HostException(HostError.Unavailable, $"process {pid} kept creating tasks faster than they could be reserved ({MaxProcessPasses} passes)");
        }
        catch when (first is not null)
        {
            await ReleaseQuietlyAsync(sessionId, first.Id);
            throw;
        }
    }

    /// <inheritdoc/>
    public Task CheckProcessAsync(string sessionId, ReserveCommand command, CancellationToken cancellationToken = default) =>
        Call<IReadOnlyList<long>>(r => new HostMsg.ProcessTasks(sessionId, command, r), cancellationToken);

    // The tasks that hold a reservation of the group (reserved, or inherited at a fork).
    private async Task<HashSet<long>> CoveredAsync(string sessionId, long group, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReservationView> views = await ListReservationsAsync(sessionId, cancellationToken);
        return [.. views.Where(v => v.Process?.Group == group).Select(v => v.Scope.TaskId)];
    }

    // Releasing any live member releases the group (the first may have gone with its task).
    private async Task ReleaseQuietlyAsync(string sessionId, long group)
    {
        try
        {
            IReadOnlyList<ReservationView> views = await ListReservationsAsync(sessionId, CancellationToken.None);
            if (views.FirstOrDefault(v => v.Process?.Group == group) is { } live)
            {
                await ReleaseAsync(sessionId, live.Id, CancellationToken.None);
            }
        }
        catch (HostException)
        {
            // The session closed or the host left: it gave everything back itself.
        }
    }
}
