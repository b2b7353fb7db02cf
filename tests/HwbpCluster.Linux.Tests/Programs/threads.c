/* Target for the process-scope tests: 4 parked threads; each byte read on stdin starts 3 more (by the main thread). */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *park(void *unused)
{
    (void)unused;
    for (;;) {
        pause();
    }
    return NULL;
}

static void start(int count)
{
    for (int i = 0; i < count; i++) {
        pthread_t thread;
        pthread_create(&thread, NULL, park, NULL);
    }
}

int main(void)
{
    start(4);
    printf("threads=0x4\n");
    fflush(stdout);
    char c;
    while (read(0, &c, 1) > 0) {
        start(3);
        printf("started=0x3\n");
        fflush(stdout);
    }
    return 0;
}
