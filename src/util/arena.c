/* util/arena.c: see arena.h. */
#include "signoff/arena.h"
#include "signoff/xalloc.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct sg_arena_chunk {
    struct sg_arena_chunk *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
};

void sg_arena_init(struct sg_arena *a)
{
    a->head = NULL;
}

void *sg_arena_alloc(struct sg_arena *a, size_t n)
{
    size_t align = alignof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    if (a->head == NULL || a->head->cap - a->head->used < n) {
        size_t cap = n > 60000 ? n : 60000;
        struct sg_arena_chunk *c = sg_xmalloc(sizeof(*c) + cap);
        c->next = a->head;
        c->used = 0;
        c->cap = cap;
        a->head = c;
    }
    void *p = a->head->data + a->head->used;
    a->head->used += n;
    memset(p, 0, n);
    return p;
}

char *sg_arena_strdup(struct sg_arena *a, const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = sg_arena_alloc(a, n);
    memcpy(p, s, n);
    return p;
}

void *sg_arena_grow(struct sg_arena *a, void *old, size_t n, size_t size)
{
    /* capacity doubles at powers of two: n items live in a block sized for next pow2 */
    size_t cap = 4;
    while (cap < n)
        cap *= 2;
    if (old != NULL && n < cap)
        return old;
    void *p = sg_arena_alloc(a, (n == cap ? cap * 2 : cap) * size);
    if (old != NULL)
        memcpy(p, old, n * size);
    return p;
}

void sg_arena_reset(struct sg_arena *a)
{
    struct sg_arena_chunk *c = a->head;
    if (c == NULL)
        return;
    while (c->next != NULL) {
        struct sg_arena_chunk *n = c->next;
        c->next = n->next;
        free(n);
    }
    c->used = 0;
}

void sg_arena_release(struct sg_arena *a)
{
    while (a->head != NULL) {
        struct sg_arena_chunk *n = a->head->next;
        free(a->head);
        a->head = n;
    }
}
