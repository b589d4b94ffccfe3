/* store/observe.c: the reads the importers need (store.h): the first observation of an
 * exposure, whose fields a re-observation copies (SPEC §2 "An exposure id already in
 * the store is re-observed"); a scanner's observations of one artifact, to tell what a
 * later report no longer lists; and a record's provenance, which `trace` shows. */
#include "signoff/record.h"
#include "signoff/store.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

int sg_store_exposure_first(struct sg_store *st, const char *id, json_t **out,
                            struct sg_error *err)
{
    sqlite3_stmt *s =
        sg_store_stmt(st, SG_STMT_EXPOSURE_FIRST,
                      "SELECT json FROM record WHERE kind = 'exposure' AND id "
                      "= ?1 ORDER BY rid LIMIT 1",
                      err);
    int rc;

    *out = NULL;
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = json_loads((const char *)sqlite3_column_text(s, 0), 0, NULL);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "exposure");
    if (rc == SQLITE_ROW && *out == NULL)
        return sg_error_set(err, EX_SOFTWARE, NULL, "stored exposure \"%s\" is not JSON",
                            id);
    return 0;
}

int sg_store_each_observation(struct sg_store *st, const char *prefix, const char *suffix,
                              int (*fn)(void *ctx, const struct sg_observation *o),
                              void *ctx, struct sg_error *err)
{
    /* ids in [prefix, prefix with its last byte + 1): a range on the primary key */
    size_t n = strlen(prefix);
    char *upper = sg_xstrdup(prefix);
    sqlite3_stmt *s;
    int rc, cb = 0;

    if (n == 0 || (unsigned char)upper[n - 1] == 0xff) {
        free(upper);
        return sg_error_set(err, EX_SOFTWARE, NULL, "bad exposure id prefix");
    }
    upper[n - 1] = (char)((unsigned char)upper[n - 1] + 1);
    s = sg_store_stmt(
        st, SG_STMT_OBSERVATIONS,
        "SELECT id, vuln, first_seen, last_seen, fixed FROM exposure WHERE id "
        ">= ?1 AND id < ?2 AND substr(CAST(id AS BLOB), -?3) = CAST(?4 AS BLOB) "
        "ORDER BY id, obs",
        err);
    if (s == NULL) {
        free(upper);
        return -1;
    }
    sqlite3_bind_text(s, 1, prefix, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, upper, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)strlen(suffix));
    sqlite3_bind_text(s, 4, suffix, -1, SQLITE_STATIC);
    while (cb == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct sg_observation o;
        o.id = (const char *)sqlite3_column_text(s, 0);
        o.vuln = (const char *)sqlite3_column_text(s, 1);
        o.first_seen = sqlite3_column_int64(s, 2);
        o.has_last_seen = sqlite3_column_type(s, 3) != SQLITE_NULL;
        o.last_seen = o.has_last_seen ? sqlite3_column_int64(s, 3) : SG_TIME_MIN;
        o.fixed = sqlite3_column_int(s, 4);
        cb = fn(ctx, &o);
    }
    if (cb == 0 && rc != SQLITE_DONE)
        cb = sg_store_sqlerr(st, err, "observations");
    sqlite3_reset(s);
    free(upper);
    return cb;
}

static char *dup_col(sqlite3_stmt *s, int i)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return NULL;
    return sg_xstrdup((const char *)sqlite3_column_text(s, i));
}

int sg_store_provenance(struct sg_store *st, enum sg_kind kind, const char *id,
                        int64_t obs, struct sg_provenance *out, struct sg_error *err)
{
    sqlite3_stmt *s =
        sg_store_stmt(st, SG_STMT_PROVENANCE,
                      "SELECT s.path, s.sha256, r.line, r.pointer FROM record r "
                      "JOIN source s ON s.id = r.source WHERE r.kind = ?1 AND "
                      "r.id = ?2 AND r.version = 0 AND r.obs = ?3",
                      err);
    int rc;

    memset(out, 0, sizeof(*out));
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, sg_kind_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, obs);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->path = dup_col(s, 0);
        out->sha256 = dup_col(s, 1);
        out->line = (long)sqlite3_column_int64(s, 2);
        out->pointer = dup_col(s, 3);
    }
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "provenance");
    return 0;
}

void sg_provenance_release(struct sg_provenance *p)
{
    if (p == NULL)
        return;
    free(p->path);
    free(p->sha256);
    free(p->pointer);
    memset(p, 0, sizeof(*p));
}
