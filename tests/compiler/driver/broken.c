/* Not C: libclang's error, as clang prints it, and exit status 1. */
int f(void) { return undeclared_name; }
