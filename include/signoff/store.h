/* store.h: the evidence store, append-only SQLite (SPEC §2, §8). Each record keeps its
 * canonical JSON (unknown fields too) and provenance (source file, its SHA-256, line,
 * JSON pointer, ingest time); the fields the rules need are typed columns with indexes
 * for the trace engine's joins. A record is never overwritten or deleted: a conflicting
 * duplicate is an error naming both places. <sqlite3.h> stays inside src/store/. */
#ifndef SIGNOFF_STORE_H
#define SIGNOFF_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "signoff/error.h"
#include "signoff/record.h"

struct sg_store;

enum {
    SG_STORE_CREATE = 1,   /* create the file when missing (ingest, import) */
    SG_STORE_READONLY = 2, /* open for reading only (check, report, trace) */
    SG_STORE_SPILL = 4,    /* path NULL: a private temporary file, not memory */
};

/* SPEC §7: a private store is in memory, or a temporary file removed at exit "when the
 * input is large": past this many bytes of input (files, plus a store being copied),
 * since an in-memory store takes about 1.5 times its input (docs/performance.md). */
#define SG_STORE_MEMORY_MAX_INPUT (32ll << 20)

/* path NULL opens a private in-memory store, or with SG_STORE_SPILL a private
 * temporary file that SQLite deletes on close (in SQLITE_TMPDIR, TMPDIR or /var/tmp). A
 * missing file without SG_STORE_CREATE is EX_NOINPUT; a file that is not a signoff store
 * is EX_DATAERR; one that cannot be created is EX_CANTCREAT. New: sg_store_close(). */
int sg_store_open(struct sg_store **out, const char *path, int flags, struct sg_error *err);
/* A private copy of src (for FILE arguments next to --store: SPEC §7 "in memory only",
 * nothing is written to src), in memory or, with SG_STORE_SPILL, a temporary file.
 * New: sg_store_close(). */
int sg_store_open_copy(struct sg_store **out, struct sg_store *src, int flags,
                       struct sg_error *err);
/* The size of the store's file in bytes; 0 for a private store. */
int64_t sg_store_file_bytes(const struct sg_store *st);
void sg_store_close(struct sg_store *st);

/* One transaction per ingest (SPEC §8). */
int sg_store_begin(struct sg_store *st, struct sg_error *err);
int sg_store_commit(struct sg_store *st, struct sg_error *err);
void sg_store_rollback(struct sg_store *st);
/* One read transaction around a whole report: every document of a package is made
 * from one snapshot of the store, and SQLite takes its lock once instead of per query. */
int sg_store_read_begin(struct sg_store *st, struct sg_error *err);
void sg_store_read_end(struct sg_store *st);
/* 1 inside a read transaction that has written nothing, else 0. */
int sg_store_reading(struct sg_store *st);
/* 1 inside a transaction (read or write), 0 outside. */
int sg_store_in_transaction(struct sg_store *st);
/* The store's file, or NULL for a private store (memory or temporary). */
const char *sg_store_path(const struct sg_store *st);

/* Inside the ingest's transaction: when the store holds no record yet, drops its
 * secondary indexes so that the load does not maintain them row by row; bulk_end builds
 * them again (call it before commit; a rollback restores them anyway). Otherwise both
 * do nothing. */
int sg_store_bulk_begin(struct sg_store *st, struct sg_error *err);
int sg_store_bulk_end(struct sg_store *st, struct sg_error *err);

/* Registers an input file; *out receives its source id. A file already registered
 * with the same path and digest keeps its id. */
int sg_store_add_source(struct sg_store *st, const char *path, const char *sha256,
                        int64_t size, int64_t ingested_at, int64_t *out,
                        struct sg_error *err);
/* Only sources committed before sg_store_begin count. With sha256 NULL: 1 when some file
 * of this path is registered, else 0. With it: 1 when (path, sha256) is registered, its
 * record count in *records (may be NULL); else 0. -1 on a store error. */
int sg_store_source_known(struct sg_store *st, const char *path, const char *sha256,
                          int64_t *records, struct sg_error *err);
/* Completes a source registered under a placeholder digest: sets its digest, size and
 * record count; when the same (path, digest) was registered before, the records move to
 * that one and the placeholder goes (re-ingesting a file changes nothing). */
int sg_store_finish_source(struct sg_store *st, int64_t placeholder, const char *path,
                           const char *sha256, int64_t size, int64_t records,
                           struct sg_error *err);

/* A record's typed-table row: the values its INSERT binds, in column order, read from
 * the record without the store (src/store/row.c), so that ingest's workers make it and
 * the one thread that writes only binds. The row id, source and line are known at the
 * insert only: they are marks the insert fills. */
