/* store/query.c: the trace engine's reads (model.h). Each query applies SPEC §4's
 * freezing at `to` itself, so the rule code never sees a record that does not exist for
 * the judgement; each has an ORDER BY to a total order (STYLE "Determinism"). */
#include "signoff/model.h"
#include "signoff/record.h"
#include "signoff/time.h"
#include "signoff/xalloc.h"
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static const char *col(struct sg_arena *ar, sqlite3_stmt *s, int i)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return NULL;
    return sg_arena_strdup(ar, (const char *)sqlite3_column_text(s, i));
}

static int64_t col_time(sqlite3_stmt *s, int i, int64_t dflt)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? dflt : sqlite3_column_int64(s, i);
}

void sg_decision_release(struct sg_decision *d)
{
    if (d != NULL && d->doc != NULL) {
        json_decref(d->doc);
        d->doc = NULL;
    }
}

static int strings(struct sg_store *st, int slot, const char *sql, const char *arg,
                   struct sg_arena *ar, const char ***out, size_t *n,
                   struct sg_error *err)
{
    sqlite3_stmt *s = sg_store_stmt(st, slot, sql, err);
    int rc;
    *out = NULL;
    *n = 0;
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *out = sg_arena_grow(ar, (void *)*out, *n, sizeof(**out));
        (*out)[(*n)++] = col(ar, s, 0);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "query");
    return 0;
}

/* Columns: id agent at t action outcome change_ref requested_by policy_id policy_version
 * source-path line facts tier [json]. A store of schema 1 has no facts, tier, source and
 * line: its queries read the record's, with its JSON in place of the facts, from which
 * fill_decision computes them. */
#define DECISION_BASE                                                                    \
    "d.id, d.agent, d.at, d.t, d.action, d.outcome, d.change_ref, d.requested_by, "      \
    "d.policy_id, d.policy_version, "
/* schema 2: the provenance is the decision's own copy, so only the whole record (the
   _DOC queries) reads the record table; LEFT JOIN: a decision is never lost to its
   provenance, with or without which every query gives the same rows */
#define DECISION_COLS                                                                    \
    DECISION_BASE "s.path, d.line, d.facts, d.tier FROM decision d LEFT JOIN source s ON " \
                  "s.id = d.source"
#define DECISION_COLS_DOC                                                                \
    DECISION_BASE "s.path, d.line, d.facts, d.tier, r.json FROM decision d JOIN record r " \
                  "ON r.rid = d.rid LEFT JOIN source s ON s.id = d.source"
/* without the provenance (source path, line: NULL, 0), which the rules never read */
#define DECISION_COLS_BARE DECISION_BASE "NULL, 0, d.facts, d.tier FROM decision d"
/* schema 1: everything but the core from the record */
#define DECISION_FROM_V1                                                                 \
    " FROM decision d JOIN record r ON r.rid = d.rid JOIN source s ON s.id = r.source"
#define DECISION_COLS_V1 DECISION_BASE "s.path, r.line, r.json, NULL" DECISION_FROM_V1
#define DECISION_COLS_DOC_V1 DECISION_BASE "s.path, r.line, r.json, NULL, r.json" DECISION_FROM_V1

/* A merge join: the rows (decision, value) of decision_target or decision_vuln, read in
 * their primary key's order beside the decision scan, which is in id order too. Both
 * orders are SQLite's BINARY collation (memcmp, then length), so one pass over each
 * table gives every decision its values without a B-tree descent per decision. */
struct merge {
    sqlite3_stmt *s;
    int rc; /* of the last step: SQLITE_ROW while a row is current */
};

static int binary_cmp(const void *a, int na, const void *b, int nb)
{
    int c = memcmp(a, b, (size_t)(na < nb ? na : nb));
    return c != 0 ? c : na - nb;
}

/* The values of the decision in column 0 of ds: skips the rows of decisions before it
 * (those the scan's WHERE left out), takes its own. */
static int merge_take(struct sg_store *st, struct merge *m, sqlite3_stmt *ds,
                      struct sg_arena *ar, const char ***out, size_t *n,
                      struct sg_error *err)
{
    const void *id = sqlite3_column_blob(ds, 0);
    int nid = sqlite3_column_bytes(ds, 0);
    *out = NULL;
    *n = 0;
    while (m->rc == SQLITE_ROW) {
        int c = binary_cmp(sqlite3_column_blob(m->s, 0), sqlite3_column_bytes(m->s, 0),
                           id, nid);
        if (c > 0)
            break;
        if (c == 0) {
            *out = sg_arena_grow(ar, (void *)*out, *n, sizeof(**out));
            (*out)[(*n)++] = col(ar, m->s, 1);
        }
        m->rc = sqlite3_step(m->s);
    }
    if (m->rc != SQLITE_ROW && m->rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "decisions");
    return 0;
}

static int fill_decision(struct sg_store *st, sqlite3_stmt *s, struct merge *m,
                         struct sg_arena *ar, struct sg_decision *d, struct sg_error *err)
{
    memset(d, 0, sizeof(*d));
    d->id = col(ar, s, 0);
    d->agent = col(ar, s, 1);
    d->at = sqlite3_column_int64(s, 2);
    d->t = sqlite3_column_int64(s, 3);
    d->action = col(ar, s, 4);
    d->outcome = col(ar, s, 5);
    d->change_ref = col(ar, s, 6);
    d->requested_by = col(ar, s, 7);
    d->policy_id = col(ar, s, 8);
    d->policy_version = sqlite3_column_int64(s, 9);
    d->source = col(ar, s, 10);
    d->line = (long)sqlite3_column_int64(s, 11);
    if (st->schema == 1) {
        json_t *doc = json_loads((const char *)sqlite3_column_text(s, 12), 0, NULL);
        if (doc == NULL)
            return sg_error_set(err, EX_DATAERR, NULL,
                                "store: the stored decision \"%s\" is not JSON", d->id);
        d->facts = sg_decision_facts(doc, &d->has_tier, &d->tier);
        json_decref(doc);
    } else {
        d->facts = (unsigned)sqlite3_column_int64(s, 12);
        d->has_tier = sqlite3_column_type(s, 13) != SQLITE_NULL;
        d->tier = sqlite3_column_int64(s, 13);
    }
    if (sqlite3_column_count(s) > 14)
        d->doc = json_loads((const char *)sqlite3_column_text(s, 14),
                            JSON_REJECT_DUPLICATES, NULL);
    if (m != NULL)
        return merge_take(st, &m[0], s, ar, &d->targets, &d->ntargets, err) != 0 ||
                       merge_take(st, &m[1], s, ar, &d->vulns, &d->nvulns, err) != 0
                   ? -1
                   : 0;
    if (strings(st, SG_STMT_Q_TARGETS,
                "SELECT asset FROM decision_target WHERE decision = ?1 ORDER BY asset",
                d->id, ar, &d->targets, &d->ntargets, err) != 0 ||
        strings(st, SG_STMT_Q_VULNS,
                "SELECT vuln FROM decision_vuln WHERE decision = ?1 ORDER BY vuln", d->id,
                ar, &d->vulns, &d->nvulns, err) != 0)
        return -1;
    return 0;
}

