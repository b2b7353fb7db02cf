/* Target for the process-scope race test: two threads that keep creating short-lived threads while it is armed. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *brief(void *unused)
{
    (void)unused;
    usleep(2000);
    return NULL;
}

static void *spawn(void *unused)
{
    (void)unused;
    for (;;) {
        pthread_t thread;
        pthread_create(&thread, NULL, brief, NULL);
        pthread_detach(thread);
        usleep(300);
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, spawn, NULL);
    pthread_create(&b, NULL, spawn, NULL);
    printf("spawners=0x2\n");
    fflush(stdout);
    char c;
    while (read(0, &c, 1) > 0) {
    }
    return 0;
}
