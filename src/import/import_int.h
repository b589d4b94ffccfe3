/* import/import_int.h: what the importers of src/import/ share (import.c): the document
 * being read, reporting a bad element at its JSON pointer, typed reads of optional
 * fields, storing a record with its provenance, SPEC §2's re-observation of exposures,
 * the asset of a subject (--asset, --asset-map, the document's own id), deferrals with or
 * without an acceptance, and the VEX statement both VEX formats reduce to. Each format's
 * file turns its document into calls of these (docs/importers.md). */
#ifndef SIGNOFF_IMPORT_INT_H
#define SIGNOFF_IMPORT_INT_H

#include <jansson.h>
#include <stdint.h>

#include "signoff/import.h"

struct imp {
    struct sg_store *st;
    const char *path, *text, *sha256; /* sha256: lower-case hex of the whole file */
    size_t len;
    int64_t source;
    const struct sg_import_opts *opts;
    sg_record_error_fn fn;
    void *ctx;
    struct sg_ingest_stats *stats;
    struct sg_error *err;
    json_t *lines; /* JSON pointer -> line (sg_json_line_index), or NULL */
    int fatal;     /* a store or I/O error: stop at once */
};

/* The line where the value at ptr starts, 0 when absent. */
unsigned long imp_line(struct imp *m, const char *ptr);

/* Reports one bad element: "FILE:LINE: ELEM+SUB: message", LINE that of ELEM+SUB when
 * present, else of ELEM. Counts it in stats->bad; the first goes into m->err. */
void imp_bad(struct imp *m, const char *elem, const char *sub, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Reports the document as a whole: "FILE: message". */
void imp_bad_doc(struct imp *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A member that is a non-empty string, else NULL (no report). */
const char *imp_str(const json_t *o, const char *key);

/* Typed reads of an optional member key of o (o the element at elem). Absent (null
 * members are dropped first) gives NULL and 0; the wrong type is reported at
 * elem/key and gives -1. imp_opt_string also treats "" as absent. imp_opt_time checks
 * SPEC §2's RFC 3339 grammar and fills *t when t is not NULL. */
int imp_opt_string(struct imp *m, const json_t *o, const char *key, const char *elem,
                   const char **out);
int imp_opt_time(struct imp *m, const json_t *o, const char *key, const char *elem,
                 const char **out, int64_t *t);
int imp_opt_array(struct imp *m, const json_t *o, const char *key, const char *elem,
                  const json_t **out);
int imp_opt_object(struct imp *m, const json_t *o, const char *key, const char *elem,
                   const json_t **out);

/* "REASON: COMMENT", either alone when the other is NULL, or NULL. New: free(). */
char *imp_rationale(const char *reason, const char *comment);

/* New: free(). elem + "/" + index or + "/" + escaped key. */
char *imp_ptr_index(const char *elem, const char *key, size_t i);
char *imp_ptr_key(const char *elem, const char *key);

/* Validates and stores rec (steals it) with provenance (file, line and pointer elem).
 * Returns 0, or -1 for a bad record (reported) or a fatal store error (m->fatal). */
int imp_put(struct imp *m, json_t *rec, const char *elem);

/* Stores an exposure observation (steals x). When its id is already stored, SPEC §2:
 * the new observation copies every stored field but last_seen and status, so the
 * first observation's first_seen and severity stand; an observation whose last_seen
 * is before that first_seen adds nothing (counted as already stored). */
int imp_put_exposure(struct imp *m, json_t *x, const char *elem);

/* A severity word of any case as SPEC's enum: critical, high, medium (also "moderate"),
 * low (also "negligible"); NULL for any other word (dropped). Static string. */
const char *imp_severity(const char *word);
/* A rank for comparing severities: 0 none, 1 low .. 4 critical. */
int imp_severity_rank(const char *sev);

/* The asset of a subject (the document's own product, package URL, repository or
 * artifact id): --asset, else the first --asset-map pattern it matches, else itself.
 * Borrowed. */
const char *imp_asset(struct imp *m, const char *subject);

/* Who made a deferral: a person (an identity id, unknown until the user declares it),
 * or an agent (id and name, an agent record is written). */
struct imp_decider {
    const char *id;
    const char *agent_name; /* NULL: a person */
    int unattributed;       /* the document names nobody: id is a placeholder, no
                               agent record and no acceptance */
};

/* Writes a deferral decision did (outcome defer, action patch, targets, vulns [{id}]
 * per vulnerability id, rationale when not NULL) decided at `at` by `by`: for an agent,
 * its agent record first and no acceptance; for a person, also the risk acceptance acc
 * (did + ":acceptance" when NULL) owned by them at the same time, linked by decision,
 * with the same rationale (SPEC §2 "A dismissal by a person ..."). targets and vulns are
 * borrowed arrays of strings. Returns 0 or -1. */
int imp_deferral(struct imp *m, const struct imp_decider *by, const char *did,
                 const char *acc, const char *at, const json_t *targets,
                 const json_t *vulns, const char *rationale, const char *elem);

/* One VEX statement about one vulnerability and its subjects (OpenVEX statement,
 * CycloneDX vulnerability), reduced to what SPEC §2 makes of it. */
enum imp_vex_seen { IMP_VEX_NO_EXPOSURE, IMP_VEX_OPEN, IMP_VEX_FIXED };
struct imp_vex {
    const char *format; /* "openvex", "cyclonedx": the prefix of exposure ids */
    const char *elem;   /* pointer of the statement */
    const char *vuln;
    size_t nsubjects;
    const char **subjects;       /* the document's own ids of the products */
    const char **subject_elems;  /* pointer of each */
    const char *first_seen, *at; /* times as written; first_seen <= at */
    enum imp_vex_seen seen;
    int defer;       /* a decision not to fix */
    const char *did; /* its decision id */
    const struct imp_decider *by;
    const char *rationale; /* or NULL */
    const char *severity;  /* SPEC word or NULL */
    int has_cvss;
    double cvss;
};
/* Writes the statement's exposures (one per subject: id FORMAT:VULN@SUBJECT) and its
 * deferral. Returns 0 or -1. */
int imp_vex(struct imp *m, const struct imp_vex *v);

/* The importers, each given the document with null members dropped. */
void imp_dependabot(struct imp *m, json_t *root);
void imp_openvex(struct imp *m, json_t *root);
void imp_cyclonedx(struct imp *m, json_t *root);
void imp_trivy(struct imp *m, json_t *root);
void imp_grype(struct imp *m, json_t *root);

#endif