/* one pass in id order, no sort: the unary + keep SQLite from picking the time indexes
   and sorting every row in a temporary B-tree (docs/performance.md); ?4 and ?5 bound
   the ids of a range (sg_q_each_decision_in) */
#define DECISIONS_WHERE                                                                  \
    " WHERE +d.at < ?1 AND ((d.outcome = 'act' AND +d.t >= ?2 AND +d.t < ?1) OR "        \
    "(d.outcome <> 'act' AND +d.at >= ?3))"

int sg_q_each_decision(struct sg_store *st, int64_t to, int64_t change_from,
                       int64_t other_from, unsigned flags, struct sg_arena *ar,
                       sg_decision_fn fn, void *ctx, struct sg_error *err)
{
    return sg_q_each_decision_in(st, to, change_from, other_from, flags, NULL, NULL, ar, fn,
                                 ctx, err);
}

int sg_q_each_decision_in(struct sg_store *st, int64_t to, int64_t change_from,
                          int64_t other_from, unsigned flags, const char *lo,
                          const char *hi, struct sg_arena *ar, sg_decision_fn fn,
                          void *ctx, struct sg_error *err)
{
    /* Not cached: the merge joins run while this one steps, and one_decision's
       cached statements may run from fn. */
    const char *cols = st->schema == 1                ? DECISION_COLS_V1
                       : (flags & SG_QD_PROVENANCE) ? DECISION_COLS
                                                      : DECISION_COLS_BARE;
    const char *range = lo && hi ? " AND d.id >= ?4 AND d.id < ?5"
                        : lo     ? " AND d.id >= ?4"
                        : hi     ? " AND d.id < ?5"
                                 : "";
    const char *mrange = lo && hi ? " WHERE decision >= ?4 AND decision < ?5"
                         : lo     ? " WHERE decision >= ?4"
                         : hi     ? " WHERE decision < ?5"
                                  : "";
    char *sql = sg_xasprintf("SELECT %s" DECISIONS_WHERE "%s ORDER BY d.id", cols, range);
    char *msql[2] = {
        sg_xasprintf("SELECT decision, asset FROM decision_target%s ORDER BY decision, "
                     "asset",
                     mrange),
        sg_xasprintf("SELECT decision, vuln FROM decision_vuln%s ORDER BY decision, vuln",
                     mrange)};
    sqlite3_stmt *s = NULL;
    struct merge m[2] = {{NULL, SQLITE_DONE}, {NULL, SQLITE_DONE}};
    int rc, cb = 0;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        cb = sg_store_sqlerr(st, err, "decisions");
        goto out;
    }
    for (int i = 0; i < 2; i++) {
        if (sqlite3_prepare_v2(st->db, msql[i], -1, &m[i].s, NULL) != SQLITE_OK) {
            cb = sg_store_sqlerr(st, err, "decisions");
            goto out;
        }
        if (lo != NULL)
            sqlite3_bind_text(m[i].s, 4, lo, -1, SQLITE_STATIC);
        if (hi != NULL)
            sqlite3_bind_text(m[i].s, 5, hi, -1, SQLITE_STATIC);
        m[i].rc = sqlite3_step(m[i].s);
    }
    sqlite3_bind_int64(s, 1, to);
    sqlite3_bind_int64(s, 2, change_from);
    sqlite3_bind_int64(s, 3, other_from);
    if (lo != NULL)
        sqlite3_bind_text(s, 4, lo, -1, SQLITE_STATIC);
    if (hi != NULL)
        sqlite3_bind_text(s, 5, hi, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct sg_decision d;
        sg_arena_reset(ar);
        if (fill_decision(st, s, m, ar, &d, err) != 0) {
            sg_decision_release(&d);
            cb = -1;
            break;
        }
        cb = fn(ctx, &d);
        sg_decision_release(&d);
        if (cb != 0)
            break;
    }
    if (cb == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
        cb = sg_store_sqlerr(st, err, "decisions");
out:
    sqlite3_finalize(m[0].s);
    sqlite3_finalize(m[1].s);
    sqlite3_finalize(s);
    free(sql);
    free(msql[0]);
    free(msql[1]);
    return cb;
}

int sg_q_decision_bounds(struct sg_store *st, size_t every, char ***out, size_t *n,
                         struct sg_error *err)
{
    sqlite3_stmt *s = NULL;
    size_t k = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT id FROM decision ORDER BY id", -1, &s, NULL) !=
        SQLITE_OK)
        return sg_store_sqlerr(st, err, "decisions");
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (++k % every == 0) {
            *out = sg_xrealloc(*out, (*n + 1) * sizeof(**out));
            (*out)[(*n)++] = sg_xstrdup((const char *)sqlite3_column_text(s, 0));
        }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        for (size_t i = 0; i < *n; i++)
            free((*out)[i]);
        free(*out);
        *out = NULL;
        *n = 0;
        return sg_store_sqlerr(st, err, "decisions");
    }
    return 0;
}

/* A cached statement: each use steps it once and resets it before returning, so that
   nested queries (fill_decision's) never find it running. */
static int one_decision(struct sg_store *st, int slot, const char *sql, const char *id,
                        int64_t to, struct sg_arena *ar, struct sg_decision *out,
                        struct sg_error *err)
{
    sqlite3_stmt *s = sg_store_stmt(st, slot, sql, err);
    int rc, found = 0;

    memset(out, 0, sizeof(*out));
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, to);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        found = fill_decision(st, s, NULL, ar, out, err) == 0 ? 1 : -1;
    } else if (rc != SQLITE_DONE) {
        found = sg_store_sqlerr(st, err, "decision");
    }
    sqlite3_reset(s);
    return found;
}

int sg_q_decision(struct sg_store *st, const char *id, int64_t to, struct sg_arena *ar,
                  struct sg_decision *out, struct sg_error *err)
{
    return one_decision(
        st, SG_STMT_Q_DECISION,
        st->schema == 1 ? "SELECT " DECISION_COLS_DOC_V1 " WHERE d.id = ?1 AND d.at < ?2"
                        : "SELECT " DECISION_COLS_DOC " WHERE d.id = ?1 AND d.at < ?2",
        id, to, ar, out, err);
}

