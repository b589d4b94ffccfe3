/* store/store.c: opening the evidence store, the append-only insert with SPEC §8's
 * conflict rules, and the store-wide queries (sources, counts, latest event). */
#include "signoff/store.h"
#include "schema.h"
#include "signoff/json.h"
#include "signoff/model.h"
#include "signoff/time.h"
#include "signoff/threads.h"
#include "signoff/xalloc.h"
#include "store_int.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int sg_store_sqlerr(struct sg_store *st, struct sg_error *err, const char *what)
{
    int code = sqlite3_errcode(st->db);
    int ex = (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_READONLY ||
              code == SQLITE_CANTOPEN)
                 ? EX_IOERR
             : (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) ? EX_DATAERR
                                                                 : EX_SOFTWARE;
    if (code == SQLITE_NOTADB)
        return sg_error_set(err, EX_DATAERR, NULL,
                            "\"%s\" is not a signoff store (not an "
                            "SQLite database)",
                            st->path ? st->path : ":memory:");
    return sg_error_set(err, ex, NULL, "store \"%s\": %s: %s",
                        st->path ? st->path : ":memory:", what, sqlite3_errmsg(st->db));
}

sqlite3_stmt *sg_store_stmt(struct sg_store *st, int slot, const char *sql,
                            struct sg_error *err)
{
    sqlite3_stmt *s = st->stmts[slot];
    if (s != NULL) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        return s;
    }
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) !=
        SQLITE_OK) {
        sg_store_sqlerr(st, err, "prepare");
        return NULL;
    }
    st->stmts[slot] = s;
    return s;
}

static int exec(struct sg_store *st, const char *sql, struct sg_error *err)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return sg_store_sqlerr(st, err, "exec");
    return 0;
}

/* Schema 1 -> 2: the decisions' facts and tier, computed from each stored record, and
 * their provenance (source, line) copied from it, in
 * one transaction with the new version: a failure (another connection writing, a full
 * disk) leaves the store as it was, at schema 1. */
static int migrate_v1(struct sg_store *st, struct sg_error *err)
{
    sqlite3_stmt *sel = NULL, *upd = NULL;
    int rc = SQLITE_OK;

    if (exec(st, "BEGIN IMMEDIATE", err) != 0)
        return -1;
    if (exec(st,
             "ALTER TABLE decision ADD COLUMN facts INTEGER NOT NULL DEFAULT 0;"
             "ALTER TABLE decision ADD COLUMN tier INTEGER;"
             "ALTER TABLE decision ADD COLUMN source INTEGER NOT NULL DEFAULT 0;"
             "ALTER TABLE decision ADD COLUMN line INTEGER NOT NULL DEFAULT 0;"
             "UPDATE decision SET source = r.source, line = r.line FROM record r "
             "WHERE r.rid = decision.rid;",
             err) != 0)
        goto fail;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT d.rowid, r.json FROM decision d JOIN record r ON "
                           "r.rid = d.rid",
                           -1, &sel, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db,
                           "UPDATE decision SET facts = ?2, tier = ?3 WHERE rowid = ?1",
                           -1, &upd, NULL) != SQLITE_OK) {
        sg_store_sqlerr(st, err, "schema upgrade");
        goto fail;
    }
    while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
        json_t *doc = json_loads((const char *)sqlite3_column_text(sel, 1), 0, NULL);
        int has_tier;
        int64_t tier;
        if (doc == NULL) {
            sg_error_set(err, EX_DATAERR, NULL,
                         "cannot upgrade the store: a stored decision is not JSON");
            goto fail;
        }
        sqlite3_bind_int64(upd, 1, sqlite3_column_int64(sel, 0));
        sqlite3_bind_int64(upd, 2, sg_decision_facts(doc, &has_tier, &tier));
        if (has_tier)
            sqlite3_bind_int64(upd, 3, tier);
        else
            sqlite3_bind_null(upd, 3);
        json_decref(doc);
        if (sqlite3_step(upd) != SQLITE_DONE) {
            sg_store_sqlerr(st, err, "schema upgrade");
            goto fail;
        }
        sqlite3_reset(upd);
    }
    if (rc != SQLITE_DONE) {
        sg_store_sqlerr(st, err, "schema upgrade");
        goto fail;
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(upd);
    if (exec(st,
             "UPDATE meta SET value = '" SG_SCHEMA_VERSION "' WHERE key = 'schema';"
             "COMMIT",
             err) != 0) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    st->schema = 2;
    return 0;
fail:
    sqlite3_finalize(sel);
    sqlite3_finalize(upd);
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

static int check_schema(struct sg_store *st, struct sg_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc = -1, n = 0;

    if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master", -1, &s, NULL) !=
        SQLITE_OK) {
        if (sqlite3_errcode(st->db) == SQLITE_NOTADB)
            return sg_error_set(err, EX_DATAERR, NULL, "\"%s\" is not a signoff store",
                                st->path);
        return sg_store_sqlerr(st, err, "open");
    }
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    s = NULL;
    if (n == 0) {
        if (st->readonly)
            return sg_error_set(err, EX_DATAERR, NULL, "\"%s\" is not a signoff store",
                                st->path);
        if (exec(st,
                 "BEGIN;" SG_SCHEMA_SQL
                 "INSERT INTO meta VALUES('schema', '" SG_SCHEMA_VERSION "');"
                 "INSERT INTO meta VALUES('application', 'signoff');COMMIT;",
                 err) != 0) {
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            return -1;
        }
        return 0;
    }
    if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = 'schema'", -1, &s,
                           NULL) != SQLITE_OK ||
        sqlite3_step(s) != SQLITE_ROW) {
        sg_error_set(err, EX_DATAERR, NULL, "\"%s\" is not a signoff store", st->path);
        goto out;
    }
    if (strcmp((const char *)sqlite3_column_text(s, 0), "1") == 0) {
        /* schema 1 lacks decision.facts and .tier: read them from the records (query.c)
           or, when this connection may write, add them now */
        sqlite3_finalize(s);
        s = NULL;
        st->schema = 1;
        return st->readonly ? 0 : migrate_v1(st, err);
    }
    if (strcmp((const char *)sqlite3_column_text(s, 0), SG_SCHEMA_VERSION) != 0) {
        sg_error_set(err, EX_DATAERR, NULL,
                     "store \"%s\" has schema %s; this signoff reads %s", st->path,
                     sqlite3_column_text(s, 0), SG_SCHEMA_VERSION);
        goto out;
    }
    rc = 0;
