/* xalloc.h: allocation that cannot fail. On exhaustion these print
 * "signoff: out of memory" and exit 70 (STYLE "Memory ownership"), so callers grow no
 * untested NULL branch. Also a small growable byte buffer used across the core. */
#ifndef SIGNOFF_XALLOC_H
#define SIGNOFF_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *sg_xmalloc(size_t n);
void *sg_xcalloc(size_t nmemb, size_t size);
void *sg_xrealloc(void *p, size_t n);
void *sg_xreallocarray(void *p, size_t nmemb, size_t size);
char *sg_xstrdup(const char *s);
char *sg_xstrndup(const char *s, size_t n);
/* New: free(). */
char *sg_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated byte buffer. Zero-initialise or sg_buf_init(). */
struct sg_buf {
    char *data; /* NULL until something is added */
    size_t len, cap;
};
void sg_buf_init(struct sg_buf *b);
void sg_buf_release(struct sg_buf *b);
void sg_buf_add(struct sg_buf *b, const void *p, size_t n);
void sg_buf_adds(struct sg_buf *b, const char *s);
void sg_buf_addc(struct sg_buf *b, char c);
void sg_buf_add_int(struct sg_buf *b, long long v); /* in decimal, without printf */
void sg_buf_reserve(struct sg_buf *b, size_t n); /* room for n more bytes */
void sg_buf_printf(struct sg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sg_buf_reset(struct sg_buf *b);
/* Returns the contents ("" when empty); borrowed until the next change. */
const char *sg_buf_str(const struct sg_buf *b);

#endif