int sg_q_decision_core(struct sg_store *st, const char *id, int64_t to,
                       struct sg_arena *ar, struct sg_decision *out, struct sg_error *err)
{
    return one_decision(
        st, SG_STMT_Q_DECISION_CORE,
        st->schema == 1 ? "SELECT " DECISION_COLS_V1 " WHERE d.id = ?1 AND d.at < ?2"
                        : "SELECT " DECISION_COLS " WHERE d.id = ?1 AND d.at < ?2",
        id, to, ar, out, err);
}

/* Has the run prepared the tables of `set`, at this `to` (sg_q_run_begin)? */
static int run_has(const struct sg_store *st, int64_t to, unsigned set)
{
    return (st->run_pairs & set) && st->run_to == to;
}

int sg_q_approvals(struct sg_store *st, const struct sg_decision *d, int64_t to,
                   struct sg_arena *ar, struct sg_approval **out, size_t *n,
                   struct sg_error *err)
{
    /* SPEC §2 Links: through `decision`, or through change_ref = the decision's ref; an
       approved one that names a decision belongs to that decision only. */
    sqlite3_stmt *s;
    int rc;

    int run = run_has(st, to, SG_RUN_DECISIONS);

    *out = NULL;
    *n = 0;
    if (run)
        s = sg_store_stmt(st, SG_STMT_Q_RUN_APPROVALS,
                          "SELECT id, adecision, change_ref, by, outcome, at FROM "
                          "temp.dec_appr WHERE decision = ?1 ORDER BY at, id",
                          err);
    else if (d->change_ref != NULL)
        s = sg_store_stmt(
            st, SG_STMT_Q_APPROVALS,
            "SELECT id, decision, change_ref, by, outcome, at FROM approval "
            "WHERE at < ?3 AND (decision = ?1 OR (change_ref = ?2 AND (outcome "
            "<> 'approved' OR decision IS NULL))) ORDER BY at, id",
            err);
    else
        s = sg_store_stmt(
            st, SG_STMT_Q_APPROVALS_NOREF,
            "SELECT id, decision, change_ref, by, outcome, at FROM approval "
            "WHERE at < ?3 AND decision = ?1 ORDER BY at, id",
            err);
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, d->id, -1, SQLITE_STATIC);
    if (!run) { /* the run's table holds the links at < to already */
        if (d->change_ref != NULL)
            sqlite3_bind_text(s, 2, d->change_ref, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 3, to);
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *out = sg_arena_grow(ar, *out, *n, sizeof(**out));
        struct sg_approval *a = &(*out)[(*n)++];
        a->id = col(ar, s, 0);
        a->decision = col(ar, s, 1);
        a->change_ref = col(ar, s, 2);
        a->by = col(ar, s, 3);
        a->outcome = col(ar, s, 4);
        a->at = sqlite3_column_int64(s, 5);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "approvals");
    return 0;
}

int sg_q_notifications(struct sg_store *st, const char *decision, int64_t to,
                       struct sg_arena *ar, struct sg_notification **out, size_t *n,
                       struct sg_error *err)
{
    sqlite3_stmt *s =
        run_has(st, to, SG_RUN_DECISIONS)
            ? sg_store_stmt(st, SG_STMT_Q_RUN_NOTIFICATIONS,
                            "SELECT id, recipient, at, window FROM temp.dec_note WHERE "
                            "decision = ?1 AND at < ?2 ORDER BY at, id",
                            err)
            : sg_store_stmt(st, SG_STMT_Q_NOTIFICATIONS,
                            "SELECT id, recipient, at, window FROM notification WHERE "
                            "decision = ?1 AND at < ?2 ORDER BY at, id",
                            err);
    int rc;

    *out = NULL;
    *n = 0;
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, decision, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, to);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *out = sg_arena_grow(ar, *out, *n, sizeof(**out));
        struct sg_notification *x = &(*out)[(*n)++];
        x->id = col(ar, s, 0);
        x->to = col(ar, s, 1);
        x->at = sqlite3_column_int64(s, 2);
        x->window = col_time(s, 3, -1);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "notifications");
    return 0;
}

static int acceptance_rows(struct sg_store *st, sqlite3_stmt *s, struct sg_arena *ar,
                           struct sg_acceptance **out, size_t *n, struct sg_error *err)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *out = sg_arena_grow(ar, *out, *n, sizeof(**out));
        struct sg_acceptance *a = &(*out)[(*n)++];
        a->id = col(ar, s, 0);
        a->decision = col(ar, s, 1);
        a->vuln = col(ar, s, 2);
        a->asset = col(ar, s, 3);
        a->owner = col(ar, s, 4);
        a->ack = sqlite3_column_int64(s, 5);
        a->has_expires = sqlite3_column_type(s, 6) != SQLITE_NULL;
        a->expires = col_time(s, 6, SG_TIME_MAX);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "acceptances");
    return 0;
}

static int acceptance_cmp(const void *pa, const void *pb)
{
    const struct sg_acceptance *a = pa, *b = pb;
    if (a->ack != b->ack)
        return a->ack < b->ack ? -1 : 1;
    return strcmp(a->id, b->id); /* SQLite's BINARY order of UTF-8 text */
}

/* The acceptances before `to` that name the decision, or one of its (vuln, asset)
   pairs: two index searches whose rows are merged here, in (ack, id) order, each once.
   One statement with OR, IN lists and ORDER BY cost about 89 000 instructions a
   decision (two IN lists and a sort in temporary B-trees, per call). */
/* Appends the rows of one acceptance search of decision d before `to` (?1, ?2). */
static int acceptances_by(struct sg_store *st, int slot, const char *sql,
                          const struct sg_decision *d, int64_t to, struct sg_arena *ar,
                          struct sg_acceptance **out, size_t *n, struct sg_error *err)
{
    sqlite3_stmt *s = sg_store_stmt(st, slot, sql, err);
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, d->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, to);
    return acceptance_rows(st, s, ar, out, n, err);
}

int sg_q_acceptances(struct sg_store *st, const struct sg_decision *d, int64_t to,
                     struct sg_arena *ar, struct sg_acceptance **out, size_t *n,
                     struct sg_error *err)
{
    size_t k = 0;

