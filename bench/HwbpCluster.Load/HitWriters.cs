using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using HwbpCluster.Linux;
using HwbpCluster.Testing;

namespace HwbpCluster.Load;

/// <summary>The watched loop of <see cref="HitRate"/>: one thread that stores 1..N to an 8-byte cell when asked, timed.</summary>
internal interface IHitWriter : IDisposable
{
    /// <summary>The writing thread: what the watches target.</summary>
    int Tid { get; }

    /// <summary>The cell's address in the writer's process.</summary>
    ulong Address { get; }

    /// <summary>Stores 1..<paramref name="writes"/> to the cell; the time the stores took.</summary>
    Task<TimeSpan> WriteAsync(int writes);

    /// <summary>CPU this process (the node and the client) has used on every thread but the writer.</summary>
    TimeSpan OthersCpu();
}

/// <summary>How the tool runs the writer.</summary>
internal static class HitWriters
{
    /// <summary><c>process</c> (a C program of its own, as a watched program is) or <c>thread</c> (a thread of this process).</summary>
    public static IHitWriter Start(string kind) => kind switch
    {
        "process" => new WriterProcess(),
        "thread" => new WriterThread(),
        _ => throw new ArgumentException($"the writer is a process or a thread, not \"{kind}\"", nameof(kind)),
    };
}

/// <summary>
/// The writer as a program of its own (Native/hit_writer.c, built with gcc here), as the programs a node watches are: the
/// node's collections and memory unmapping then stop or interrupt only the node's threads, not the writer.
/// </summary>
internal sealed class WriterProcess : IHitWriter
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hwbp-hit-writer-").FullName;
    private readonly Process _process;

    public WriterProcess()
    {
        try
        {
            string program = Path.Combine(_directory, "hit_writer");
            NativeTool.Run("gcc", ["-O2", "-Wall", "-Werror", "-o", program, Path.Combine(AppContext.BaseDirectory, "Native", "hit_writer.c")]);
            _process = Process.Start(new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true })
                ?? throw new InvalidOperationException("the writer program did not start");
            Address = ulong.Parse(
                _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the writer program ended"), CultureInfo.InvariantCulture);
        }
        catch
        {
            Directory.Delete(_directory, recursive: true);
            throw;
        }
    }

    public int Tid => _process.Id;

    public ulong Address { get; }

    public async Task<TimeSpan> WriteAsync(int writes)
    {
        await _process.StandardInput.WriteLineAsync(writes.ToString(CultureInfo.InvariantCulture));
        await _process.StandardInput.FlushAsync();
        string line = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the writer program ended");
        return TimeSpan.FromTicks(long.Parse(line, CultureInfo.InvariantCulture) / 100);
    }

    public TimeSpan OthersCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            _process.Kill();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>
/// The writer as a dedicated thread of this process storing to a native cell (native, so the GC never moves it from under
/// the breakpoint). It shares the node's process, so the node's collections suspend it and its unmapping interrupts it.
/// </summary>
internal sealed unsafe class WriterThread : IHitWriter
{
    private readonly long* _cell = (long*)NativeMemory.AlignedAlloc(64, 64);
    private readonly System.Collections.Concurrent.BlockingCollection<(int Writes, TaskCompletionSource<TimeSpan> Done)> _work = [];
    private readonly TaskCompletionSource<int> _tid = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;

    public WriterThread()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "hit-rate writer" };
        _thread.Start();
        Tid = _tid.Task.GetAwaiter().GetResult();
    }

    public int Tid { get; }

    public ulong Address => (ulong)_cell;

    public Task<TimeSpan> WriteAsync(int writes)
    {
        var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add((writes, done));
        return done.Task;
    }

    public TimeSpan OthersCpu()
    {
        using var process = Process.GetCurrentProcess();
        TimeSpan writer = process.Threads.Cast<ProcessThread>().Single(t => t.Id == Tid).TotalProcessorTime;
        return process.TotalProcessorTime - writer;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
        NativeMemory.AlignedFree(_cell);
    }

    private void Run()
    {
        _tid.SetResult(LinuxThreads.CurrentTid());
        foreach ((int writes, TaskCompletionSource<TimeSpan> done) in _work.GetConsumingEnumerable())
        {
            long start = Stopwatch.GetTimestamp();
            for (long i = 1; i <= writes; i++)
            {
                Volatile.Write(ref *_cell, i);
            }

            done.SetResult(Stopwatch.GetElapsedTime(start));
        }
    }
}
