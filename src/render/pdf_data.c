/* render/pdf_data.c: the verdicts of one report run, kept for the PDF in a private
 * temporary SQLite database. The trace engine streams verdicts once, in id order; the
 * PDF prints them by section in time order, twice (measuring, drawing). A temporary
 * database gives that in bounded memory: SQLite spills it to its own temporary file. */
#include "pdf_int.h"

#include "signoff/model.h"
#include "signoff/render.h"
#include "signoff/store.h"
#include "signoff/time.h"
#include "signoff/trace.h"
#include "signoff/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char schema[] =
    "PRAGMA journal_mode=OFF;"
    "PRAGMA synchronous=OFF;"
    "PRAGMA cache_size=-8192;"
    "PRAGMA temp_store=FILE;"
    "CREATE TABLE v(kind TEXT NOT NULL, state TEXT NOT NULL, id TEXT NOT NULL, agent TEXT,"
    " action TEXT, at INTEGER, t INTEGER, due INTEGER, production INTEGER, tier INTEGER,"
    " path TEXT, by_ TEXT, via TEXT, source TEXT, line INTEGER, targets TEXT, vulns TEXT,"
    " reasons TEXT, vuln TEXT, asset TEXT, first_seen INTEGER, remediated INTEGER);"
    "CREATE TABLE f(n INTEGER PRIMARY KEY, code TEXT NOT NULL, subject TEXT NOT NULL,"
    " severity TEXT NOT NULL, reasons TEXT NOT NULL);"
    "CREATE TABLE ev(k TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID;"
    "BEGIN;";