    *out = NULL;
    *n = 0;
    if (acceptances_by(st, SG_STMT_Q_ACCEPTANCES,
                       "SELECT id, decision, vuln, asset, owner, ack, expires FROM "
                       "acceptance WHERE decision = ?1 AND ack < ?2",
                       d, to, ar, out, n, err) != 0 ||
        acceptances_by(st, SG_STMT_Q_ACCEPTANCES_PAIR,
                       "SELECT a.id, a.decision, a.vuln, a.asset, a.owner, a.ack, "
                       "a.expires FROM decision_vuln v CROSS JOIN decision_target t CROSS "
                       "JOIN acceptance a WHERE v.decision = ?1 AND t.decision = ?1 AND "
                       "a.vuln = v.vuln AND a.asset = t.asset AND a.ack < ?2",
                       d, to, ar, out, n, err) != 0)
        return -1;
    if (*n < 2)
        return 0;
    /* an acceptance naming the decision and one of its pairs came twice: same id,
       same ack, so adjacent once sorted */
    qsort(*out, *n, sizeof(**out), acceptance_cmp);
    for (size_t i = 0; i < *n; i++)
        if (k == 0 || strcmp((*out)[k - 1].id, (*out)[i].id) != 0)
            (*out)[k++] = (*out)[i];
    *n = k;
    return 0;
}

static int policy_query(struct sg_store *st, const char *id, int64_t version, int64_t to,
                        struct sg_memo_entry *e, struct sg_error *err)
{
    sqlite3_stmt *s = sg_store_stmt(st, SG_STMT_Q_POLICY,
                                    "SELECT signed_by, signed_at, review_by, scope "
                                    "FROM policy WHERE id = ?1 AND version = ?2 AND "
                                    "(signed_at IS NULL OR signed_at < ?3)",
                                    err);
    int rc;

    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, version);
    sqlite3_bind_int64(s, 3, to);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        e->found = 1;
        if (sqlite3_column_type(s, 0) != SQLITE_NULL)
            e->s1 = sg_xstrdup((const char *)sqlite3_column_text(s, 0));
        e->has_b = sqlite3_column_type(s, 1) != SQLITE_NULL;
        e->b = col_time(s, 1, 0);
        e->has_c = sqlite3_column_type(s, 2) != SQLITE_NULL;
        e->c = col_time(s, 2, 0);
        if (sqlite3_column_type(s, 3) != SQLITE_NULL)
            e->j = json_loads((const char *)sqlite3_column_text(s, 3),
                              JSON_REJECT_DUPLICATES, NULL);
    } else if (rc != SQLITE_DONE) {
        sqlite3_reset(s);
        return sg_store_sqlerr(st, err, "policy");
    }
    sqlite3_reset(s);
    return 0;
}

/* The memo key of a policy lookup, "ID\x1fVERSION\x1fTO", into key. Made per decision,
   so not with printf (which was 5 % of check's instructions). */
static void policy_key(struct sg_buf *key, const char *id, int64_t version, int64_t to)
{
    sg_buf_reserve(key, strlen(id) + 2 * 24);
    sg_buf_adds(key, id);
    sg_buf_addc(key, '\x1f');
    sg_buf_add_int(key, version);
    sg_buf_addc(key, '\x1f');
    sg_buf_add_int(key, to);
}

int sg_q_policy(struct sg_store *st, const char *id, int64_t version, int64_t to,
                struct sg_arena *ar, struct sg_policy *out, struct sg_error *err)
{
    struct sg_memo_entry tmp = {0};
    const struct sg_memo_entry *e;
    struct sg_buf kb = {0};
    const char *key;
    struct sg_memo_entry *fresh;

    memset(out, 0, sizeof(*out));
    policy_key(&kb, id, version, to);
    key = sg_buf_str(&kb);
    e = sg_memo_get(st, 'L', key);
    if (e == NULL) {
        if (policy_query(st, id, version, to, &tmp, err) != 0) {
            sg_buf_release(&kb);
            return -1;
        }
        fresh = sg_memo_put(st, 'L', key);
        if (fresh != NULL) {
            *fresh = tmp;
            e = fresh;
        } else {
            e = &tmp;
        }
    }
    sg_buf_release(&kb);
    if (e->found) {
        out->id = sg_arena_strdup(ar, id);
        out->version = version;
        out->signed_by = e->s1 != NULL ? sg_arena_strdup(ar, e->s1) : NULL;
        out->has_signed_at = e->has_b;
        out->signed_at = e->b;
        out->has_review_by = e->has_c;
        out->review_by = e->c;
        out->scope = e->j != NULL ? json_incref(e->j) : NULL;
    }
    if (e == &tmp) {
        free(tmp.s1);
        json_decref(tmp.j);
    }
    return out->id != NULL;
}

int sg_q_party(struct sg_store *st, const char *id, enum sg_party *out,
               struct sg_error *err)
{
    const struct sg_memo_entry *e = sg_memo_get(st, 'P', id);
    struct sg_memo_entry *fresh;
    sqlite3_stmt *s;

    if (e != NULL) {
        *out = (enum sg_party)e->a;
        return 0;
    }
    s = sg_store_stmt(st, SG_STMT_Q_PARTY,
                      "SELECT (SELECT human FROM identity WHERE id = ?1), EXISTS "
                      "(SELECT 1 FROM agent WHERE id = ?1)",
                      err);
    *out = SG_PARTY_UNKNOWN;
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return sg_store_sqlerr(st, err, "party");
    }
    /* SPEC §4 Notation: a known human is an identity with human: true whose id is not
       also an agent's; non-human is an agent or an identity with human: false. */
    if (sqlite3_column_int(s, 1))
        *out = SG_PARTY_NON_HUMAN;
    else if (sqlite3_column_type(s, 0) != SQLITE_NULL)
        *out = sqlite3_column_int(s, 0) ? SG_PARTY_KNOWN_HUMAN : SG_PARTY_NON_HUMAN;
    sqlite3_reset(s);
    if ((fresh = sg_memo_put(st, 'P', id)) != NULL)
        fresh->a = (int)*out;
    return 0;
}

int sg_q_agent(struct sg_store *st, const char *id, int *is_agent, json_t **scope,
               struct sg_error *err)
{
    const struct sg_memo_entry *e = sg_memo_get(st, 'G', id);
    struct sg_memo_entry *fresh;
    sqlite3_stmt *s;
    int rc;

