namespace HwbpCluster.Linux.Symbols.Internal;

/// <summary>A file mapped into a process, with the start of its mapping at file offset 0 (where its load bias is measured).</summary>
/// <param name="Path">The path /proc/PID/maps shows.</param>
/// <param name="OpenPath">The path to read it through (/proc/PID/exe for the executable, which works even if deleted).</param>
/// <param name="FirstMapping">Start of the first mapping of the file at offset 0; null if none was found.</param>
/// <param name="IsExecutable">The process's main executable.</param>
internal sealed record MappedImage(string Path, string OpenPath, ulong? FirstMapping, bool IsExecutable);
