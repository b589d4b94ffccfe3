/* json.h: JSON helpers over jansson shared by ingest, settings, mappings and output:
 * dropping null members (SPEC §2), bounds checks (limits.h), the store's canonical form,
 * SPEC §7's string escaping, and finding the line where an element starts (jansson
 * reports positions only for syntax errors). */
#ifndef SIGNOFF_JSON_H
#define SIGNOFF_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "signoff/xalloc.h"

/* Pools (util/jpool.c). jansson allocates through signoff's allocator, installed before
 * main: on a thread that uses a pool, a JSON tree is made in the pool's chunks and
 * dropped all at once by a reset, without a walk or a free per node; elsewhere, and for
 * what does not fit a chunk, malloc. Every piece jansson hands out may still be freed
 * alone (sg_jfree; free() for what a thread made outside a pool, as json_dumps' text). */
struct sg_jpool;
struct sg_jpool *sg_jpool_new(void); /* New: sg_jpool_free() */
void sg_jpool_free(struct sg_jpool *p);
/* This thread's jansson allocations go to p from now on; NULL: to malloc. */
void sg_jpool_use(struct sg_jpool *p);
/* n bytes from p (never NULL: malloc when they do not fit); free with sg_jfree. */
void *sg_jpool_alloc(struct sg_jpool *p, size_t n);
/* 1 when everything allocated in p's name since its reset is in the pool, so a tree made
 * there may be dropped by sg_jpool_reset without json_decref; 0 when some went to malloc
 * (then json_decref the trees first: it frees those pieces). */
int sg_jpool_whole(const struct sg_jpool *p);
/* Takes back all of p's memory; every tree made there must be dropped first. */
void sg_jpool_reset(struct sg_jpool *p);
/* Frees memory from jansson or sg_jpool_alloc: nothing for a pool's own. */
void sg_jfree(void *ptr);

/* Removes every object member whose value is null, recursively (SPEC §2). */
void sg_json_drop_nulls(json_t *v);

/* Checks nesting depth and string sizes against limits.h. Returns 0, or -1 with a
 * static phrase in *why. */
int sg_json_check_limits(const json_t *v, const char **why);

/* New: free(). Canonical JSON: compact, keys sorted, reals with an integral value
 * below 2^53 written as integers (so 1 and 1.0 compare equal, SPEC §8). */
char *sg_json_canonical(const json_t *v);
/* The same, its length in bytes in *len. */
char *sg_json_canonical_len(const json_t *v, size_t *len);

/* New: free(). The canonical JSON canon (of an object, as sg_json_canonical wrote it)
 * without its top-level members named by keys (names that need no escaping), cut from
 * the text: the same bytes as the canonical form of the object without them. */
char *sg_json_canonical_without(const char *canon, const char *const *keys, size_t nkeys);

/* "Missing" (SPEC §4): absent/NULL, "", [] or {}. */
int sg_json_missing(const json_t *v);

/* Appends s as a JSON string to b, escaping only '"', '\\' and U+0000-U+001F
 * (\b \f \n \r \t, else \u00xx in lower-case hex), as SPEC §7 says. */
void sg_json_put_string(struct sg_buf *b, const char *s);

/* Lines (1-based) where each top-level element starts: for an array, one per element;
 * for any other value, one. New array in *out (free()), count in *n. Returns 0, or -1
 * when the text is not scannable (the caller then reports jansson's own error). */
int sg_json_element_lines(const char *text, size_t len, unsigned long **out, size_t *n);

/* Line where the value at JSON pointer `ptr` ("" = the root) starts, or 0 if absent. */
unsigned long sg_json_pointer_line(const char *text, size_t len, const char *ptr);

/* Lines where values start, by JSON pointer, for every value at most max_depth tokens
 * below the root, in one pass (so that an importer need not rescan the text for each
 * element of a large document): a new object {pointer: line} (json_decref), or NULL
 * when the text is not scannable. Keys with escapes other than \" \\ \/ \n \t are not
 * matched; look those up with sg_json_pointer_line(). */
json_t *sg_json_line_index(const char *text, size_t len, int max_depth);

/* Appends "/" + escaped token (~0, ~1) to a JSON pointer buffer. */
void sg_json_pointer_push(struct sg_buf *b, const char *token);

#endif