out:
    sqlite3_finalize(s);
    return rc;
}

/* A private store does not outlive the run: nothing to sync, its journal in memory. */
static int private_pragmas(struct sg_store *st, struct sg_error *err)
{
    return exec(st, "PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY;", err);
}

int64_t sg_store_file_bytes(const struct sg_store *st)
{
    struct stat sb;
    return st->path != NULL && stat(st->path, &sb) == 0 ? (int64_t)sb.st_size : 0;
}

static struct sg_store *store_new(const char *path)
{
    struct sg_store *st = sg_xcalloc(1, sizeof(*st));
    st->path = path ? sg_xstrdup(path) : NULL;
    st->schema = 2;
    return st;
}

/* A writer killed mid-transaction (SIGKILL, power loss) leaves a hot journal beside the
 * store; SQLite rolls it back on the next read, but only on a connection that may write
 * (a read-only one fails with "attempt to write a readonly database"). So before a
 * read-only open, a store with a journal is opened read-write once, when we may write
 * there, and read, which rolls the interrupted transaction back: the store is again
 * exactly what it was before that ingest (tests/scripts/store_crash.sh). */
static void recover_journal(const char *path)
{
    char *journal = sg_xasprintf("%s-journal", path);
    sqlite3 *db = NULL;

    if (access(journal, F_OK) == 0 && access(path, W_OK) == 0 &&
        sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) ==
            SQLITE_OK)
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    sqlite3_close(db);
    free(journal);
}

/* Process-wide SQLite settings, made once before the first connection opens. SQLite
 * counts every allocation under one global mutex unless told not to (Debian's build has
 * no lookaside, so every small allocation is a malloc): with the exposures judged on a
 * second connection that mutex was contended by both threads (perf: 5 % of the run in
 * pthread_mutex_lock/unlock). Nothing here reads SQLite's memory statistics. */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

