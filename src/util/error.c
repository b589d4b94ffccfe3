/* util/error.c: filling and formatting struct sg_error (see include/signoff/error.h). */
#include "signoff/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sg_error_init(struct sg_error *err)
{
    memset(err, 0, sizeof(*err));
}

static void copy_tail(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len >= n)
        src += len - (n - 1);
    snprintf(dst, n, "%s", src);
}

int sg_error_set(struct sg_error *err, int code, const struct sg_pos *at, const char *fmt,
                 ...)
{
    va_list ap;

    if (err == NULL || err->code != 0)
        return -1;
    err->code = code;
    err->file[0] = '\0';
    err->pointer[0] = '\0';
    err->line = 0;
    if (at != NULL) {
        if (at->file != NULL)
            copy_tail(err->file, sizeof(err->file), at->file);
        err->line = at->line;
        if (at->pointer != NULL)
            snprintf(err->pointer, sizeof(err->pointer), "%s", at->pointer);
    }
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return -1;
}

void sg_error_format(const struct sg_error *err, char *buf, size_t n)
{
    if (err->file[0] == '\0') {
        snprintf(buf, n, "signoff: %s", err->msg);
        return;
    }
    if (err->line == 0 && err->pointer[0] == '\0')
        snprintf(buf, n, "%s: %s", err->file, err->msg);
    else if (err->line == 0)
        snprintf(buf, n, "%s: %s: %s", err->file, err->pointer, err->msg);
    else if (err->pointer[0] == '\0')
        snprintf(buf, n, "%s:%lu: %s", err->file, err->line, err->msg);
    else
        snprintf(buf, n, "%s:%lu: %s: %s", err->file, err->line, err->pointer, err->msg);
}
