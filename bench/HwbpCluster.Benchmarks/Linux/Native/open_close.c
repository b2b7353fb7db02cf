/* The baseline of LinuxReserveBenchmarks: arming and disarming one hardware write breakpoint on a thread, nothing else.
   Built with gcc -O2 -shared by the benchmark's setup and called in process, so both sides of the ratio run in one run.
   Two more functions split the host's kernel work from the rest: the same breakpoint with its own ring, as the host arms
   it, and with a ring shared per task, the alternative measured for issue 11. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static void breakpoint_attr(struct perf_event_attr *attr, unsigned long long address)
{
    memset(attr, 0, sizeof *attr);
    attr->type = PERF_TYPE_BREAKPOINT;
    attr->size = sizeof *attr;
    attr->bp_type = HW_BREAKPOINT_W;
    attr->bp_addr = address;
    attr->bp_len = HW_BREAKPOINT_LEN_8;
    attr->sample_period = 1;
    attr->exclude_kernel = 1;
    attr->exclude_hv = 1;
}

static long perf_open(struct perf_event_attr *attr, int tid)
{
    return syscall(SYS_perf_event_open, attr, tid, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

/* Opens and closes the breakpoint `times` times; 0, or minus the errno of the first refusal. */
int open_close(int tid, unsigned long long address, int times)
{
    struct perf_event_attr attr;
    breakpoint_attr(&attr, address);
    for (int i = 0; i < times; i++) {
        long fd = perf_open(&attr, tid);
        if (fd < 0) {
            return -errno;
        }
        close((int)fd);
    }
    return 0;
}

/* Pins the calling thread to one CPU; 0, or minus the errno. A parked target pinned this way always last ran there. */
int pin_to(int cpu)
{
    cpu_set_t only;
    CPU_ZERO(&only);
    CPU_SET(cpu, &only);
    return sched_setaffinity(0, sizeof only, &only) == 0 ? 0 : -errno;
}

/* open_close run from one CPU (the calling thread is pinned there for the loop, then given its CPUs back). Arming another
   thread, the kernel installs and enables the breakpoint on the CPU that thread last ran on: by an interrupt from any
   other CPU, which a thread arming itself never pays. */
int open_close_from(int cpu, int tid, unsigned long long address, int times)
{
    cpu_set_t before;
    if (sched_getaffinity(0, sizeof before, &before) != 0) {
        return -errno;
    }
    int result = pin_to(cpu);
    if (result == 0) {
        result = open_close(tid, address, times);
    }
    sched_setaffinity(0, sizeof before, &before);
    return result;
}

/* What the host's kernel work per event is (for comparison, not the baseline): opened disabled, its own ring of
   1 + data_pages pages mapped, enabled, unmapped, closed. */
int open_ring_close(int tid, unsigned long long address, int times, int data_pages)
{
    struct perf_event_attr attr;
    breakpoint_attr(&attr, address);
    attr.disabled = 1;
    size_t length = (size_t)(1 + data_pages) * (size_t)sysconf(_SC_PAGESIZE);
    for (int i = 0; i < times; i++) {
        long fd = perf_open(&attr, tid);
        if (fd < 0) {
            return -errno;
        }
        void *ring = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd, 0);
        if (ring == MAP_FAILED) {
            int error = errno;
            close((int)fd);
            return -error;
        }
        ioctl((int)fd, PERF_EVENT_IOC_ENABLE, 0);
        munmap(ring, length);
        close((int)fd);
    }
    return 0;
}

/* The alternative measured for issue 11: one ring per task, owned by a software dummy event on the task, and each
   breakpoint opened disabled, its samples redirected there (PERF_EVENT_IOC_SET_OUTPUT, with PERF_SAMPLE_IDENTIFIER
   to tell them apart), enabled and closed; nothing to map or unmap per breakpoint. */
int open_shared_close(int tid, unsigned long long address, int times, int data_pages)
{
    struct perf_event_attr dummy;
    memset(&dummy, 0, sizeof dummy);
    dummy.type = PERF_TYPE_SOFTWARE;
    dummy.size = sizeof dummy;
    dummy.config = PERF_COUNT_SW_DUMMY;
    dummy.exclude_kernel = 1;
    dummy.exclude_hv = 1;
    long owner = perf_open(&dummy, tid);
    if (owner < 0) {
        return -errno;
    }
    size_t length = (size_t)(1 + data_pages) * (size_t)sysconf(_SC_PAGESIZE);
    void *ring = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED, (int)owner, 0);
    if (ring == MAP_FAILED) {
        int error = errno;
        close((int)owner);
        return -error;
    }
    struct perf_event_attr attr;
    breakpoint_attr(&attr, address);
    attr.disabled = 1;
    attr.sample_type = PERF_SAMPLE_IDENTIFIER;
    int result = 0;
    for (int i = 0; i < times && result == 0; i++) {
        long fd = perf_open(&attr, tid);
        if (fd < 0) {
            result = -errno;
            break;
        }
        if (ioctl((int)fd, PERF_EVENT_IOC_SET_OUTPUT, (int)owner) != 0) {
            result = -errno;
        }
        ioctl((int)fd, PERF_EVENT_IOC_ENABLE, 0);
        close((int)fd);
    }
    munmap(ring, length);
    close((int)owner);
    return result;
}