enum sg_row_type {
    SG_ROW_NULL,
    SG_ROW_INT,
    SG_ROW_REAL,
    SG_ROW_TEXT,
    SG_ROW_RID,    /* the record's row id */
    SG_ROW_SOURCE, /* the source file's id */
    SG_ROW_LINE    /* the record's line */
};
struct sg_row_val {
    enum sg_row_type type;
    int len;     /* SG_ROW_TEXT: its length in bytes, or 0 for "up to the NUL" */
    int64_t i;   /* SG_ROW_INT */
    double d;    /* SG_ROW_REAL */
    const char *s; /* SG_ROW_TEXT: borrowed from the record or the row */
};
enum { SG_ROW_MAX = 15 };
struct sg_row {
    enum sg_kind kind;
    const char *id;       /* borrowed from the record */
    int64_t version, obs; /* the record key's version (a policy's) and obs (an
                             exposure's last_seen, SG_TIME_MIN when absent) */
    int n;
    struct sg_row_val v[SG_ROW_MAX];
    const json_t *targets, *vulns; /* a decision's arrays, borrowed */
    char *scope;                   /* owned: a scope's canonical JSON */
};
/* Fills out from a validated record of kind; out borrows from rec, which must outlive
 * it. Thread-safe (reads rec only). Release with sg_row_release(). */
void sg_row_make(struct sg_row *out, const json_t *rec, enum sg_kind kind);
void sg_row_release(struct sg_row *row);

enum { SG_INSERTED = 0, SG_DUPLICATE = 1 };
/* Inserts a validated record. Returns SG_INSERTED, SG_DUPLICATE (same content already
 * stored: skipped), or -1 with err set at pos (conflict: EX_DATAERR; I/O: EX_IOERR). */
int sg_store_insert(struct sg_store *st, const json_t *rec, enum sg_kind kind,
                    int64_t source, const struct sg_pos *pos, struct sg_error *err);
/* The same with the record's row (sg_row_make) and canonical JSON (sg_json_canonical,
 * canon_len bytes) already made, both borrowed: ingest makes them on a worker thread. */
int sg_store_insert_row(struct sg_store *st, const struct sg_row *row, const char *canon,
                        size_t canon_len, int64_t source, const struct sg_pos *pos,
                        struct sg_error *err);

/* Input files in the store, in path order: callback per file. */
struct sg_source_info {
    const char *path, *sha256;
    int64_t size, records;
};
int sg_store_each_source(struct sg_store *st,
                         int (*fn)(void *ctx, const struct sg_source_info *src), void *ctx,
                         struct sg_error *err);
/* Counts per kind of stored records (exposure observations counted each). */
int sg_store_count(struct sg_store *st, enum sg_kind kind, int64_t *out, struct sg_error *err);

/* The latest event time (SPEC §4 "The period and the as-of time"), or SG_TIME_MIN when
 * the store holds no event. */
int sg_store_latest_event(struct sg_store *st, int64_t *out, struct sg_error *err);

/* Borrowed: the store's SQLite handle, for the query modules in src/store/ only. */
struct sqlite3 *sg_store_db(struct sg_store *st);

/* Reads for the importers (src/store/observe.c). */

/* The first stored observation (the earliest ingested) of exposure id, whose fields a
 * re-observation copies (SPEC §2): *out a new object (json_decref), or NULL when no
 * exposure has that id. Returns 0 or -1. */
int sg_store_exposure_first(struct sg_store *st, const char *id, json_t **out,
                            struct sg_error *err);

/* Every stored observation of the exposures whose id starts with prefix and ends with
 * suffix (bytes), ordered by id then last_seen (absent first): a scanner's exposures
 * of one artifact. fn returns 0 to go on; its non-zero return stops the walk and is
 * returned. */
struct sg_observation {
    const char *id, *vuln;   /* borrowed for the call */
    int64_t first_seen, last_seen;
    int has_last_seen, fixed;
};
int sg_store_each_observation(struct sg_store *st, const char *prefix, const char *suffix,
                              int (*fn)(void *ctx, const struct sg_observation *o),
                              void *ctx, struct sg_error *err);

/* Where a stored record came from: its source file, the file's SHA-256, the line and
 * the JSON pointer of its element (pointer NULL for native records). obs selects an
 * exposure's observation (its last_seen, SG_TIME_MIN when absent; 0 for the other kinds,
 * policies aside).
 * Strings new: sg_provenance_release(). Returns 1 found, 0 not, -1 error. */
struct sg_provenance {
    char *path, *sha256, *pointer;
    long line;
};
int sg_store_provenance(struct sg_store *st, enum sg_kind kind, const char *id, int64_t obs,
                        struct sg_provenance *out, struct sg_error *err);
void sg_provenance_release(struct sg_provenance *p);

#endif
