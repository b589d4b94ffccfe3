/* util/xalloc.c: allocation that exits 70 on exhaustion, and struct sg_buf. */
#include "signoff/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
    fputs("signoff: out of memory\n", stderr);
    exit(70);
}

void *sg_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        oom();
    return p;
}

void *sg_xcalloc(size_t nmemb, size_t size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (p == NULL)
        oom();
    return p;
}

void *sg_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (q == NULL)
        oom();
    return q;
}

void *sg_xreallocarray(void *p, size_t nmemb, size_t size)
{
    if (size != 0 && nmemb > SIZE_MAX / size)
        oom();
    return sg_xrealloc(p, nmemb * size);
}

char *sg_xstrdup(const char *s)
{
    return sg_xstrndup(s, strlen(s));
}

char *sg_xstrndup(const char *s, size_t n)
{
    char *p = sg_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *sg_xasprintf(const char *fmt, ...)
{
    struct sg_buf b = {0};
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        oom();
    b.data = sg_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b.data, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return b.data;
}

void sg_buf_init(struct sg_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void sg_buf_release(struct sg_buf *b)
{
    free(b->data);
    sg_buf_init(b);
}

static void grow(struct sg_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    b->data = sg_xrealloc(b->data, cap);
    b->cap = cap;
}

void sg_buf_add(struct sg_buf *b, const void *p, size_t n)
{
    grow(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sg_buf_adds(struct sg_buf *b, const char *s)
{
    sg_buf_add(b, s, strlen(s));
}

void sg_buf_addc(struct sg_buf *b, char c)
{
    if (b->len + 1 < b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    sg_buf_add(b, &c, 1);
}

void sg_buf_add_int(struct sg_buf *b, long long v)
{
    char digits[24], *p = digits + sizeof(digits);
    /* through unsigned arithmetic, so that the most negative value has a magnitude */
    unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + m % 10);
        m /= 10;
    } while (m != 0);
    if (v < 0)
        *--p = '-';
    sg_buf_add(b, p, (size_t)(digits + sizeof(digits) - p));
}

void sg_buf_reserve(struct sg_buf *b, size_t n)
{
    grow(b, n);
    if (b->len == 0)
        b->data[0] = '\0';
}

void sg_buf_printf(struct sg_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        oom();
    grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sg_buf_reset(struct sg_buf *b)
{
    b->len = 0;
    if (b->data != NULL)
        b->data[0] = '\0';
}

const char *sg_buf_str(const struct sg_buf *b)
{
    return b->data != NULL ? b->data : "";
}