    *is_agent = 0;
    *scope = NULL;
    if (e != NULL) {
        *is_agent = e->found;
        *scope = e->j != NULL ? json_incref(e->j) : NULL;
        return 0;
    }
    s = sg_store_stmt(st, SG_STMT_Q_AGENT, "SELECT scope FROM agent WHERE id = ?1", err);
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *is_agent = 1;
        if (sqlite3_column_type(s, 0) != SQLITE_NULL)
            *scope = json_loads((const char *)sqlite3_column_text(s, 0),
                                JSON_REJECT_DUPLICATES, NULL);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "agent");
    if ((fresh = sg_memo_put(st, 'G', id)) != NULL) {
        fresh->found = *is_agent;
        fresh->j = *scope != NULL ? json_incref(*scope) : NULL;
    }
    return 0;
}

int sg_q_asset(struct sg_store *st, const char *id, struct sg_arena *ar,
               struct sg_asset *out, struct sg_error *err)
{
    const struct sg_memo_entry *e = sg_memo_get(st, 'A', id);
    struct sg_memo_entry *fresh;
    sqlite3_stmt *s;
    int rc, found = 0;

    memset(out, 0, sizeof(*out));
    if (e != NULL) {
        if (e->found) {
            out->id = sg_arena_strdup(ar, id);
            out->environment = e->s1 != NULL ? sg_arena_strdup(ar, e->s1) : NULL;
            out->criticality = e->a;
        }
        return e->found;
    }
    s = sg_store_stmt(st, SG_STMT_Q_ASSET,
                      "SELECT id, environment, criticality FROM asset WHERE id = ?1",
                      err);
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->id = col(ar, s, 0);
        out->environment = col(ar, s, 1);
        out->criticality = sqlite3_column_int(s, 2);
        found = 1;
    } else if (rc != SQLITE_DONE) {
        found = sg_store_sqlerr(st, err, "asset");
    }
    sqlite3_reset(s);
    if (found >= 0 && (fresh = sg_memo_put(st, 'A', id)) != NULL) {
        fresh->found = found;
        fresh->s1 = sg_memo_strdup(out->environment);
        fresh->a = out->criticality;
    }
    return found;
}

const char *sg_q_name(struct sg_store *st, const char *id, struct sg_arena *ar)
{
    struct sg_error err;
    sqlite3_stmt *s;
    const char *name = NULL;

    sg_error_init(&err);
    s = sg_store_stmt(
        st, SG_STMT_Q_NAME,
        "SELECT name FROM identity WHERE id = ?1 UNION ALL SELECT "
        "json_extract(r.json, '$.name') FROM agent a JOIN record r ON r.rid = "
        "a.rid WHERE a.id = ?1",
        &err);
    if (s == NULL)
        return NULL;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    while (name == NULL && sqlite3_step(s) == SQLITE_ROW)
        name = col(ar, s, 0);
    sqlite3_reset(s);
    return name;
}

/* ---- exposures -------------------------------------------------------------------- */

#define EXPOSURE_COLS                                                                    \
    "id, vuln, asset, first_seen, last_seen, fixed, severity, cvss, obs FROM exposure"

static void fill_exposure(struct sg_arena *ar, sqlite3_stmt *s, struct sg_exposure *x)
{
    x->id = col(ar, s, 0);
    x->vuln = col(ar, s, 1);
    x->asset = col(ar, s, 2);
    x->first_seen = sqlite3_column_int64(s, 3);
    x->has_last_seen = sqlite3_column_type(s, 4) != SQLITE_NULL;
    x->last_seen = col_time(s, 4, SG_TIME_MIN);
    x->fixed = sqlite3_column_int(s, 5);
    x->severity = sqlite3_column_type(s, 6) == SQLITE_NULL ? 0 : sqlite3_column_int(s, 6);
    x->has_cvss = sqlite3_column_type(s, 7) != SQLITE_NULL;
    x->cvss = x->has_cvss ? sqlite3_column_double(s, 7) : 0;
}

/* SPEC §4: judged by the observation with the latest last_seen < to, or, when none has
 * one, by the one with the earliest last_seen (absent is earliest). Rows come ordered
 * by obs (last_seen, absent = minimum) ascending. */
struct pick {
    struct sg_exposure best;
    int have_before, have_any, count;
};

static void pick_row(struct pick *p, struct sg_arena *ar, sqlite3_stmt *s, int64_t to)
{
    int64_t obs = sqlite3_column_int64(s, 8);
    int before = sqlite3_column_type(s, 4) != SQLITE_NULL && obs < to;
    p->count++;
    if (before || !p->have_any) {
        fill_exposure(ar, s, &p->best);
        p->have_any = 1;
        if (before)
            p->have_before = 1;
    }
    (void)p->have_before;
}

int sg_q_each_exposure(struct sg_store *st, int64_t to, struct sg_arena *ar,
                       sg_exposure_fn fn, void *ctx, struct sg_error *err)
{
    sqlite3_stmt *s = NULL;
    struct pick p;
    char *cur = NULL;
    int rc, cb = 0;

    memset(&p, 0, sizeof(p));
    if (sqlite3_prepare_v2(
            st->db, "SELECT " EXPOSURE_COLS " WHERE first_seen < ?1 ORDER BY id, obs", -1,
            &s, NULL) != SQLITE_OK)
        return sg_store_sqlerr(st, err, "exposures");
    sqlite3_bind_int64(s, 1, to);
    for (;;) {
        rc = sqlite3_step(s);
        const char *id =
            rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
        if (cur != NULL && (id == NULL || strcmp(id, cur) != 0)) {
            p.best.observations = p.count;
            cb = fn(ctx, &p.best);
            free(cur);
            cur = NULL;
            if (cb != 0)
                break;
        }
        if (rc != SQLITE_ROW)
            break;
        if (cur == NULL) {
            sg_arena_reset(ar);
            memset(&p, 0, sizeof(p));
            cur = sg_xstrdup(id);
        }
        pick_row(&p, ar, s, to);
    }
    free(cur);
    if (cb == 0 && rc != SQLITE_DONE)
        cb = sg_store_sqlerr(st, err, "exposures");
    sqlite3_finalize(s);
    return cb;
}

int sg_q_exposure(struct sg_store *st, const char *id, int64_t to, struct sg_arena *ar,
                  struct sg_exposure *out, struct sg_error *err)
{
    sqlite3_stmt *s = sg_store_stmt(
        st, SG_STMT_Q_EXPOSURE,
        "SELECT " EXPOSURE_COLS " WHERE id = ?1 AND first_seen < ?2 ORDER BY obs", err);
    struct pick p;
    int rc;

    memset(&p, 0, sizeof(p));
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, to);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        pick_row(&p, ar, s, to);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "exposure");
    if (!p.have_any)
        return 0;
    *out = p.best;
    out->observations = p.count;
    return 1;
}

