/* util/threads.c: SIGNOFF_THREADS (threads.h). */
#include "signoff/threads.h"

#include <stdlib.h>
#include <unistd.h>

int sg_threads(int max)
{
    const char *env = getenv("SIGNOFF_THREADS");
    long n = env != NULL && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > max ? max : (int)n;
}