static void sqlite_setup(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int sg_store_open(struct sg_store **out, const char *path, int flags,
                  struct sg_error *err)
{
    struct sg_store *st;
    struct stat sb;
    int oflags;

    *out = NULL;
    pthread_once(&sqlite_once, sqlite_setup);
    if (path != NULL && stat(path, &sb) != 0) {
        if (errno != ENOENT || !(flags & SG_STORE_CREATE))
            return sg_error_set(err, errno == ENOENT ? EX_NOINPUT : EX_IOERR, NULL,
                                "cannot open store \"%s\": %s", path, strerror(errno));
    } else if (path != NULL && !S_ISREG(sb.st_mode)) {
        return sg_error_set(err, EX_NOINPUT, NULL, "store \"%s\" is not a regular file",
                            path);
    }
    if (path != NULL && (flags & SG_STORE_READONLY))
        recover_journal(path);
    st = store_new(path);
    st->readonly = (flags & SG_STORE_READONLY) != 0;
    oflags =
        st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path                       ? path
                        : (flags & SG_STORE_SPILL) ? ""
                                                   : ":memory:",
                        &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        sg_error_set(err, path && (flags & SG_STORE_CREATE) ? EX_CANTCREAT : EX_IOERR,
                     NULL, "cannot open store \"%s\": %s", path ? path : ":memory:",
                     st->db ? sqlite3_errmsg(st->db) : "out of memory");
        sg_store_close(st);
        return -1;
    }
    sqlite3_extended_result_codes(st->db, 0);
    /* A rollback journal: readers need no write access; FULL sync: evidence must survive
       power loss once ingest said it was stored. */
    if (exec(st,
             "PRAGMA foreign_keys=OFF; PRAGMA synchronous=FULL; PRAGMA cache_size=-16384;"
             "PRAGMA temp_store=FILE;",
             err) != 0 ||
        (path == NULL && private_pragmas(st, err) != 0) || check_schema(st, err) != 0) {
        if (err->code == EX_IOERR && path && (flags & SG_STORE_CREATE) && !st->readonly)
            err->code = EX_CANTCREAT;
        sg_store_close(st);
        return -1;
    }
    *out = st;
    return 0;
}

int sg_store_open_copy(struct sg_store **out, struct sg_store *src, int flags,
                       struct sg_error *err)
{
    struct sg_store *st = store_new(NULL);
    sqlite3_backup *b;

    *out = NULL;
    pthread_once(&sqlite_once, sqlite_setup);
    if (sqlite3_open_v2((flags & SG_STORE_SPILL) ? "" : ":memory:", &st->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        sg_error_set(err, EX_SOFTWARE, NULL, "cannot open a private store");
        sg_store_close(st);
        return -1;
    }
    if (exec(st, "PRAGMA cache_size=-16384; PRAGMA temp_store=FILE;", err) != 0 ||
        private_pragmas(st, err) != 0) {
        sg_store_close(st);
        return -1;
    }
    b = sqlite3_backup_init(st->db, "main", src->db, "main");
    if (b == NULL || sqlite3_backup_step(b, -1) != SQLITE_DONE) {
        sqlite3_backup_finish(b);
        sg_store_sqlerr(st, err, "copy");
        sg_store_close(st);
        return -1;
    }
    sqlite3_backup_finish(b);
    st->schema = src->schema;
    if (st->schema == 1 && migrate_v1(st, err) != 0) {
        sg_store_close(st);
        return -1;
    }
    *out = st;
    return 0;
}

static void bulk_forget(struct sg_store *st);

void sg_store_close(struct sg_store *st)
{
    if (st == NULL)
        return;
    for (int i = 0; i < SG_STMT__COUNT; i++)
        sqlite3_finalize(st->stmts[i]);
    bulk_forget(st);
    sg_memo_forget(st);
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

struct sqlite3 *sg_store_db(struct sg_store *st)
{
    return st->db;
}

int sg_store_begin(struct sg_store *st, struct sg_error *err)
{
    sqlite3_stmt *s = NULL;
    if (exec(st, "BEGIN IMMEDIATE", err) != 0)
        return -1;
    /* the sources committed before this transaction (sg_store_source_known) */
    st->committed_sources = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT coalesce(max(id), 0) FROM source", -1, &s,
                           NULL) != SQLITE_OK)
        return sg_store_sqlerr(st, err, "sources");
    if (sqlite3_step(s) == SQLITE_ROW)
        st->committed_sources = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return 0;
}

int sg_store_commit(struct sg_store *st, struct sg_error *err)
{
    /* a store is never committed without its indexes */
    if (sg_store_bulk_end(st, err) != 0 || exec(st, "COMMIT", err) != 0) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        sg_memo_forget(st);
        st->findings_ready =
            0; /* a rollback drops a temp table made in the transaction */
        return -1;
    }
    return 0;
}

