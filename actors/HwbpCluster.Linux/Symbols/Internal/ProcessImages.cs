using System.Globalization;

namespace HwbpCluster.Linux.Symbols.Internal;

/// <summary>The ELF files a process has mapped, the executable first, then the others in load (address) order.</summary>
internal static class ProcessImages
{
    private const string DeletedSuffix = " (deleted)";

    /// <summary>Reads /proc/PID/exe and /proc/PID/maps.</summary>
    /// <exception cref="SymbolException">NoSuchProcess or NotPermitted.</exception>
    public static IReadOnlyList<MappedImage> Of(int pid)
    {
        string proc = "/proc/" + pid.ToString(CultureInfo.InvariantCulture);
        string exe = Read(pid, () => new FileInfo(proc + "/exe").LinkTarget ?? "");
        string[] lines = Read(pid, () => File.ReadAllLines(proc + "/maps"));
        if (exe.Length == 0)
        {
            throw new SymbolException(SymbolErrorKind.NoSuchProcess, $"process {pid} has no executable: it has exited, or it is a kernel thread");
        }

        // Order of first appearance in maps is load order: the loader maps the executable, ld.so, then DT_NEEDED in turn.
        var firstMapping = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (string line in lines)
        {
            string[] f = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 6 || !f[5].StartsWith('/'))
            {
                continue; // anonymous, [heap], [stack], [vdso]
            }

            string path = f[5];
            if (!firstMapping.ContainsKey(path))
            {
                order.Add(path);
            }

            if (ulong.Parse(f[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == 0 && !firstMapping.ContainsKey(path))
            {
                firstMapping[path] = ulong.Parse(f[0].AsSpan(0, f[0].IndexOf('-')), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        string exeInMaps = order.Find(p => p == exe || p == exe + DeletedSuffix) ?? exe;
        var images = new List<MappedImage> { new(exeInMaps, proc + "/exe", Start(firstMapping, exeInMaps), IsExecutable: true) };
        images.AddRange(order.Where(p => p != exeInMaps && !p.EndsWith(DeletedSuffix, StringComparison.Ordinal))
            .Select(p => new MappedImage(p, proc + "/root" + p, Start(firstMapping, p), IsExecutable: false)));
        return images;
    }

    private static ulong? Start(Dictionary<string, ulong> firstMapping, string path) =>
        firstMapping.TryGetValue(path, out ulong start) ? start : null;

    private static T Read<T>(int pid, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SymbolException(SymbolErrorKind.NoSuchProcess, $"no process {pid} on this host: it does not exist or has exited", ex);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new SymbolException(SymbolErrorKind.NotPermitted,
                $"cannot read the executable and maps of process {pid} ({ex.Message}): symbols need ptrace access to the process "
                + "(same user and dumpable, or CAP_SYS_PTRACE)", ex);
        }
    }
}
