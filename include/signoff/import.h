/* import.h: importers of real-world formats into the native kinds (SPEC §2 "Real-world
 * formats", "Importers obey these rules"; docs/importers.md). Ids are derived from the
 * source so re-importing a document is a no-op; records hold no import-time values. The
 * caller holds the one transaction, as for ingest. */
#ifndef SIGNOFF_IMPORT_H
#define SIGNOFF_IMPORT_H

#include <stdint.h>

#include "signoff/error.h"
#include "signoff/ingest.h"
#include "signoff/store.h"

enum sg_import_format { SG_IMPORT_DEPENDABOT = 0 };

/* 0 and *out set for a format that is implemented; 1 for a format SPEC §7 names that is
 * not available yet; -1 for an unknown word. */
int sg_import_format_lookup(const char *name, enum sg_import_format *out);

struct sg_import_opts {
    enum sg_import_format format;
    const char *asset;   /* --asset ID, or NULL: the document's own repository id */
    int64_t ingested_at; /* provenance only, never in a record */
};

/* Reads every input as a document of opts->format into st. Returns 0 when every
 * element was good; -1 when some were bad (each reported through fn, err holds the
 * first, EX_DATAERR) or on an I/O or store error. stats->records counts records
 * written (several per alert). */
int sg_import_inputs(struct sg_store *st, struct sg_inputs *in,
                     const struct sg_import_opts *opts, sg_record_error_fn fn, void *ctx,
                     struct sg_ingest_stats *stats, struct sg_error *err);

/* Lower level, for one document already read: text (len bytes) named path, source id
 * of the store's provenance. */
int sg_import_dependabot(struct sg_store *st, const char *path, const char *text,
                         size_t len, int64_t source, const struct sg_import_opts *opts,
                         sg_record_error_fn fn, void *ctx, struct sg_ingest_stats *stats,
                         struct sg_error *err);

#endif