int sg_store_read_begin(struct sg_store *st, struct sg_error *err)
{
    /* the read takes SQLite's shared lock at once: the snapshot starts here, and no
       writer can commit until sg_store_read_end */
    if (!sqlite3_get_autocommit(st->db))
        return 0;
    if (exec(st, "BEGIN DEFERRED", err) != 0)
        return -1;
    if (exec(st, "SELECT count(*) FROM main.sqlite_master", err) != 0) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

int sg_store_reading(struct sg_store *st)
{
    return sqlite3_txn_state(st->db, "main") == SQLITE_TXN_READ;
}

const char *sg_store_path(const struct sg_store *st)
{
    return st->path;
}

int sg_store_in_transaction(struct sg_store *st)
{
    return !sqlite3_get_autocommit(st->db);
}

void sg_store_read_end(struct sg_store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
}

void sg_store_rollback(struct sg_store *st)
{
    bulk_forget(st); /* the rollback brings the dropped indexes back */
    sg_memo_forget(st);
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    /* the findings table may have been created inside the transaction just undone */
    st->findings_ready = 0;
    st->run_pairs = 0;
}

/* ---- bulk load -------------------------------------------------------------------- */

/* SPEC §8 makes an ingest one transaction, so a bulk load into an empty store can drop
   the secondary indexes inside it and build each one once, sorted, at the end: cheaper
   than keeping eleven B-trees in order row by row (docs/performance.md). The UNIQUE and
   PRIMARY KEY indexes stay: the duplicate and conflict checks of SPEC §8 read them. A
   rollback brings the dropped indexes back with everything else. */
int sg_store_bulk_begin(struct sg_store *st, struct sg_error *err)
{
    sqlite3_stmt *s = NULL;
    int empty = 0, rc;

    if (st->bulk_n > 0 || st->readonly || sqlite3_get_autocommit(st->db))
        return 0;
    if (sqlite3_prepare_v2(st->db, "SELECT NOT EXISTS(SELECT 1 FROM record)", -1, &s,
                           NULL) != SQLITE_OK)
        return sg_store_sqlerr(st, err, "bulk load");
    if (sqlite3_step(s) == SQLITE_ROW)
        empty = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (!empty)
        return 0;
    if (sqlite3_prepare_v2(
            st->db,
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS "
            "NOT NULL ORDER BY name",
            -1, &s, NULL) != SQLITE_OK)
        return sg_store_sqlerr(st, err, "bulk load");
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        st->bulk_sql =
            sg_xreallocarray(st->bulk_sql, st->bulk_n + 1, sizeof(*st->bulk_sql));
        st->bulk_name =
            sg_xreallocarray(st->bulk_name, st->bulk_n + 1, sizeof(*st->bulk_name));
        st->bulk_name[st->bulk_n] = sg_xstrdup((const char *)sqlite3_column_text(s, 0));
        st->bulk_sql[st->bulk_n] = sg_xstrdup((const char *)sqlite3_column_text(s, 1));
        st->bulk_n++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "bulk load");
    for (size_t i = 0; i < st->bulk_n; i++) {
        char *sql = sqlite3_mprintf("DROP INDEX \"%w\"", st->bulk_name[i]);
        rc = exec(st, sql, err);
        sqlite3_free(sql);
        if (rc != 0)
            return -1;
    }
    return 0;
}

static void bulk_forget(struct sg_store *st)
{
    for (size_t i = 0; i < st->bulk_n; i++) {
        free(st->bulk_name[i]);
        free(st->bulk_sql[i]);
    }
    free(st->bulk_name);
    free(st->bulk_sql);
    st->bulk_name = st->bulk_sql = NULL;
    st->bulk_n = 0;
}

/* The indexes are built once the parsing threads are done: SQLite's sorter may then
   use the other cores (PRAGMA threads; 6.5 -> 4.6 s in the sqlite3 shell for a 1 M
   store on two cores). */
int sg_store_bulk_end(struct sg_store *st, struct sg_error *err)
{
    int rc = 0;
    char pragma[40];
    if (st->bulk_n == 0)
        return 0;
    snprintf(pragma, sizeof(pragma), "PRAGMA threads=%d", sg_threads(8) - 1);
    sqlite3_exec(st->db, pragma, NULL, NULL, NULL); /* only an optimisation */
    for (size_t i = 0; i < st->bulk_n && rc == 0; i++)
        rc = exec(st, st->bulk_sql[i], err);
    sqlite3_exec(st->db, "PRAGMA threads=0", NULL, NULL, NULL);
    bulk_forget(st);
    return rc;
}

