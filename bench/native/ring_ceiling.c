// What any reader of a hardware breakpoint's ring costs the writing thread on this machine, with no node at all: the
// ceiling of issue 11's hit-rate goal. The writer (this program's main thread, alone on the last CPU) stores 1..N to a
// watched cell under a count-only event (the goal's baseline), then under sampled events read in different ways by a
// thread on CPU 0 that reads every byte of every record and frees the ring as it goes. Each way runs once per round,
// in turn, and is pooled over the rounds (the guest's speed drifts between windows seconds apart).
// Usage: ring_ceiling [writes per window, default 50000] [rounds, default 12]
#define _GNU_SOURCE
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NEVER 100000000u // a wakeup count no window reaches

static volatile long cell __attribute__((aligned(64)));

struct way
{
    const char *name;
    int sampled;
    size_t pages;    // ring data pages (0: no ring)
    unsigned wakeup; // wakeup_events
    int reader;      // 0 none, 1 waits in epoll (1 ms after a drain that found hits, else 50 ms), 2 drains every 1 ms
};

// Rings as the node sizes them (sixteen wakeups' worth of 64-byte records), or large enough for every write.
static const struct way ways[] = {
    {"kernel count (the goal's baseline)", 0, 0, 0, 0},
    {"kernel sampling, ring never read, no wakeups", 1, 2048, NEVER, 0},
    {"a wakeup every 64 hits, nobody reading", 1, 2048, 64, 0},
    {"epoll reader, a wakeup every 64 hits", 1, 16, 64, 1},
    {"epoll reader, a wakeup every 1024 hits", 1, 256, 1024, 1},
    {"reader draining every 1 ms, no wakeups", 1, 256, NEVER, 2},
};
#define WAYS (sizeof ways / sizeof ways[0])

struct reading
{
    int fd;
    char *ring;
    size_t pages;
    int mode;
    volatile int stop;
    long samples;
};

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0)
    {
        perror("sched_setaffinity");
        exit(2);
    }
}

static int open_breakpoint(pid_t tid, const struct way *way)
{
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.type = PERF_TYPE_BREAKPOINT;
    attr.size = sizeof attr;
    attr.bp_type = HW_BREAKPOINT_W;
    attr.bp_addr = (uintptr_t)&cell;
    attr.bp_len = HW_BREAKPOINT_LEN_8;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    attr.use_clockid = 1;
    attr.clockid = CLOCK_MONOTONIC;
    if (way->sampled)
    {
        // The node's record: the same fields, 56 bytes.
        attr.sample_period = 1;
        attr.sample_type = PERF_SAMPLE_IDENTIFIER | PERF_SAMPLE_IP | PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_ADDR | PERF_SAMPLE_CPU;
        attr.wakeup_events = way->wakeup;
    }
    int fd = (int)syscall(SYS_perf_event_open, &attr, tid, -1, -1, 0);
    if (fd < 0)
    {
        perror("perf_event_open");
        exit(3);
    }
    return fd;
}

static long drain(struct perf_event_mmap_page *page, const char *data, size_t size)
{
    uint64_t head = __atomic_load_n(&page->data_head, __ATOMIC_ACQUIRE);
    uint64_t tail = page->data_tail;
    long samples = 0;
    volatile uint64_t sum = 0;
    while (tail < head)
    {
        const struct perf_event_header *header = (const void *)(data + tail % size);
        for (uint16_t i = 0; i < header->size; i += 8)
            sum += *(const uint64_t *)(data + (tail + i) % size);
        samples += header->type == PERF_RECORD_SAMPLE;
        tail += header->size;
    }
    __atomic_store_n(&page->data_tail, tail, __ATOMIC_RELEASE);
    return samples;
}

static void *read_ring(void *arg)
{
    struct reading *r = arg;
    pin(0);
    struct perf_event_mmap_page *page = (void *)r->ring;
    const char *data = r->ring + sysconf(_SC_PAGESIZE);
    size_t size = r->pages * sysconf(_SC_PAGESIZE);
    int epoll = epoll_create1(0);
    struct epoll_event in = {.events = EPOLLIN};
    epoll_ctl(epoll, EPOLL_CTL_ADD, r->fd, &in);
    int timeout = 50;
    while (!r->stop)
    {
        if (r->mode == 1)
        {
            struct epoll_event out;
            epoll_wait(epoll, &out, 1, timeout);
        }
        else
            usleep(1000);
        long found = drain(page, data, size);
        r->samples += found;
        timeout = found > 0 ? 1 : 50;
    }
    close(epoll);
    return NULL;
}

int main(int argc, char **argv)
{
    long writes = argc > 1 ? atol(argv[1]) : 50000;
    int rounds = argc > 2 ? atoi(argv[2]) : 12;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus < 2)
    {
        fprintf(stderr, "needs two CPUs: the writer alone on one, the reader on another\n");
        return 2;
    }
    pin((int)cpus - 1);
    pid_t tid = (pid_t)syscall(SYS_gettid);
    long page_size = sysconf(_SC_PAGESIZE);
    double seconds[WAYS] = {0};
    for (int round = 0; round <= rounds; round++) // round 0 warms up
    {
        for (size_t w = 0; w < WAYS; w++)
        {
            const struct way *way = &ways[w];
            int fd = open_breakpoint(tid, way);
            size_t length = way->pages ? (way->pages + 1) * page_size : 0;
            char *ring = length ? mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) : NULL;
            if (ring == MAP_FAILED)
            {
                perror("mmap");
                return 3;
            }
            struct reading reading = {.fd = fd, .ring = ring, .pages = way->pages, .mode = way->reader};
            pthread_t reader;
            if (way->reader)
            {
                pthread_create(&reader, NULL, read_ring, &reading);
                usleep(20000); // settled on its CPU
            }
            long long start = now_ns();
            for (long i = 1; i <= writes; i++)
                cell = i;
            double took = (now_ns() - start) / 1e9;
            uint64_t count = 0;
            if (read(fd, &count, sizeof count) != sizeof count || count != (uint64_t)writes)
            {
                fprintf(stderr, "%s: the kernel counted %llu of %ld writes: breakpoints do not fire here\n", way->name,
                        (unsigned long long)count, writes);
                return 4;
            }
            if (way->reader)
            {
                usleep(100000); // the last hits, which woke nobody
                reading.stop = 1;
                pthread_join(reader, NULL);
                if (reading.samples != writes)
                {
                    fprintf(stderr, "%s: read %ld of %ld hits\n", way->name, reading.samples, writes);
                    return 5;
                }
            }
            if (ring)
                munmap(ring, length);
            close(fd);
            if (round > 0)
                seconds[w] += took;
        }
    }
    printf("| the writer's loop (%ld writes x %d rounds, pooled) | writes/s | of the kernel count |\n|---|---:|---:|\n", writes, rounds);
    for (size_t w = 0; w < WAYS; w++)
        printf("| %s | %.0f | %.2fx |\n", ways[w].name, writes * rounds / seconds[w], seconds[0] / seconds[w]);
    return 0;
}
