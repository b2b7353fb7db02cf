/* A shared library for the symbol resolver's tests: an exported global (copied into the executable) and a static. */
long lib_value = 42;
static long lib_private = 9;

long *lib_private_address(void)
{
    return &lib_private;
}