int sg_store_add_source(struct sg_store *st, const char *path, const char *sha256,
                        int64_t size, int64_t ingested_at, int64_t *out,
                        struct sg_error *err)
{
    sqlite3_stmt *s =
        sg_store_stmt(st, SG_STMT_SOURCE_GET,
                      "SELECT id FROM source WHERE path = ?1 AND sha256 = ?2", err);
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, sha256, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *out = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        return 0;
    }
    sqlite3_reset(s);
    s = sg_store_stmt(
        st, SG_STMT_SOURCE_ADD,
        "INSERT INTO source(path, sha256, size, ingested_at) VALUES(?1,?2,?3,?4)", err);
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, size);
    sqlite3_bind_int64(s, 4, ingested_at);
    if (sqlite3_step(s) != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "insert source");
    *out = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int sg_store_source_known(struct sg_store *st, const char *path, const char *sha256,
                          int64_t *records, struct sg_error *err)
{
    sqlite3_stmt *s;
    int rc;

    if (sha256 == NULL)
        s = sg_store_stmt(st, SG_STMT_SOURCE_PATH,
                          "SELECT 0 FROM source WHERE path = ?1 AND id <= ?3 LIMIT 1",
                          err);
    else
        s = sg_store_stmt(
            st, SG_STMT_SOURCE_GET_RECORDS,
            "SELECT records FROM source WHERE path = ?1 AND sha256 = ?2 AND id "
            "<= ?3",
            err);
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
    if (sha256 != NULL)
        sqlite3_bind_text(s, 2, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, st->committed_sources);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        if (records != NULL)
            *records = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        return 1;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "sources");
    return 0;
}

/* Runs SQL, an UPDATE of a table's source from ?2 to ?1. */
static int move_source(struct sg_store *st, int slot, const char *sql, int64_t to,
                       int64_t from, struct sg_error *err)
{
    sqlite3_stmt *s = sg_store_stmt(st, slot, sql, err);
    int rc;
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, to);
    sqlite3_bind_int64(s, 2, from);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : sg_store_sqlerr(st, err, "update source");
}

int sg_store_finish_source(struct sg_store *st, int64_t placeholder, const char *path,
                           const char *sha256, int64_t size, int64_t records,
                           struct sg_error *err)
{
    sqlite3_stmt *s =
        sg_store_stmt(st, SG_STMT_SOURCE_GET,
                      "SELECT id FROM source WHERE path = ?1 AND sha256 = ?2", err);
    int64_t old = -1;

    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, sha256, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        old = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (old >= 0) {
        /* the same file ingested before: its records, and the decisions' copy of
           their provenance (schema 2), join the old source row */
        if (move_source(st, SG_STMT_SOURCE_MOVE,
                        "UPDATE record SET source = ?1 WHERE source = ?2", old,
                        placeholder, err) != 0 ||
            move_source(st, SG_STMT_SOURCE_MOVE_DECISIONS,
                        "UPDATE decision SET source = ?1 WHERE source = ?2", old,
                        placeholder, err) != 0)
            return -1;
        s = sg_store_stmt(st, SG_STMT_SOURCE_DROP, "DELETE FROM source WHERE id = ?1",
                          err);
        if (s == NULL)
            return -1;
        sqlite3_bind_int64(s, 1, placeholder);
        if (sqlite3_step(s) != SQLITE_DONE) {
            sqlite3_reset(s);
            return sg_store_sqlerr(st, err, "update source");
        }
        sqlite3_reset(s);
        return 0;
    }
    s = sg_store_stmt(
        st, SG_STMT_SOURCE_RECORDS,
        "UPDATE source SET sha256 = ?2, size = ?3, records = ?4 WHERE id = ?1", err);
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, placeholder);
    sqlite3_bind_text(s, 2, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, size);
    sqlite3_bind_int64(s, 4, records);
    if (sqlite3_step(s) != SQLITE_DONE) {
        sqlite3_reset(s);
        return sg_store_sqlerr(st, err, "update source");
    }
    sqlite3_reset(s);
    return 0;
}

/* ---- insert ----------------------------------------------------------------------- */

static void bind_opt_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v != NULL)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static int step_done(struct sg_store *st, sqlite3_stmt *s, struct sg_error *err)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) {
        sqlite3_reset(s);
        return sg_store_sqlerr(st, err, "insert");
    }
    sqlite3_reset(s);
    return 0;
}

/* Each kind's typed table: the INSERT of its row's values (row.c makes them in this
   column order). */
