/* util/jpool.c: jansson's allocator (json.h, "Pools"). A process-wide region of address
 * space is reserved once, before main, and cut into 1 MiB chunks; a pool bumps through
 * the chunks it took, and a thread that uses a pool makes its JSON trees there. Freeing
 * tells pool memory by its address (inside the region: nothing to do, the pool's reset
 * takes it back), so a tree may mix pool and malloc memory and anything jansson hands
 * out may still be freed one piece at a time: json_dumps' text with free(), from any
 * thread that made it outside a pool. Under AddressSanitizer every allocation keeps a
 * poisoned red zone and a reset poisons the whole pool, so a read past an object or
 * after its batch is reported as with malloc. */
#include "signoff/json.h"
#include "signoff/xalloc.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define SG_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SG_ASAN 1
#endif
#endif

#ifdef SG_ASAN
#include <sanitizer/asan_interface.h>
enum { RED_ZONE = 16 };
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
enum { RED_ZONE = 0 };
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

enum {
    CHUNK = 1 << 20,     /* bytes of one chunk */
    NCHUNKS = 512,       /* chunks in the region: 512 MiB of address space, not memory */
    LARGEST = CHUNK / 4, /* a larger allocation goes to malloc */
    ALIGN = 16           /* as malloc's, on the machines we build for */
};

static uintptr_t region_lo, region_hi; /* set before main, read-only after */
static pthread_mutex_t region_mu = PTHREAD_MUTEX_INITIALIZER;
static uint32_t region_free[NCHUNKS]; /* chunks given back, to take again */
static uint32_t nfree, nfresh;        /* free list length; chunks never taken yet */

struct sg_jpool {
    uint32_t *chunks; /* taken chunks, in order */
    size_t n, cap;
    size_t at; /* chunks[at] is the one being bumped through */
    char *cur, *end;
    int mixed; /* something since the reset went to malloc */
};

static _Thread_local struct sg_jpool *current;

static char *chunk_addr(uint32_t c)
{
    return (char *)(region_lo + (uintptr_t)c * CHUNK);
}

static int in_region(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    return a >= region_lo && a < region_hi;
}

/* A chunk from the region, or -1 when none is left. */
static int64_t take_chunk(void)
{
    int64_t c = -1;
    if (region_lo == 0)
        return -1;
    pthread_mutex_lock(&region_mu);
    if (nfree > 0)
        c = region_free[--nfree];
    else if (nfresh < NCHUNKS)
        c = nfresh++;
    pthread_mutex_unlock(&region_mu);
    return c;
}

static void give_chunk(uint32_t c)
{
    /* its pages go back to the system: a large batch once must not keep memory */
    madvise(chunk_addr(c), CHUNK, MADV_DONTNEED);
    pthread_mutex_lock(&region_mu);
    region_free[nfree++] = c;
    pthread_mutex_unlock(&region_mu);
}

/* Moves to the pool's next chunk, taking one when needed; -1 when the region is full. */
static int next_chunk(struct sg_jpool *p)
{
    if (p->n > 0 && p->at + 1 < p->n) {
        p->at++;
    } else {
        int64_t c = take_chunk();
        if (c < 0)
            return -1;
        if (p->n == p->cap) {
            p->cap = p->cap ? 2 * p->cap : 8;
            p->chunks = sg_xreallocarray(p->chunks, p->cap, sizeof(*p->chunks));
        }
        p->chunks[p->n] = (uint32_t)c;
        p->at = p->n++;
        POISON(chunk_addr((uint32_t)c), CHUNK); /* each allocation unpoisons its own */
    }
    p->cur = chunk_addr(p->chunks[p->at]);
    p->end = p->cur + CHUNK;
    return 0;
}

/* n bytes from p, or NULL when they do not fit in a chunk or the region is full. */
static void *bump(struct sg_jpool *p, size_t n)
{
    size_t need = (n + RED_ZONE + ALIGN - 1) / ALIGN * ALIGN;
    void *r;
    if (n > LARGEST)
        return NULL;
    if ((size_t)(p->end - p->cur) < need && next_chunk(p) != 0)
        return NULL;
    r = p->cur;
    p->cur += need;
    UNPOISON(r, n);
    return r;
}

static void *jp_malloc(size_t n)
{
    struct sg_jpool *p = current;
    void *r;
    if (p != NULL) {
        if ((r = bump(p, n)) != NULL)
            return r;
        p->mixed = 1;
    }
    return malloc(n);
}

void sg_jfree(void *ptr)
{
    if (!in_region(ptr))
        free(ptr);
}

__attribute__((constructor)) static void jpool_setup(void)
{
    void *r = mmap(NULL, (size_t)NCHUNKS * CHUNK, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (r != MAP_FAILED) {
        region_lo = (uintptr_t)r;
        region_hi = region_lo + (uintptr_t)NCHUNKS * CHUNK;
    }
    /* before main, so before any JSON value exists: every one is freed by sg_jfree */
    json_set_alloc_funcs(jp_malloc, sg_jfree);
}

struct sg_jpool *sg_jpool_new(void)
{
    return sg_xcalloc(1, sizeof(struct sg_jpool));
}

void sg_jpool_use(struct sg_jpool *p)
{
    current = p;
}

void *sg_jpool_alloc(struct sg_jpool *p, size_t n)
{
    void *r = bump(p, n);
    if (r == NULL) {
        p->mixed = 1;
        r = sg_xmalloc(n);
    }
    return r;
}

int sg_jpool_whole(const struct sg_jpool *p)
{
    return !p->mixed;
}

void sg_jpool_reset(struct sg_jpool *p)
{
    if (p == NULL)
        return;
    /* keep two chunks for the next batch; give back what a large one took */
    while (p->n > 2)
        give_chunk(p->chunks[--p->n]);
    for (size_t i = 0; i < p->n; i++)
        POISON(chunk_addr(p->chunks[i]), CHUNK);
    p->at = 0;
    p->cur = p->end = NULL;
    if (p->n > 0) {
        p->cur = chunk_addr(p->chunks[0]);
        p->end = p->cur + CHUNK;
    }
    p->mixed = 0;
}

void sg_jpool_free(struct sg_jpool *p)
{
    if (p == NULL)
        return;
    if (current == p)
        current = NULL;
    for (size_t i = 0; i < p->n; i++) {
        POISON(chunk_addr(p->chunks[i]), CHUNK);
        give_chunk(p->chunks[i]);
    }
    free(p->chunks);
    free(p);
}
