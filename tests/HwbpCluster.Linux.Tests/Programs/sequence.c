/* Target for the read-after value test: on one stdin byte, its main thread writes 1000, 2000, ... WRITES * 1000 to the
   global `value`, GAP_US microseconds apart; then it prints done. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define WRITES 400
#define GAP_US 1000

volatile long value;

static long now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000L + t.tv_nsec / 1000;
}

int main(void)
{
    printf("value=%p\n", (void *)&value);
    fflush(stdout);
    char c;
    if (read(0, &c, 1) != 1) {
        return 1;
    }
    for (long i = 1; i <= WRITES; i++) {
        value = i * 1000;
        long until = now_us() + GAP_US;
        while (now_us() < until) {
        }
    }
    printf("done\n");
    fflush(stdout);
    while (read(0, &c, 1) > 0) {
    }
    return 0;
}
