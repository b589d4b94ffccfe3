/* store/memo.c: answers of the trace engine's lookups of small tables (parties, assets,
 * agents, policies), remembered so that a run asks SQLite once per key rather than
 * once per decision (docs/performance.md). A remembered answer is the one the query
 * gave: every write to the store and every rollback forgets them all, and the number
 * kept is bounded, past which lookups simply go to SQLite again. */
#include "store_int.h"

#include <glib.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "signoff/xalloc.h"

/* About 200 bytes an entry: at most some 20 MiB however many assets an estate has. */
#define MEMO_MAX 100000

struct sg_memo {
    GHashTable *t; /* "K\x1f" key -> struct sg_memo_entry */
};

static void entry_free(gpointer p)
{
    struct sg_memo_entry *e = p;
    free(e->s1);
    free(e->s2);
    json_decref(e->j);
    free(e);
}

static char *key_of(char kind, const char *key)
{
    size_t n = strlen(key);
    char *k = sg_xmalloc(n + 3);
    k[0] = kind;
    k[1] = '\x1f';
    memcpy(k + 2, key, n + 1);
    return k;
}

const struct sg_memo_entry *sg_memo_get(struct sg_store *st, char kind, const char *key)
{
    char buf[256], *k;
    const struct sg_memo_entry *e;
    size_t n = strlen(key);

    if (st->memo == NULL)
        return NULL;
    if (n + 3 <= sizeof(buf)) {
        buf[0] = kind;
        buf[1] = '\x1f';
        memcpy(buf + 2, key, n + 1);
        return g_hash_table_lookup(st->memo->t, buf);
    }
    k = key_of(kind, key);
    e = g_hash_table_lookup(st->memo->t, k);
    free(k);
    return e;
}

struct sg_memo_entry *sg_memo_put(struct sg_store *st, char kind, const char *key)
{
    struct sg_memo_entry *e;

    if (st->memo == NULL) {
        st->memo = sg_xcalloc(1, sizeof(*st->memo));
        st->memo->t = g_hash_table_new_full(g_str_hash, g_str_equal, free, entry_free);
    }
    if (g_hash_table_size(st->memo->t) >= MEMO_MAX)
        return NULL;
    e = sg_xcalloc(1, sizeof(*e));
    g_hash_table_replace(st->memo->t, key_of(kind, key), e);
    return e;
}

char *sg_memo_strdup(const char *s)
{
    return s != NULL ? sg_xstrdup(s) : NULL;
}

void sg_memo_forget(struct sg_store *st)
{
    if (st->memo == NULL)
        return;
    g_hash_table_destroy(st->memo->t);
    free(st->memo);
    st->memo = NULL;
}