static const struct {
    int slot;
    const char *sql;
} typed[SG_K__COUNT] = {
    [SG_K_IDENTITY] = {SG_STMT_INS_IDENTITY, "INSERT INTO identity VALUES(?1, ?2, ?3, ?4)"},
    [SG_K_AGENT] = {SG_STMT_INS_AGENT, "INSERT INTO agent VALUES(?1, ?2, ?3)"},
    [SG_K_ASSET] = {SG_STMT_INS_ASSET, "INSERT INTO asset VALUES(?1, ?2, ?3, ?4)"},
    [SG_K_POLICY] = {SG_STMT_INS_POLICY,
                     "INSERT INTO policy VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
    [SG_K_DECISION] = {SG_STMT_INS_DECISION,
                       "INSERT INTO decision VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
                       "?13,?14,?15)"},
    [SG_K_APPROVAL] = {SG_STMT_INS_APPROVAL,
                       "INSERT INTO approval VALUES(?1,?2,?3,?4,?5,?6,?7)"},
    [SG_K_NOTIFICATION] = {SG_STMT_INS_NOTIFICATION,
                           "INSERT INTO notification VALUES(?1,?2,?3,?4,?5,?6)"},
    [SG_K_RISK_ACCEPTANCE] = {SG_STMT_INS_ACCEPTANCE,
                              "INSERT INTO acceptance VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"},
    [SG_K_EXPOSURE] = {SG_STMT_INS_EXPOSURE,
                       "INSERT INTO exposure VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"},
};

/* A decision's targets and vulnerability ids, one row each. */
static int insert_links(struct sg_store *st, const struct sg_row *row, struct sg_error *err)
{
    size_t i;
    json_t *e;
    sqlite3_stmt *s;

    json_array_foreach(row->targets, i, e)
    {
        s = sg_store_stmt(st, SG_STMT_INS_TARGET,
                          "INSERT OR IGNORE INTO decision_target VALUES(?1, ?2)", err);
        if (s == NULL)
            return -1;
        sqlite3_bind_text(s, 1, row->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, json_string_value(e), (int)json_string_length(e),
                          SQLITE_STATIC);
        if (step_done(st, s, err) != 0)
            return -1;
    }
    json_array_foreach(row->vulns, i, e)
    {
        s = sg_store_stmt(st, SG_STMT_INS_VULN,
                          "INSERT OR IGNORE INTO decision_vuln VALUES(?1, ?2)", err);
        if (s == NULL)
            return -1;
        sqlite3_bind_text(s, 1, row->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, sg_rec_str(e, "id"), -1, SQLITE_STATIC);
        if (step_done(st, s, err) != 0)
            return -1;
    }
    return 0;
}

static int insert_typed(struct sg_store *st, const struct sg_row *row, int64_t rid,
                        int64_t source, int64_t line, struct sg_error *err)
{
    sqlite3_stmt *s;

    if ((unsigned)row->kind >= SG_K__COUNT || typed[row->kind].sql == NULL)
        return 0;
    s = sg_store_stmt(st, typed[row->kind].slot, typed[row->kind].sql, err);
    if (s == NULL)
        return -1;
    for (int i = 0; i < row->n; i++) {
        const struct sg_row_val *v = &row->v[i];
        switch (v->type) {
        case SG_ROW_INT:
            sqlite3_bind_int64(s, i + 1, v->i);
            break;
        case SG_ROW_REAL:
            sqlite3_bind_double(s, i + 1, v->d);
            break;
        case SG_ROW_TEXT:
            sqlite3_bind_text(s, i + 1, v->s, v->len > 0 ? v->len : -1, SQLITE_STATIC);
            break;
        case SG_ROW_RID:
            sqlite3_bind_int64(s, i + 1, rid);
            break;
        case SG_ROW_SOURCE:
            sqlite3_bind_int64(s, i + 1, source);
            break;
        case SG_ROW_LINE:
            sqlite3_bind_int64(s, i + 1, line);
            break;
        case SG_ROW_NULL:
            break; /* sg_store_stmt cleared the bindings */
        }
    }
    if (step_done(st, s, err) != 0)
        return -1;
    return row->kind == SG_K_DECISION ? insert_links(st, row, err) : 0;
}

/* The canonical JSON of an exposure without the fields a re-observation may change,
   cut from the canonical text (the writer does this for every re-observation: parsing
   both records again cost a fifth of its time). */
static char *exposure_core(const char *canon)
{
    static const char *const changing[] = {"last_seen", "status"};
    return sg_json_canonical_without(canon, changing, 2);
}

static void describe(char *buf, size_t n, enum sg_kind kind, const char *id,
                     int64_t version)
{
    if (kind == SG_K_POLICY)
        snprintf(buf, n, "policy \"%.200s\" version %lld", id, (long long)version);
    else
        snprintf(buf, n, "%s \"%.200s\"", sg_kind_name(kind), id);
}

/* SPEC §8: the record stored under (kind, id, version, obs), if any: 1 and *rc
   SG_DUPLICATE when identical, -1 with err set (rc -1) when it differs; 0 when none. */
static int stored_as(struct sg_store *st, enum sg_kind kind, const char *id,
                     int64_t version, int64_t obs, const char *canon,
                     const struct sg_pos *pos, int *rc, struct sg_error *err)
{
    char what[300];
    sqlite3_stmt *s =
        sg_store_stmt(st, SG_STMT_RECORD_GET,
                      "SELECT r.json, s.path, r.line FROM record r JOIN source s "
                      "ON s.id = r.source WHERE r.kind = ?1 AND r.id = ?2 AND "
                      "r.version = ?3 AND r.obs = ?4",
                      err);
    *rc = -1;
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, sg_kind_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, version);
    sqlite3_bind_int64(s, 4, obs);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return 0;
    }
    if (strcmp((const char *)sqlite3_column_text(s, 0), canon) == 0) {
        *rc = SG_DUPLICATE; /* SPEC §8: duplicate identical records are skipped */
    } else {
        describe(what, sizeof(what), kind, id, version);
        sg_error_set(err, EX_DATAERR, pos,
                     "%s%s differs from the one ingested from %s:%lld", what,
                     kind == SG_K_EXPOSURE ? " (same last_seen)" : "",
                     (const char *)sqlite3_column_text(s, 1),
                     (long long)sqlite3_column_int64(s, 2));
    }
    sqlite3_reset(s);
    return 1;
}

