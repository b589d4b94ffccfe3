/* import.h: importers of real-world formats into the native kinds (SPEC §2 "Real-world
 * formats", "Importers obey these rules"; docs/importers.md): OpenVEX, CycloneDX VEX/VDR,
 * GitHub Dependabot alerts, Trivy and Grype JSON reports. Ids are derived from the
 * source so re-importing a document is a no-op; records hold no import-time values. The
 * caller holds the one transaction, as for ingest. */
#ifndef SIGNOFF_IMPORT_H
#define SIGNOFF_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "signoff/error.h"
#include "signoff/ingest.h"
#include "signoff/store.h"

enum sg_import_format {
    SG_IMPORT_DEPENDABOT = 0,
    SG_IMPORT_OPENVEX,
    SG_IMPORT_CYCLONEDX,
    SG_IMPORT_TRIVY,
    SG_IMPORT_GRYPE,
};

/* 0 and *out set for a format name of SPEC §7; -1 for an unknown word. */
int sg_import_format_lookup(const char *name, enum sg_import_format *out);
/* Borrowed (static): the name of the i-th implemented format, NULL past the last. Lets
 * tests (tests/fuzz) cover every format without naming one. */
const char *sg_import_format_name(size_t i);

/* --asset-map FILE: a JSON array of {"match": GLOB, "asset": ID}, tried in order; GLOB
 * is fnmatch(3) with FNM_NOESCAPE in the C locale, like credential_scope.assets. */
struct sg_import_map;
/* New: sg_import_map_free(). A missing file is EX_NOINPUT; a malformed one EX_DATAERR
 * at FILE:LINE: POINTER. */
int sg_import_map_load(struct sg_import_map **out, const char *path,
                       struct sg_error *err);
void sg_import_map_free(struct sg_import_map *map);
/* The asset of the first pattern subject matches, or NULL. Borrowed. */
const char *sg_import_map_lookup(const struct sg_import_map *map, const char *subject);

struct sg_import_opts {
    enum sg_import_format format;
    const char *asset;               /* --asset ID, or NULL */
    const struct sg_import_map *map; /* --asset-map, or NULL */
    const char *seen_at;             /* --seen-at TIME, checked, or NULL */
    int64_t ingested_at;             /* provenance only, never in a record */
};

/* Reads every input as a document of opts->format into st. Returns 0 when every
 * element was good; -1 when some were bad (each reported through fn, err holds the
 * first, EX_DATAERR) or on an I/O or store error. stats->records counts records
 * written (several per alert or statement). */
int sg_import_inputs(struct sg_store *st, struct sg_inputs *in,
                     const struct sg_import_opts *opts, sg_record_error_fn fn, void *ctx,
                     struct sg_ingest_stats *stats, struct sg_error *err);

/* Lower level, for one document already read: text (len bytes) named path, sha256 its
 * lower-case hex digest, source the id of its provenance in the store. Same results;
 * stats are added to. */
int sg_import_document(struct sg_store *st, const char *path, const char *text,
                       size_t len, const char *sha256, int64_t source,
                       const struct sg_import_opts *opts, sg_record_error_fn fn,
                       void *ctx, struct sg_ingest_stats *stats, struct sg_error *err);

#endif
