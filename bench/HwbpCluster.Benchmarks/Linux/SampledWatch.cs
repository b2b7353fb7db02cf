using System.Diagnostics;
using System.Globalization;
using HwbpCluster.Linux;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>A sampling write watch on the calling thread with a <see cref="HitReader"/> draining its ring, and an account of every hit.</summary>
/// <remarks>Each hit ends up received (read from the hits channel), lost by the kernel (ring full, counted by read()),
/// or dropped by the reader (channel full); anything else after the wait is reported as unaccounted.</remarks>
internal sealed class SampledWatch : IDisposable
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

    private readonly PerfBreakpoint _breakpoint;
    private readonly HitReader _reader = new();
    private ulong _received;
    private ulong _lastLost;
    private ulong _lastDropped;
    private int _lateInvocations;
    private int _waits;
    private long _waitTicks;

    /// <summary>Arms the watch on the calling thread and attaches it to a new reader.</summary>
    public SampledWatch(NativeCell cell, PerfBreakpointOptions options)
    {
        _breakpoint = HardwareWatch.OpenOnCurrentThread(cell, options, out int tid);
        Tid = tid;
        _reader.Attach(_breakpoint);
    }

    /// <summary>The watched thread.</summary>
    public int Tid { get; }

    /// <summary>Consumes hits until every one of <paramref name="expected"/> is accounted for, or 2 s pass.</summary>
    public void WaitForEveryHit(ulong expected)
    {
        long start = Stopwatch.GetTimestamp();
        Drain(expected, start + (long)(DrainLimit.TotalSeconds * Stopwatch.Frequency));
        _waits++;
        _waitTicks += Stopwatch.GetTimestamp() - start;
    }

    /// <summary>Where every hit went: a line for the log, and "missed of hits" for the table's Lost column.</summary>
    public (string Line, string Column) Describe(ulong writes)
    {
        PerfCounters counters = _breakpoint.ReadCounters();
        HitStreamStats stats = _reader.GetStats(_breakpoint) ?? default;
        ulong unaccounted = counters.Hits - Math.Min(counters.Hits, _received + counters.Lost + stats.Dropped);
        ulong missed = counters.Lost + stats.Dropped + unaccounted;
        string line = string.Create(CultureInfo.InvariantCulture,
            $"writes {writes:N0}, kernel hits {counters.Hits:N0}, received {_received:N0}, kernel lost {counters.Lost:N0} "
            + $"({Percent(counters.Lost, counters.Hits)}), reader dropped {stats.Dropped:N0}, throttles {stats.Throttles:N0}, "
            + $"unaccounted {unaccounted:N0}, invocations past the {DrainLimit.TotalSeconds:N0} s wait {_lateInvocations:N0}, "
            + $"mean wait after an invocation's last write {MeanWaitMicroseconds():N1} us");
        return (line, string.Create(CultureInfo.InvariantCulture, $"{missed:N0} of {counters.Hits:N0}"));
    }

    /// <summary>Closes the watch, then stops the reader.</summary>
    public void Dispose()
    {
        _breakpoint.Dispose();
        _reader.Dispose();
    }

    private void Drain(ulong expected, long deadline)
    {
        var spin = new SpinWait();
        while (true)
        {
            while (_reader.Hits.TryRead(out _))
            {
                _received++;
            }

            if (_received + _lastLost + _lastDropped >= expected)
            {
                return;
            }

            // Only when the channel runs dry: read() is a syscall, and losses are rare at these ring sizes.
            _lastLost = _breakpoint.ReadCounters().Lost;
            _lastDropped = _reader.GetStats(_breakpoint)?.Dropped ?? 0;
            if (_received + _lastLost + _lastDropped >= expected)
            {
                return;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                _lateInvocations++;
                return;
            }

            // No Sleep(1): the reader needs the other CPU, not a millisecond of ours.
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    private double MeanWaitMicroseconds() => _waits == 0 ? 0 : _waitTicks * 1e6 / Stopwatch.Frequency / _waits;

    private static string Percent(ulong part, ulong whole) =>
        whole == 0 ? "-" : (100.0 * part / whole).ToString("0.###", CultureInfo.InvariantCulture) + " %";
}