/* The path of source id (for a message), in buf. */
static const char *source_path(struct sg_store *st, int64_t id, char *buf, size_t n)
{
    sqlite3_stmt *s = NULL;
    snprintf(buf, n, "?");
    if (sqlite3_prepare_v2(st->db, "SELECT path FROM source WHERE id = ?1", -1, &s, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) == SQLITE_ROW)
            snprintf(buf, n, "%s", (const char *)sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
    return buf;
}

/* SPEC §8 for an exposure, from one scan of its stored observations (the record key's
   index, in obs order: no sort, no join): the one with the same obs decides as
   stored_as does (a duplicate, or "same last_seen" and different); otherwise the
   earliest stored (least rid) may differ from this one only in last_seen and status.
   1 with *rc set (SG_DUPLICATE, or -1 and err) when that decides, 0 when the
   observation is new and may be inserted, -1 on a store error. */
static int exposure_seen(struct sg_store *st, const struct sg_row *row, const char *canon,
                         const struct sg_pos *pos, int *rc, struct sg_error *err)
{
    char what[300], path[4096];
    char *core = NULL;
    int64_t first_rid = INT64_MAX, first_source = 0, first_line = 0;
    int first_same = 1, step = SQLITE_DONE;
    sqlite3_stmt *s = sg_store_stmt(st, SG_STMT_EXPOSURE_ANY,
                                    "SELECT rid, obs, json, source, line FROM record WHERE "
                                    "kind = 'exposure' AND id = ?1",
                                    err);
    *rc = -1;
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, row->id, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *json = (const char *)sqlite3_column_text(s, 2);
        int64_t rid = sqlite3_column_int64(s, 0);
        if (sqlite3_column_int64(s, 1) == row->obs) {
            int64_t src = sqlite3_column_int64(s, 3), line = sqlite3_column_int64(s, 4);
            int same = strcmp(json, canon) == 0;
            sqlite3_reset(s);
            free(core);
            if (same) {
                *rc = SG_DUPLICATE; /* SPEC §8: duplicate identical records are skipped */
                return 1;
            }
            describe(what, sizeof(what), SG_K_EXPOSURE, row->id, 0);
            sg_error_set(err, EX_DATAERR, pos,
                         "%s (same last_seen) differs from the one ingested from %s:%lld",
                         what, source_path(st, src, path, sizeof(path)), (long long)line);
            return 1;
        }
        if (rid < first_rid) {
            char *a = exposure_core(json);
            if (core == NULL)
                core = exposure_core(canon);
            first_rid = rid;
            first_same = strcmp(a, core) == 0;
            first_source = sqlite3_column_int64(s, 3);
            first_line = sqlite3_column_int64(s, 4);
            free(a);
        }
    }
    sqlite3_reset(s);
    free(core);
    if (step != SQLITE_DONE)
        return sg_store_sqlerr(st, err, "insert");
    if (first_same)
        return 0;
    describe(what, sizeof(what), SG_K_EXPOSURE, row->id, 0);
    sg_error_set(err, EX_DATAERR, pos,
                 "%s differs from the one ingested from %s:%lld in more than "
                 "\"last_seen\" and \"status\"",
                 what, source_path(st, first_source, path, sizeof(path)),
                 (long long)first_line);
    return 1;
}

