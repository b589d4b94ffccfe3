/* error.h: the one error record every fallible core function fills (STYLE "Errors").
 * The core never prints; src/cli turns a struct sg_error into "FILE:LINE: msg" or
 * "signoff: msg" and into the exit status of SPEC §7. Exit codes are sysexits(3). */
#ifndef SIGNOFF_ERROR_H
#define SIGNOFF_ERROR_H

#include <stddef.h>
#include <sysexits.h> /* EX_USAGE 64, EX_DATAERR 65, EX_NOINPUT 66, EX_SOFTWARE 70,
                         EX_CANTCREAT 73, EX_IOERR 74 */

enum { SG_EXIT_FINDINGS = 1 }; /* the one code sysexits lacks */

struct sg_pos {
    const char *file;        /* borrowed; NULL = none */
    unsigned long line;      /* 1-based; 0 = none */
    const char *pointer;     /* JSON pointer of the element, or NULL */
};

struct sg_error {
    int code;                /* EX_*; 0 = nothing set yet */
    char file[240];          /* input path, tail kept if long; "" = none */
    unsigned long line;      /* 0 = none */
    char pointer[160];       /* JSON pointer; "" = none */
    char msg[400];
};

/* Clears err (code 0). */
void sg_error_init(struct sg_error *err);

/* Sets err unless already set (the first error wins); returns -1. `at` may be NULL. */
int sg_error_set(struct sg_error *err, int code, const struct sg_pos *at, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

/* Formats err as one line without newline: "FILE:LINE: POINTER: msg", "FILE: msg" or
 * "signoff: msg". Writes at most n bytes (NUL included). */
void sg_error_format(const struct sg_error *err, char *buf, size_t n);

#endif
