namespace HwbpCluster.Testing;

/// <summary>A machine-wide lock held while a test collection uses the real debug registers.</summary>
/// <remarks>
/// `dotnet test` runs test assemblies in parallel processes, and a CPU-wide perf event takes a slot from every task on its
/// CPU, so one assembly's hardware tests could take the slots another's expect to find free. Every collection that arms
/// real breakpoints holds this lock (an exclusive open of one file in the machine's temp folder, enforced by the OS) for
/// its whole run, and so does each process's hardware probe; the hit-rate benchmark holds it too. A second test run on the
/// same machine (another clone) takes the same file, so it waits for the first rather than failing.
/// <para>Within one process the lock is shared: the probe may run while this process's own collection holds it.</para>
/// </remarks>
public sealed class HardwareTestLock : IDisposable
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "hwbp-hardware-tests.lock");

    // Longer than any one suite's hardware tests take, so a second run waits for a first; short of CI's own limit.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Notice = TimeSpan.FromSeconds(10);
    private static readonly Lock Gate = new();
    private static FileStream? s_held;
    private static int s_holders;
    private bool _released;

    /// <summary>Takes the lock, waiting up to thirty minutes for another process that holds it (saying so on stderr after ten seconds).</summary>
    /// <exception cref="TimeoutException">Another run held it all that time.</exception>
    public HardwareTestLock()
    {
        lock (Gate)
        {
            s_held ??= Acquire();
            s_holders++;
        }
    }

    /// <summary>Releases this holder's share; the file is unlocked when the last holder in the process releases.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (_released)
            {
                return;
            }

            _released = true;
            if (--s_holders == 0)
            {
                s_held!.Dispose();
                s_held = null;
            }
        }
    }

    private static FileStream Acquire()
    {
        var started = DateTime.UtcNow;
        var told = false;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow - started < Patience)
            {
                if (!told && DateTime.UtcNow - started > Notice)
                {
                    Console.Error.WriteLine($"waiting for {LockPath}: another test run on this machine is using the debug registers");
                    told = true;
                }

                Thread.Sleep(100);
            }
            catch (IOException ex)
            {
                throw new TimeoutException($"another run held {LockPath} for {Patience.TotalMinutes} minutes", ex);
            }
        }
    }
}