int sg_store_insert(struct sg_store *st, const json_t *rec, enum sg_kind kind,
                    int64_t source, const struct sg_pos *pos, struct sg_error *err)
{
    size_t len;
    char *canon = sg_json_canonical_len(rec, &len);
    struct sg_row row;
    int rc;

    sg_row_make(&row, rec, kind);
    rc = sg_store_insert_row(st, &row, canon, len, source, pos, err);
    sg_row_release(&row);
    free(canon);
    return rc;
}

int sg_store_insert_row(struct sg_store *st, const struct sg_row *row, const char *canon,
                        size_t canon_len, int64_t source, const struct sg_pos *pos,
                        struct sg_error *err)
{
    enum sg_kind kind = row->kind;
    const char *id = row->id;
    int64_t version = row->version, obs = row->obs, rid;
    sqlite3_stmt *s;
    int rc = -1;

    sg_memo_forget(st); /* what a lookup remembered may change with this record */

    /* An exposure is looked up first (its re-observation rule reads the store before
       the insert); any other kind is inserted at once and looked up only when the
       UNIQUE key ignored the insert: one B-tree search per new record, not two. */
    if (kind == SG_K_EXPOSURE && exposure_seen(st, row, canon, pos, &rc, err) != 0)
        goto out;

    s = sg_store_stmt(
        st, SG_STMT_RECORD_ADD,
        "INSERT OR IGNORE INTO record(kind, id, version, obs, json, source, "
        "line, pointer) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
        err);
    if (s == NULL)
        goto out;
    sqlite3_bind_text(s, 1, sg_kind_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, version);
    sqlite3_bind_int64(s, 4, obs);
    sqlite3_bind_text(s, 5, canon, (int)canon_len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 6, source);
    sqlite3_bind_int64(s, 7, pos ? (sqlite3_int64)pos->line : 0);
    bind_opt_text(s, 8, pos ? pos->pointer : NULL);
    if (step_done(st, s, err) != 0)
        goto out;
    if (sqlite3_changes(st->db) == 0) {
        if (stored_as(st, kind, id, version, obs, canon, pos, &rc, err) == 0)
            rc = sg_error_set(err, EX_SOFTWARE, pos, "store: a record was ignored");
        goto out;
    }
    rid = sqlite3_last_insert_rowid(st->db);
    if (insert_typed(st, row, rid, source, pos ? (int64_t)pos->line : 0, err) != 0)
        goto out;
    rc = SG_INSERTED;
out:
    return rc;
}

int sg_store_each_source(struct sg_store *st,
                         int (*fn)(void *ctx, const struct sg_source_info *src),
                         void *ctx, struct sg_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc = 0;

    if (sqlite3_prepare_v2(
            st->db,
            "SELECT path, sha256, size, records FROM source ORDER BY path, "
            "sha256",
            -1, &s, NULL) != SQLITE_OK)
        return sg_store_sqlerr(st, err, "sources");
    while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
        struct sg_source_info info = {(const char *)sqlite3_column_text(s, 0),
                                      (const char *)sqlite3_column_text(s, 1),
                                      sqlite3_column_int64(s, 2),
                                      sqlite3_column_int64(s, 3)};
        rc = fn(ctx, &info);
    }
    sqlite3_finalize(s);
    return rc;
}

int sg_store_count(struct sg_store *st, enum sg_kind kind, int64_t *out,
                   struct sg_error *err)
{
    sqlite3_stmt *s = sg_store_stmt(st, SG_STMT_COUNT,
                                    "SELECT count(*) FROM record WHERE kind = ?1", err);
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, sg_kind_name(kind), -1, SQLITE_STATIC);
    *out = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return 0;
}

int sg_store_latest_event(struct sg_store *st, int64_t *out, struct sg_error *err)
{
    static const char *const sql =
        "SELECT max(m) FROM ("
        "SELECT max(t) AS m FROM decision UNION ALL SELECT max(at) FROM approval "
        "UNION ALL SELECT max(at) FROM notification UNION ALL SELECT max(ack) FROM "
        "acceptance "
        "UNION ALL SELECT max(first_seen) FROM exposure UNION ALL SELECT max(last_seen) "
        "FROM "
        "exposure UNION ALL SELECT max(signed_at) FROM policy)";
    sqlite3_stmt *s = sg_store_stmt(st, SG_STMT_LATEST, sql, err);
    if (s == NULL)
        return -1;
    *out = SG_TIME_MIN;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
        *out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return 0;
}
