/* ingest.h: reading native record files (SPEC §2) into a store, strictly (SPEC §8).
 * JSON Lines, or one JSON value when the name ends in ".json"; a directory stands for
 * its *.jsonl and *.json files in byte order of their names. Every FILE is opened before
 * any is parsed. Every bad record is reported through a callback (the core never
 * prints); the caller decides to commit or roll back the one transaction. */
#ifndef SIGNOFF_INGEST_H
#define SIGNOFF_INGEST_H

#include <stdint.h>
#include <stdio.h>

#include "signoff/error.h"
#include "signoff/store.h"

struct sg_input {
    char *path; /* as given, or DIR/NAME */
    FILE *fp;
    int is_json; /* name ends in ".json" */
};

struct sg_inputs {
    struct sg_input *v;
    size_t n;
};

/* Expands directories and opens every file. Missing or unreadable: EX_NOINPUT; a
 * directory with no such file: EX_NOINPUT. Fills out (release with sg_inputs_release
 * even on failure). */
int sg_inputs_open(struct sg_inputs *out, char *const *args, int nargs, struct sg_error *err);
void sg_inputs_release(struct sg_inputs *in);
/* The inputs' total size in bytes (regular files; others count 0). */
int64_t sg_inputs_bytes(const struct sg_inputs *in);

/* Called once per bad record, in file then line order. */
typedef void (*sg_record_error_fn)(void *ctx, const struct sg_error *e);

struct sg_ingest_stats {
    int64_t records;    /* records read */
    int64_t inserted;   /* new in the store */
    int64_t duplicates; /* identical to one already stored: skipped */
    int64_t bad;        /* records refused */
};

/* Reads every input into st (the caller holds the transaction). Returns 0 when every
 * record was good; -1 when some were bad (each reported through fn, err holds the
 * first, code EX_DATAERR) or on an I/O or store error (err, EX_IOERR ...). */
int sg_ingest_inputs(struct sg_store *st, struct sg_inputs *in, int64_t ingested_at,
                     sg_record_error_fn fn, void *ctx, struct sg_ingest_stats *stats,
                     struct sg_error *err);

/* Lower-level: checks and stores one parsed record (takes no ownership), reporting a
 * problem at pos. Returns SG_INSERTED, SG_DUPLICATE or -1. Used by the importers. */
int sg_ingest_record(struct sg_store *st, json_t *rec, int64_t source, const struct sg_pos *pos,
                     struct sg_error *err);

#endif