int pdf_data_open(struct pdf_data *pd, struct sg_error *err)
{
    memset(pd, 0, sizeof(*pd));
    pd->err = err;
    /* "": a private temporary database on disk, deleted when closed */
    if (sqlite3_open_v2("", &pd->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
            SQLITE_OK ||
        sqlite3_exec(pd->db, schema, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(pd->db,
                           "INSERT INTO v VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,"
                           "?14,?15,?16,?17,?18,?19,?20,?21,?22)",
                           -1, &pd->ins, NULL) != SQLITE_OK) {
        sg_error_set(err, EX_IOERR, NULL, "cannot create the PDF's temporary database: %s",
                     pd->db ? sqlite3_errmsg(pd->db) : "out of memory");
        pdf_data_close(pd);
        return -1;
    }
    return 0;
}

void pdf_data_close(struct pdf_data *pd)
{
    sqlite3_finalize(pd->ins);
    sqlite3_close(pd->db);
    pd->ins = NULL;
    pd->db = NULL;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v != NULL)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_time(sqlite3_stmt *s, int i, int64_t t)
{
    if (t != SG_TIME_MIN && t != SG_TIME_MAX)
        sqlite3_bind_int64(s, i, t);
}

static void bind_list(sqlite3_stmt *s, int i, const char *const *items, size_t n)
{
    struct sg_buf b = {0};
    for (size_t k = 0; k < n; k++) {
        if (k)
            sg_buf_addc(&b, '\n');
        sg_buf_adds(&b, items[k]);
    }
    if (n)
        sqlite3_bind_text(s, i, sg_buf_str(&b), -1, SQLITE_TRANSIENT);
    sg_buf_release(&b);
}

static void bind_reasons(sqlite3_stmt *s, int i, const struct sg_verdict *v)
{
    struct sg_buf b = {0};
    int n = v->kind == SG_VK_CHANGE ? SG_R__COUNT : SG_D__COUNT;
    for (int r = 0; r < n; r++)
        if (v->reasons & (1u << r)) {
            if (b.len)
                sg_buf_addc(&b, ' ');
            sg_buf_adds(&b, v->kind == SG_VK_CHANGE ? sg_untraced_reason_name(r)
                                                    : sg_deferral_reason_name(r));
        }
    if (b.len)
        sqlite3_bind_text(s, i, sg_buf_str(&b), -1, SQLITE_TRANSIENT);
    sg_buf_release(&b);
}

int pdf_data_verdict(void *ctx, const struct sg_verdict *v)
{
    struct pdf_data *pd = ctx;
    sqlite3_stmt *s = pd->ins;
    const struct sg_decision *d = v->decision;
    const char *kind;

    if (pd->failed)
        return -1;
    if (v->kind == SG_VK_EXPOSURE) {
        if (v->state != SG_ST_SILENT && v->state != SG_ST_BREACH && v->state != SG_ST_EXCUSED)
            return 0;
        kind = "exposure";
    } else if (v->state == SG_ST_PENDING) {
        kind = "pending";
    } else {
        kind = v->kind == SG_VK_CHANGE ? "change"
               : v->kind == SG_VK_DEFERRAL ? "deferral" : "escalation";
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    bind_text(s, 1, kind);
    bind_text(s, 2, sg_state_name(v->state));
    if (d != NULL) {
        bind_text(s, 3, d->id);
        bind_text(s, 4, d->agent);
        bind_text(s, 5, v->state == SG_ST_PENDING
                            ? (v->kind == SG_VK_DEFERRAL ? "deferral" : "escalation")
                            : d->action);
        bind_time(s, 6, d->at);
        bind_time(s, 7, d->t);
        if (v->kind != SG_VK_CHANGE)
            bind_time(s, 8, v->when);
        sqlite3_bind_int(s, 9, v->production);
        sqlite3_bind_int64(s, 10, v->required_tier);
        bind_text(s, 11, sg_path_name(v->path));
        bind_text(s, 14, d->source);
        sqlite3_bind_int64(s, 15, d->line);
        bind_list(s, 16, d->targets, d->ntargets);
        bind_list(s, 17, d->vulns, d->nvulns);
        bind_reasons(s, 18, v);
    } else {
        const struct sg_exposure *x = v->exposure;
        bind_text(s, 3, x->id);
        bind_time(s, 8, v->when);
        bind_text(s, 19, x->vuln);
        bind_text(s, 20, x->asset);
        bind_time(s, 21, x->first_seen);
        bind_time(s, 22, v->remediated_at);
    }
    bind_text(s, 12, v->by);
    bind_text(s, 13, v->via);
    if (sqlite3_step(s) != SQLITE_DONE) {
        sg_error_set(pd->err, EX_IOERR, NULL, "cannot write the PDF's temporary database: %s",
                     sqlite3_errmsg(pd->db));
        pd->failed = 1;
        return -1;
    }
    return 0;
}

struct fcopy {
    struct pdf_data *pd;
    sqlite3_stmt *s;
    long n;
};

static int copy_finding(void *ctx, const char *code, const char *subject, const char *reasons,
                        const char *severity)
{
    struct fcopy *c = ctx;
    sqlite3_reset(c->s);
    sqlite3_bind_int64(c->s, 1, ++c->n);
    sqlite3_bind_text(c->s, 2, code, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(c->s, 3, subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(c->s, 4, severity, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(c->s, 5, reasons, -1, SQLITE_TRANSIENT);
    return sqlite3_step(c->s) == SQLITE_DONE ? 0 : -1;
}

static const char indexes[] =
    "CREATE INDEX v_kind ON v(kind, t, id);"
    "CREATE INDEX v_id ON v(id, kind);"
    "CREATE INDEX f_subject ON f(code, subject);"
    "COMMIT;";

int pdf_data_findings(struct pdf_data *pd, struct sg_store *st, struct sg_error *err)
{
    struct fcopy c = {pd, NULL, 0};
    int rc;
    if (pd->failed)
        return -1;
    if (sqlite3_prepare_v2(pd->db, "INSERT INTO f VALUES(?1,?2,?3,?4,?5)", -1, &c.s, NULL) !=
        SQLITE_OK) {
        sg_error_set(err, EX_SOFTWARE, NULL, "PDF database: %s", sqlite3_errmsg(pd->db));
        return -1;
    }
    rc = sg_q_each_finding(st, copy_finding, &c, err);
    sqlite3_finalize(c.s);
    if (rc != 0) {
        sg_error_set(err, EX_IOERR, NULL, "cannot write the PDF's temporary database: %s",
                     sqlite3_errmsg(pd->db));
        return -1;
    }
    if (sqlite3_exec(pd->db, indexes, NULL, NULL, NULL) != SQLITE_OK) {
        sg_error_set(err, EX_IOERR, NULL, "cannot index the PDF's temporary database: %s",
                     sqlite3_errmsg(pd->db));
        return -1;
    }
    return 0;
}

sqlite3_stmt *pdf_data_query(struct pdf_data *pd, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(pd->db, sql, -1, &s, NULL) != SQLITE_OK) {
        sg_error_set(pd->err, EX_SOFTWARE, NULL, "PDF query: %s", sqlite3_errmsg(pd->db));
        return NULL;
    }
    return s;
}

struct pdf_data *sg_render_pdf_begin(struct sg_report_opts *o, struct sg_error *err)
{
    struct pdf_data *pd = sg_xmalloc(sizeof(*pd));
    if (pdf_data_open(pd, err) != 0) {
        free(pd);
        return NULL;
    }
    o->tee = pdf_data_verdict;
    o->tee_ctx = pd;
    return pd;
}

void sg_render_pdf_free(struct pdf_data *pd)
{
    if (pd != NULL) {
        pdf_data_close(pd);
        free(pd);
    }
}
