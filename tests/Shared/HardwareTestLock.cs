namespace HwbpCluster.Testing;

/// <summary>A machine-wide lock held while a test collection uses the real debug registers.</summary>
/// <remarks>
/// `dotnet test` runs test assemblies in parallel processes, and a CPU-wide perf event takes a slot from every task on its
/// CPU, so one assembly's hardware tests could take the slots another's expect to find free. Every collection that arms
/// real breakpoints holds this lock (an exclusive open of one file, enforced by the OS) for its whole run; the hit-rate
/// benchmark holds it too, so neither measures the other's noise.
/// </remarks>
public sealed class HardwareTestLock : IDisposable
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "hwbp-hardware-tests.lock");
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private readonly FileStream _held;

    /// <summary>Takes the lock, waiting up to five minutes for whoever holds it.</summary>
    /// <exception cref="TimeoutException">Another run held it all that time.</exception>
    public HardwareTestLock()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                _held = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
            catch (IOException ex)
            {
                throw new TimeoutException($"another run held {LockPath} for {Patience.TotalMinutes} minutes", ex);
            }
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _held.Dispose();
}