/* Runs one statement of sg_q_run_begin with ?1 = to. */
static int run_exec(struct sg_store *st, const char *sql, int64_t to,
                    struct sg_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return sg_store_sqlerr(st, err, "pairs");
    if (sqlite3_bind_parameter_count(s) > 0)
        sqlite3_bind_int64(s, 1, to);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "pairs");
    return 0;
}

int sg_q_run_begin(struct sg_store *st, int64_t to, unsigned which, struct sg_error *err)
{
    /* Each table is one pass over the decision table in row order (each decision's vulns
       and targets by primary key), sorted once (docs/performance.md). */
    struct run_sql {
        unsigned set;
        const char *sql;
    };
    static const struct run_sql sql[] = {
        /* temp.pair_dec: one row per (vuln, asset, decision) with at < to, rem marking
           the changes that remediate (SPEC §4 Exposures) */
        {SG_RUN_EXPOSURES,
         "CREATE TEMP TABLE pair_dec(vuln TEXT NOT NULL, asset TEXT NOT NULL, "
         "decision TEXT NOT NULL, at INTEGER NOT NULL, t INTEGER, rem INTEGER NOT NULL)"},
        {SG_RUN_EXPOSURES,
         "INSERT INTO temp.pair_dec SELECT v.vuln, g.asset, d.id, d.at, d.t, "
         "d.outcome = 'act' AND d.action IN ('patch', 'upgrade', 'config_change') "
         "FROM decision d CROSS JOIN decision_vuln v ON v.decision = d.id "
         "CROSS JOIN decision_target g ON g.decision = d.id "
         "WHERE +d.at < ?1 ORDER BY 1, 2"},
        {SG_RUN_EXPOSURES, "CREATE INDEX temp.pair_dec_va ON pair_dec(vuln, asset)"},
        /* temp.change_tgt: one row per (asset, change) with at < to and t < to, by
           asset and t (the escalations' changes near) */
        {SG_RUN_DECISIONS,
         "CREATE TEMP TABLE change_tgt(asset TEXT NOT NULL, t INTEGER NOT NULL, "
         "id TEXT NOT NULL)"},
        {SG_RUN_DECISIONS,
         "INSERT INTO temp.change_tgt SELECT g.asset, d.t, d.id FROM decision d "
         "CROSS JOIN decision_target g ON g.decision = d.id "
         "WHERE d.outcome = 'act' AND +d.at < ?1 AND +d.t < ?1 ORDER BY 1, 2"},
        {SG_RUN_DECISIONS, "CREATE INDEX temp.change_tgt_at ON change_tgt(asset, t)"},
        /* temp.dec_appr: each decision's linked approvals (SPEC §2 Links, as
           sg_q_approvals reads them) in (at, id) order, both links in one key */
        {SG_RUN_DECISIONS,
         "CREATE TEMP TABLE dec_appr(decision TEXT NOT NULL, at INTEGER NOT NULL, "
         "id TEXT NOT NULL, adecision TEXT, change_ref TEXT, by TEXT NOT NULL, "
         "outcome TEXT NOT NULL, PRIMARY KEY(decision, at, id)) WITHOUT ROWID"},
        {SG_RUN_DECISIONS,
         "INSERT OR IGNORE INTO temp.dec_appr SELECT decision, at, id, decision, "
         "change_ref, by, outcome FROM approval "
         "WHERE decision IS NOT NULL AND at < ?1 ORDER BY 1, 2, 3"},
        {SG_RUN_DECISIONS,
         "INSERT OR IGNORE INTO temp.dec_appr SELECT d.id, a.at, a.id, a.decision, "
         "a.change_ref, a.by, a.outcome FROM decision d "
         "CROSS JOIN approval a ON a.change_ref = d.change_ref "
         "WHERE d.change_ref IS NOT NULL AND (a.outcome <> 'approved' OR "
         "a.decision IS NULL) AND a.at < ?1 ORDER BY 1, 2, 3"},
        /* temp.dec_note: each decision's notifications in (at, id) order */
        {SG_RUN_DECISIONS,
         "CREATE TEMP TABLE dec_note(decision TEXT NOT NULL, at INTEGER NOT NULL, "
         "id TEXT NOT NULL, recipient TEXT NOT NULL, window INTEGER, "
         "PRIMARY KEY(decision, at, id)) WITHOUT ROWID"},
        {SG_RUN_DECISIONS,
         "INSERT INTO temp.dec_note SELECT decision, at, id, recipient, window "
         "FROM notification WHERE at < ?1 ORDER BY 1, 2, 3"},
    };

    sg_q_run_end(st);
    /* the run's tables get the temporary database a cache of their size (SQLite's
       default is 2 MiB): building them at 1 M decisions took 15-25 % less; sg_q_run_end
       gives it back (docs/performance.md) */
    char *pragma = sg_xasprintf("PRAGMA temp.cache_size=-%d",
                                ((which & SG_RUN_DECISIONS) ? 49152 : 0) +
                                    ((which & SG_RUN_EXPOSURES) ? 16384 : 0) + 2048);
    sqlite3_exec(st->db, pragma, NULL, NULL, NULL);
    free(pragma);
    for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
        if ((sql[i].set & which) && run_exec(st, sql[i].sql, to, err) != 0) {
            sg_q_run_end(st);
            return -1;
        }
    st->run_pairs = which;
    st->run_to = to;
    return 0;
}

void sg_q_run_end(struct sg_store *st)
{
    static const int slots[] = {
        SG_STMT_Q_RUN_REMEDIATION,      SG_STMT_Q_RUN_PAIR_DECIDED,
        SG_STMT_Q_RUN_PAIR_ACCEPTANCES, SG_STMT_Q_RUN_CHANGES_NEAR,
        SG_STMT_Q_RUN_APPROVALS,        SG_STMT_Q_RUN_NOTIFICATIONS};
    /* the statements on the run's tables go first: a table in use cannot be dropped */
    for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
        sqlite3_finalize(st->stmts[slots[i]]);
        st->stmts[slots[i]] = NULL;
    }
    sqlite3_exec(
        st->db,
        "DROP TABLE IF EXISTS temp.pair_dec; DROP TABLE IF EXISTS temp.change_tgt; "
        "DROP TABLE IF EXISTS temp.dec_appr; DROP TABLE IF EXISTS temp.dec_note; "
        "PRAGMA temp.cache_size=-2048",
        NULL, NULL, NULL);
    st->run_pairs = 0;
}

