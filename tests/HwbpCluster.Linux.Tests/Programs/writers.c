/* Target for the process-scope hit test: on one stdin byte, 8 threads that existed before, 8 started after and one forked
   child each write the global `counter` WRITES times; then it prints done. */
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define WRITES 1000
#define THREADS 8

volatile long counter;
static int gate[2];

static void write_all(void)
{
    for (int i = 0; i < WRITES; i++) {
        counter = i;
    }
}

static void *early(void *unused)
{
    (void)unused;
    char c;
    if (read(gate[0], &c, 1) == 1) {
        write_all();
    }
    return NULL;
}

static void *late(void *unused)
{
    (void)unused;
    write_all();
    return NULL;
}

int main(void)
{
    pthread_t before[THREADS], after[THREADS];
    if (pipe(gate) != 0) {
        return 1;
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_create(&before[i], NULL, early, NULL);
    }
    printf("counter=%p\n", (void *)&counter);
    fflush(stdout);
    char c;
    if (read(0, &c, 1) != 1) {
        return 0;
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_create(&after[i], NULL, late, NULL);
    }
    if (write(gate[1], "xxxxxxxx", THREADS) != THREADS) {
        return 1;
    }
    pid_t child = fork();
    if (child == 0) {
        write_all();
        _exit(0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(before[i], NULL);
        pthread_join(after[i], NULL);
    }
    waitpid(child, NULL, 0);
    printf("done=0x1\n");
    fflush(stdout);
    while (read(0, &c, 1) > 0) {
    }
    return 0;
}
