using System.Runtime.InteropServices;

namespace HwbpCluster.Linux.Internal;

/// <summary>The hit reader's epoll instance: the event fds it watches, each under a token, and an eventfd that wakes it.</summary>
/// <remarks>
/// <para>Why epoll and not poll: poll() holds a reference to every file of its set until it returns, so an event closed
/// while the reader sat in poll kept its debug-register slot until then, and a detach had to wake the reader and wait for
/// that poll to return (a cross-thread round trip per release). An epoll registration holds no reference to the file, and
/// EPOLL_CTL_DEL waits (on the instance's mutex) for any scan of the ready list in flight, whose short-lived references
/// it takes and drops under that mutex; so once <see cref="Remove"/> returns, closing the fd is the last reference and
/// frees the slot at once.</para>
/// <para>Tokens name watched fds in the ready list; a token is never reused for another fd, so a ready entry read after its
/// fd was removed (and the number reused) is recognised as stale. <see cref="WakeToken"/> is the eventfd's.</para>
/// </remarks>
internal sealed unsafe class EpollSet : IDisposable
{
    public const uint In = 0x1;
    public const uint Err = 0x8;
    public const uint HangUp = 0x10;
    public const ulong WakeToken = ulong.MaxValue;

    private const int EpollCloexec = 0x80000;
    private const int CtlAdd = 1;
    private const int CtlDel = 2;
    private const int EfdCloexec = 0x80000;
    private const int EfdNonblock = 0x800;

    // struct epoll_event is packed on x86-64 (12 bytes, data at 4) and naturally aligned elsewhere (16 bytes, data at 8).
    private static readonly int Stride = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    private readonly Lock _gate = new();
    private readonly int _epoll;
    private readonly int _wake;
    private readonly byte[] _ready;
    private bool _closed;

    /// <summary>Creates the instance and its wake-up eventfd; throws if the kernel refuses either.</summary>
    /// <param name="capacity">Ready entries one <see cref="Wait"/> returns at most; the rest wait for the next.</param>
    public EpollSet(int capacity)
    {
        _ready = new byte[capacity * Stride];
        _epoll = NativeMethods.EpollCreate1(EpollCloexec);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed with errno {Marshal.GetLastPInvokeError()}");
        }

        _wake = NativeMethods.EventFd(0, EfdCloexec | EfdNonblock);
        int rc = _wake < 0 ? -Marshal.GetLastPInvokeError() : Add(_wake, WakeToken);
        if (rc != 0)
        {
            Dispose();
            throw new InvalidOperationException($"the hit reader's wake-up eventfd failed with errno {-rc}");
        }
    }

    /// <summary>Watches <paramref name="fd"/> for input (hang-ups and errors always) under <paramref name="token"/>; 0 or -errno.</summary>
    public int Add(int fd, ulong token)
    {
        byte* item = stackalloc byte[16];
        *(uint*)item = In;
        *(ulong*)(item + DataOffset) = token;
        return Ctl(CtlAdd, fd, item);
    }

    /// <summary>Stops watching <paramref name="fd"/>; once this returns the instance holds no reference to its file.</summary>
    /// <returns>0 or -errno (-ENOENT when it was not watched).</returns>
    public int Remove(int fd)
    {
        byte* unused = stackalloc byte[16];
        return Ctl(CtlDel, fd, unused);
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for watched fds to be ready; the count (read with <see cref="ReadyAt"/>) or -errno.</summary>
    /// <remarks>Called by the reader thread alone.</remarks>
    public int Wait(int timeoutMs)
    {
        fixed (byte* ready = _ready)
        {
            int n = NativeMethods.EpollWait(_epoll, ready, _ready.Length / Stride, timeoutMs);
            return n < 0 ? -Marshal.GetLastPInvokeError() : n;
        }
    }

    /// <summary>The events and token of the <paramref name="index"/>th entry of the last <see cref="Wait"/>.</summary>
    public (uint Events, ulong Token) ReadyAt(int index)
    {
        int at = index * Stride;
        return (BitConverter.ToUInt32(_ready, at), BitConverter.ToUInt64(_ready, at + DataOffset));
    }

    /// <summary>Makes the current or next <see cref="Wait"/> return at once.</summary>
    public void Wake()
    {
        lock (_gate)
        {
            // Never write to a closed (and possibly reused) descriptor.
            if (!_closed && _wake >= 0)
            {
                ulong one = 1;
                _ = NativeMethods.Write(_wake, &one, sizeof(ulong));
            }
        }
    }

    /// <summary>Clears a wake-up that fired (the eventfd stays ready, level-triggered, until read).</summary>
    public void ClearWake()
    {
        lock (_gate)
        {
            if (!_closed && _wake >= 0)
            {
                ulong drained;
                _ = NativeMethods.Read(_wake, &drained, sizeof(ulong));
            }
        }
    }

    /// <summary>Closes the instance and the eventfd; the fds it watched stay open (they are their owners').</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            if (_wake >= 0)
            {
                _ = NativeMethods.Close(_wake);
            }

            if (_epoll >= 0)
            {
                _ = NativeMethods.Close(_epoll);
            }
        }
    }

    private int Ctl(int operation, int fd, byte* item)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return -Errno.EBADF;
            }

            return NativeMethods.EpollCtl(_epoll, operation, fd, item) == 0 ? 0 : -Marshal.GetLastPInvokeError();
        }
    }
}
