/* The baseline of LinuxReserveBenchmarks: arming and disarming one hardware write breakpoint on a thread, nothing else.
   Built with gcc -O2 -shared by the benchmark's setup and called in process, so both sides of the ratio run in one run. */
#include <errno.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Opens and closes the breakpoint `times` times; 0, or minus the errno of the first refusal. */
int open_close(int tid, unsigned long long address, int times)
{
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.type = PERF_TYPE_BREAKPOINT;
    attr.size = sizeof attr;
    attr.bp_type = HW_BREAKPOINT_W;
    attr.bp_addr = address;
    attr.bp_len = HW_BREAKPOINT_LEN_8;
    attr.sample_period = 1;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    for (int i = 0; i < times; i++) {
        long fd = syscall(SYS_perf_event_open, &attr, tid, -1, -1, PERF_FLAG_FD_CLOEXEC);
        if (fd < 0) {
            return -errno;
        }
        close((int)fd);
    }
    return 0;
}
