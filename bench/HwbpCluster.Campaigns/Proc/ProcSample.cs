namespace HwbpCluster.Campaigns.Proc;

/// <summary>One reading of a process's resident memory and open file descriptors.</summary>
/// <param name="Elapsed">Time since sampling began.</param>
/// <param name="RssBytes">Resident set size (VmRSS).</param>
/// <param name="OpenFds">Entries in /proc/PID/fd.</param>
public sealed record ProcSample(TimeSpan Elapsed, long RssBytes, int OpenFds);
