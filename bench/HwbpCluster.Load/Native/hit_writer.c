// The watched program of the load tool's --hits mode when the writer is a process of its own: prints the address of its
// cell, then for each count N read from stdin stores 1..N to the cell and prints the nanoseconds the stores took.
#define _GNU_SOURCE
#include <stdio.h>
#include <time.h>

static volatile long cell __attribute__((aligned(64)));

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
    printf("%lu\n", (unsigned long)&cell);
    fflush(stdout);
    long n;
    while (scanf("%ld", &n) == 1)
    {
        long long start = now_ns();
        for (long i = 1; i <= n; i++)
            cell = i;
        printf("%lld\n", now_ns() - start);
        fflush(stdout);
    }
    return 0;
}