int sg_q_first_remediation(struct sg_store *st, const char *vuln, const char *asset,
                           int64_t from_t, int64_t to, int64_t *out, struct sg_error *err)
{
    sqlite3_stmt *s =
        run_has(st, to, SG_RUN_EXPOSURES)
            ? sg_store_stmt(st, SG_STMT_Q_RUN_REMEDIATION,
                            "SELECT min(t) FROM temp.pair_dec WHERE vuln = ?1 AND "
                            "asset = ?2 AND rem AND t >= ?3 AND t < ?4",
                            err)
            : sg_store_stmt(st, SG_STMT_Q_REMEDIATION,
                            /* CROSS JOIN keeps this order: the pair's decisions by vuln,
                               then by asset through the primary key, and only then the
                               decision rows (docs/performance.md)
                             */
                            "SELECT min(d.t) FROM decision_vuln v "
                            "CROSS JOIN decision_target g ON g.decision = v.decision "
                            "AND g.asset = ?2 CROSS JOIN decision d ON d.id = v.decision "
                            "WHERE v.vuln = ?1 AND d.outcome = 'act' AND d.action IN "
                            "('patch', 'upgrade', 'config_change') AND d.at < ?4 AND "
                            "d.t >= ?3 AND d.t < ?4",
                            err);
    *out = SG_TIME_MAX;
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, vuln, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, asset, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, from_t);
    sqlite3_bind_int64(s, 4, to);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
        *out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return 0;
}

int sg_q_pair_decided(struct sg_store *st, const char *vuln, const char *asset,
                      int64_t at_max, int64_t to, int *out, struct sg_error *err)
{
    sqlite3_stmt *s =
        run_has(st, to, SG_RUN_EXPOSURES)
            ? sg_store_stmt(st, SG_STMT_Q_RUN_PAIR_DECIDED,
                            "SELECT EXISTS(SELECT 1 FROM temp.pair_dec WHERE "
                            "vuln = ?1 AND asset = ?2 AND at <= ?3 AND at < ?4)",
                            err)
            : sg_store_stmt(st, SG_STMT_Q_PAIR_DECIDED,
                            "SELECT EXISTS(SELECT 1 FROM decision_vuln v "
                            "CROSS JOIN decision_target g ON g.decision = v.decision "
                            "AND g.asset = ?2 CROSS JOIN decision d ON d.id = v.decision "
                            "WHERE v.vuln = ?1 AND d.at <= ?3 AND d.at < ?4)",
                            err);
    *out = 0;
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, vuln, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, asset, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, at_max);
    sqlite3_bind_int64(s, 4, to);
    if (sqlite3_step(s) == SQLITE_ROW)
        *out = sqlite3_column_int(s, 0);
    sqlite3_reset(s);
    return 0;
}

int sg_q_pair_acceptances(struct sg_store *st, const char *vuln, const char *asset,
                          int64_t to, struct sg_arena *ar, struct sg_acceptance **out,
                          size_t *n, struct sg_error *err)
{
    sqlite3_stmt *s =
        run_has(st, to, SG_RUN_EXPOSURES)
            ? sg_store_stmt(st, SG_STMT_Q_RUN_PAIR_ACCEPTANCES,
                            "SELECT id, decision, vuln, asset, owner, ack, "
                            "expires FROM acceptance WHERE ack < ?3 "
                            "AND ((vuln = ?1 AND asset = ?2) OR decision IN "
                            "(SELECT decision FROM temp.pair_dec WHERE vuln = ?1 "
                            "AND asset = ?2)) ORDER BY ack, id",
                            err)
            : sg_store_stmt(st, SG_STMT_Q_PAIR_ACCEPTANCES,
                            "SELECT id, decision, vuln, asset, owner, ack, "
                            "expires FROM acceptance WHERE ack < ?3 "
                            "AND ((vuln = ?1 AND asset = ?2) OR decision IN "
                            "(SELECT v.decision FROM decision_vuln "
                            "v CROSS JOIN decision_target g ON g.decision = "
                            "v.decision AND g.asset = ?2 CROSS JOIN "
                            "decision d ON d.id = v.decision WHERE v.vuln = ?1 "
                            "AND d.at < ?3)) ORDER BY ack, id",
                            err);
    *out = NULL;
    *n = 0;
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, vuln, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, asset, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, to);
    return acceptance_rows(st, s, ar, out, n, err);
}

int sg_q_changes_near(struct sg_store *st, const struct sg_decision *d, int64_t after,
                      int64_t until, int64_t to, struct sg_arena *ar, const char ***out,
                      size_t *n, struct sg_error *err)
{
    int run = run_has(st, to, SG_RUN_DECISIONS);
    sqlite3_stmt *s =
        run
            ? sg_store_stmt(st, SG_STMT_Q_RUN_CHANGES_NEAR,
                            "SELECT DISTINCT c.id FROM decision_target mine "
                            "CROSS JOIN temp.change_tgt c ON c.asset = "
                            "mine.asset WHERE mine.decision = ?1 AND c.t > ?2 "
                            "AND c.t <= ?3 ORDER BY c.id",
                            err)
            : sg_store_stmt(st, SG_STMT_Q_CHANGES_NEAR,
                            "SELECT DISTINCT c.id FROM decision_target mine JOIN "
                            "decision_target g ON g.asset = "
                            "mine.asset JOIN decision c ON c.id = g.decision WHERE "
                            "mine.decision = ?1 AND "
                            "c.outcome = 'act' AND c.t > ?2 AND c.t <= ?3 AND c.at < ?4 "
                            "AND c.t < ?4 ORDER BY c.id",
                            err);
    int rc;
    *out = NULL;
    *n = 0;
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, d->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, after);
    sqlite3_bind_int64(s, 3, until);
    if (!run) /* the run's table holds at, t < to already */
        sqlite3_bind_int64(s, 4, to);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *out = sg_arena_grow(ar, (void *)*out, *n, sizeof(**out));
        (*out)[(*n)++] = col(ar, s, 0);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "changes");
    return 0;
}

int sg_q_match(struct sg_store *st, const char *id, int64_t to, struct sg_arena *ar,
               const char ***by_id, size_t *n_id, const char ***by_ref, size_t *n_ref,
               const char ***by_vuln, size_t *n_vuln, struct sg_error *err)
{
    (void)to;
    if (strings(st, SG_STMT_Q_MATCH_ID, "SELECT id FROM decision WHERE id = ?1", id, ar,
                by_id, n_id, err) != 0 ||
        strings(st, SG_STMT_Q_MATCH_REF,
                "SELECT id FROM decision WHERE change_ref = ?1 ORDER BY at, id", id, ar,
                by_ref, n_ref, err) != 0 ||
        strings(
            st, SG_STMT_Q_MATCH_VULN,
            "SELECT d.id FROM decision_vuln v JOIN decision d ON d.id = v.decision WHERE "
            "v.vuln = ?1 ORDER BY d.at, d.id",
            id, ar, by_vuln, n_vuln, err) != 0)
        return -1;
    return 0;
}

