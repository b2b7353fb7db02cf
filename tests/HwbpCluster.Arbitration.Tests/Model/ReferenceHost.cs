namespace HwbpCluster.Arbitration.Tests.Model;

/// <summary>
/// The naive reference of Linux's admission rule: a flat list of counted breakpoints, every count recomputed by brute force.
/// Everything fast in the arbitration core is checked against this.
/// </summary>
internal sealed class ReferenceHost(ArchProfile profile)
{
    private readonly List<Entry> _entries = [];

    public ArchProfile Profile { get; } = profile;

    public IReadOnlyList<Entry> Entries => _entries;

    public int CpuPinned(int cpu, Pool pool) =>
        _entries.Count(e => e.Pool == pool && (e.Scope.Kind == ScopeKind.AllCpus || (e.Scope.Kind == ScopeKind.Cpu && e.Scope.Cpu == cpu)));

    public int Cnt(long task, int cpu, Pool pool) =>
        _entries.Count(e => e.Pool == pool && e.Scope.IsTaskBound && e.Scope.TaskId == task
            && (e.Scope.Kind == ScopeKind.Task || e.Scope.Cpu == cpu));

    public int MaxCnt(int cpu, Pool pool) =>
        _entries.Where(e => e.Scope.IsTaskBound).Select(e => e.Scope.TaskId).Distinct()
            .Select(t => Cnt(t, cpu, pool)).DefaultIfEmpty(0).Max();

    /// <summary>Linux's rule, word for word from DOMAIN.md.</summary>
    public bool Fits(Scope scope, Pool pool)
    {
        var slots = Profile.Slots(pool);
        var cpus = Enumerable.Range(0, Profile.CpuCount);
        return scope.Kind switch
        {
            ScopeKind.Cpu => CpuPinned(scope.Cpu, pool) + MaxCnt(scope.Cpu, pool) + 1 <= slots,
            ScopeKind.AllCpus => cpus.All(c => CpuPinned(c, pool) + MaxCnt(c, pool) + 1 <= slots),
            ScopeKind.Task => cpus.Max(c => CpuPinned(c, pool) + Cnt(scope.TaskId, c, pool)) + 1 <= slots,
            _ => CpuPinned(scope.Cpu, pool) + Cnt(scope.TaskId, scope.Cpu, pool) + 1 <= slots,
        };
    }

    public bool TryAdd(long id, Scope scope, Pool pool, bool inherit = false)
    {
        if (!Fits(scope, pool))
        {
            return false;
        }

        _entries.Add(new Entry(id, scope, pool, inherit));
        return true;
    }

    /// <summary>Adds without checking (to rebuild a state the fast side reached).</summary>
    public void ForceAdd(long id, Scope scope, Pool pool) => _entries.Add(new Entry(id, scope, pool, false));

    public bool Remove(long id) => _entries.RemoveAll(e => e.Id == id) > 0;

    public void RemoveTask(long task) => _entries.RemoveAll(e => e.Scope.IsTaskBound && e.Scope.TaskId == task);

    internal sealed record Entry(long Id, Scope Scope, Pool Pool, bool Inherit);
}
