/* arena.h: a bump allocator reset between units of work (one decision and its links),
 * so the trace engine's memory is bounded by what one decision needs. */
#ifndef SIGNOFF_ARENA_H
#define SIGNOFF_ARENA_H

#include <stddef.h>

struct sg_arena_chunk;
struct sg_arena {
    struct sg_arena_chunk *head;
};

void sg_arena_init(struct sg_arena *a);
void *sg_arena_alloc(struct sg_arena *a, size_t n); /* zeroed, aligned */
char *sg_arena_strdup(struct sg_arena *a, const char *s); /* NULL stays NULL */
/* Grows an array held in the arena: returns a copy with room for n+1 items. */
void *sg_arena_grow(struct sg_arena *a, void *old, size_t n, size_t size);
void sg_arena_reset(struct sg_arena *a); /* frees all but keeps one chunk */
void sg_arena_release(struct sg_arena *a);

#endif