int sg_q_exposures_of_vuln(struct sg_store *st, const char *vuln, struct sg_arena *ar,
                           const char ***out, size_t *n, struct sg_error *err)
{
    return strings(
        st, SG_STMT_Q_EXPOSURES_OF_VULN,
        "SELECT DISTINCT id FROM exposure WHERE vuln = ?1 OR id = ?1 ORDER BY id", vuln,
        ar, out, n, err);
}

/* ---- findings --------------------------------------------------------------------- */

static int ensure_findings(struct sg_store *st, struct sg_error *err)
{
    if (st->findings_ready)
        return 0;
    if (sqlite3_exec(
            st->db,
            "CREATE TEMP TABLE IF NOT EXISTS finding(code TEXT NOT NULL, subject TEXT "
            "NOT NULL, reasons TEXT NOT NULL, severity TEXT NOT NULL, PRIMARY "
            "KEY(code, subject)) WITHOUT ROWID",
            NULL, NULL, NULL) != SQLITE_OK)
        return sg_store_sqlerr(st, err, "findings");
    st->findings_ready = 1;
    return 0;
}

int sg_q_finding_add(struct sg_store *st, const char *code, const char *subject,
                     const char *reasons_json, const char *severity, struct sg_error *err)
{
    sqlite3_stmt *s;
    if (ensure_findings(st, err) != 0)
        return -1;
    s = sg_store_stmt(st, SG_STMT_Q_FINDING_ADD,
                      "INSERT OR IGNORE INTO temp.finding VALUES(?1, ?2, ?3, ?4)", err);
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, reasons_json, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, severity, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
        sqlite3_reset(s);
        return sg_store_sqlerr(st, err, "finding");
    }
    sqlite3_reset(s);
    return sqlite3_changes(st->db) > 0 ? 1 : 0;
}

int sg_q_each_finding(struct sg_store *st, sg_finding_row_fn fn, void *ctx,
                      struct sg_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc, cb = 0;
    if (ensure_findings(st, err) != 0)
        return -1;
    if (sqlite3_prepare_v2(
            st->db,
            "SELECT code, subject, reasons, severity FROM temp.finding ORDER BY "
            "code, subject",
            -1, &s, NULL) != SQLITE_OK)
        return sg_store_sqlerr(st, err, "findings");
    while (cb == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW)
        cb = fn(ctx, (const char *)sqlite3_column_text(s, 0),
                (const char *)sqlite3_column_text(s, 1),
                (const char *)sqlite3_column_text(s, 2),
                (const char *)sqlite3_column_text(s, 3));
    sqlite3_finalize(s);
    return cb;
}

int sg_q_findings_clear(struct sg_store *st, struct sg_error *err)
{
    if (ensure_findings(st, err) != 0)
        return -1;
    if (sqlite3_exec(st->db, "DELETE FROM temp.finding", NULL, NULL, NULL) != SQLITE_OK)
        return sg_store_sqlerr(st, err, "findings");
    return 0;
}

int sg_q_each_policy(struct sg_store *st, int64_t to,
                     int (*fn)(void *ctx, const struct sg_policy_row *p), void *ctx,
                     struct sg_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc, cb = 0;
    if (sqlite3_prepare_v2(
            st->db,
            /* the citations counted in one pass over the decisions, not one per policy;
               the unary + keeps SQLite from the time index (a random row lookup per
               decision: 3.4 s instead of 0.8 at 1 M) */
            "SELECT p.id, p.version, json_extract(r.json, '$.title'), p.signed_by, "
            "p.signed_at, p.review_by, coalesce(c.n, 0) FROM policy p JOIN record r ON "
            "r.rid = p.rid LEFT JOIN (SELECT policy_id, policy_version, count(*) AS n "
            "FROM "
            "decision WHERE policy_id IS NOT NULL AND +at < ?1 GROUP BY policy_id, "
            "policy_version) c ON c.policy_id = p.id AND c.policy_version = p.version "
            "WHERE "
            "p.signed_at IS NULL OR p.signed_at < ?1 ORDER BY p.id, p.version",
            -1, &s, NULL) != SQLITE_OK)
        return sg_store_sqlerr(st, err, "policies");
    sqlite3_bind_int64(s, 1, to);
    while (cb == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct sg_policy_row p;
        memset(&p, 0, sizeof(p));
        p.id = (const char *)sqlite3_column_text(s, 0);
        p.version = sqlite3_column_int64(s, 1);
        p.title = (const char *)sqlite3_column_text(s, 2);
        p.signed_by = (const char *)sqlite3_column_text(s, 3);
        p.has_signed_at = sqlite3_column_type(s, 4) != SQLITE_NULL;
        p.signed_at = sqlite3_column_int64(s, 4);
        p.has_review_by = sqlite3_column_type(s, 5) != SQLITE_NULL;
        p.review_by = sqlite3_column_int64(s, 5);
        p.cited = sqlite3_column_int64(s, 6);
        cb = fn(ctx, &p);
    }
    sqlite3_finalize(s);
    return cb;
}

int sg_q_each_party(struct sg_store *st,
                    int (*fn)(void *ctx, const struct sg_party_row *p), void *ctx,
                    struct sg_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc, cb = 0;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT id, max(name), max(is_identity), max(is_agent), "
                           "max(human) FROM (SELECT id, "
                           "name, 1 AS is_identity, 0 AS is_agent, human FROM identity "
                           "UNION ALL SELECT a.id, "
                           "json_extract(r.json, '$.name'), 0, 1, 0 FROM agent a JOIN "
                           "record r ON r.rid = "
                           "a.rid) GROUP BY id ORDER BY id",
                           -1, &s, NULL) != SQLITE_OK)
        return sg_store_sqlerr(st, err, "parties");
    while (cb == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct sg_party_row p;
        p.id = (const char *)sqlite3_column_text(s, 0);
        p.name = (const char *)sqlite3_column_text(s, 1);
        p.is_identity = sqlite3_column_int(s, 2);
        p.is_agent = sqlite3_column_int(s, 3);
        p.human = sqlite3_column_int(s, 4);
        cb = fn(ctx, &p);
    }
    sqlite3_finalize(s);
    return cb;
}
