/* Target for the symbol resolver's tests: prints where its variables really are, then waits for stdin to close. */
#include <stdio.h>
#include <unistd.h>

long counter = 5;
static int hidden = 7;
char buffer[24];
__thread long per_thread;
extern long lib_value;
long *lib_private_address(void);

int main(void)
{
    printf("counter=%p hidden=%p buffer=%p lib_value=%p lib_private=%p main=%p\n", (void *)&counter, (void *)&hidden,
           (void *)buffer, (void *)&lib_value, (void *)lib_private_address(), (void *)main);
    fflush(stdout);
    char c;
    while (read(0, &c, 1) > 0) {
    }
    return (int)(counter + hidden + buffer[0] + per_thread + lib_value);
}
