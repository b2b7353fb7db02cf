namespace HwbpCluster.Benchmarks.Linux;

/// <summary>The machine-wide lock the real-hardware tests hold (tests/Shared/HardwareTestLock.cs), held while a watch is measured.</summary>
/// <remarks>A test collection running meanwhile would take debug-register slots (a CPU-wide event takes one from every task)
/// and share the two CPUs, and the figures would be its noise. Same file, same exclusive open, so either waits for the other.</remarks>
internal sealed class HardwareLock : IDisposable
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "hwbp-hardware-tests.lock");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly FileStream _held;

    /// <summary>Takes the lock, waiting up to 60 s for a test run to finish.</summary>
    /// <exception cref="TimeoutException">Hardware tests held it all that time.</exception>
    public HardwareLock()
    {
        DateTime deadline = DateTime.UtcNow + Patience;
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
                throw new TimeoutException($"hardware tests held {LockPath} for {Patience.TotalSeconds} s; run the benchmark alone", ex);
            }
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _held.Dispose();
}
