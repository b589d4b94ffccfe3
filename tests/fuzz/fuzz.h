/* tests/fuzz/fuzz.h: what the libFuzzer targets share: the input as a FILE (as ingest
 * and import read it), a silent error sink, and an abort that libFuzzer records as a
 * crash when an invariant of the code under test does not hold. */
#ifndef SIGNOFF_FUZZ_H
#define SIGNOFF_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signoff/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* New: fclose(). A read-only stream over data (borrowed: data must outlive it); NULL
 * for an empty input, which the targets skip. */
static inline FILE *fuzz_stream(const uint8_t *data, size_t size)
{
    FILE *fp;
    if (size == 0)
        return NULL;
    fp = fmemopen((void *)data, size, "rb");
    if (fp == NULL)
        abort();
    return fp;
}

/* New: free(). data as a NUL-terminated string (any NUL inside ends it, as for argv). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

static inline void fuzz_ignore(void *ctx, const struct sg_error *e)
{
    (void)ctx;
    /* every reported error must say what is wrong and carry an exit code */
    if (e->code == 0 || e->msg[0] == '\0')
        abort();
}

#define FUZZ_ASSERT(cond)                                                                \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                     \
        }                                                                                \
    } while (0)

#endif
