/* map.h: the framework mapping files of SPEC §5: loading and checking mappings/ (or a
 * user's --mappings DIR), reading the frameworks and their controls, and each control's
 * status for a period (SPEC §6: exceptions noted / evidence present / no evidence).
 *
 * A mapping directory holds one JSON file per framework (every *.json directly in it,
 * in byte order of names); each names a catalog (mappings/catalogs/, the framework's
 * valid control IDs with their provenance) relative to the directory. The file format
 * and the reasoning behind every shipped mapping are in docs/mappings.md. The finding
 * codes and evidence kinds a file may name are those of findings.h. Finding lists per
 * control are the caller's: a control's exception codes say which findings belong to it.
 * The core never prints: problems come back as struct sg_error. */
#ifndef SIGNOFF_MAP_H
#define SIGNOFF_MAP_H

#include <stddef.h>

#include "signoff/error.h"
#include "signoff/findings.h"

/* The frameworks, in their fixed output order. */
enum sg_framework {
    SG_FW_SOC2,
    SG_FW_ISO27001,
    SG_FW_FEDRAMP,
    SG_FW_AI_RMF,
    SG_FW__COUNT
};

/* "soc2" "iso27001" "fedramp" "ai-rmf" (the "framework" member); NULL past the end. */
const char *sg_framework_key(enum sg_framework fw);
/* Returns the framework or -1 when key is none of the above. */
int sg_framework_lookup(const char *key);

/* FedRAMP Rev. 5 baselines, as bits of sg_control.baselines. */
enum { SG_BASELINE_LOW = 1u, SG_BASELINE_MODERATE = 2u, SG_BASELINE_HIGH = 4u };
/* "low" "moderate" "high" for one bit; NULL otherwise. */
const char *sg_baseline_name(unsigned bit);
/* Returns the bit, or 0 when name is not low, moderate or high. */
unsigned sg_baseline_lookup(const char *name);

/* NIST IR 8477 (OLIR) set-theory relationship of what signoff tests (the focal element)
 * to the control (the reference element). */
enum sg_relationship {
    SG_REL_EQUAL,
    SG_REL_SUBSET, /* signoff tests a part of what the control requires */
    SG_REL_SUPERSET,
    SG_REL_INTERSECTS, /* overlap, each has something the other lacks */
    SG_REL_RELATED,    /* bears on the control without a direct overlap */
    SG_REL__COUNT
};
const char *sg_relationship_name(enum sg_relationship r); /* "equal" … "related" */
int sg_relationship_lookup(const char *name);             /* -1 when unknown */

/* One mapped control. Borrowed from its mapset: valid until sg_mapset_free(). */
struct sg_control {
    const char *id;        /* "CC8.1", "A.8.32", "6.1.3", "CM-3(4)", "GOVERN 1.1" */
    const char *title;     /* short; our own words for SOC 2 and ISO */
    const char *rationale; /* one line: why these findings and evidence bear on it */
    enum sg_relationship relationship;
    unsigned baselines; /* FedRAMP: SG_BASELINE_* bits (0 = in no baseline); else 0 */
    unsigned char exception[SG_F__COUNT]; /* 1: this finding code is an exception here */
    unsigned char evidence[SG_E__COUNT];  /* 1: this evidence kind supports it */
};

/* One framework's mapping file. Borrowed like its controls. */
struct sg_framework_map {
    enum sg_framework fw;
    const char *key;     /* sg_framework_key(fw) */
    const char *name;    /* "SOC 2 Trust Services Criteria" */
    const char *edition; /* "2017 (points of focus revised 2022)" */
    const char *source;  /* where the framework's text comes from */
    const char *label;   /* the catalog's short name: "SOC 2 (2017)" */
    const char *file;    /* path of the mapping file, as found in the directory */
    const char *catalog; /* path of its catalog file */
    size_t ncontrols;
    const struct sg_control *controls; /* in file order */
};

struct sg_mapset; /* every framework of one mapping directory */

/* Called once per problem, in file order (then element order within a file, then the
 * per-framework checks); e is borrowed for the call. Compatible with cli_msgs_print. */
typedef void (*sg_map_problem_fn)(void *ctx, const struct sg_error *e);

/* Loads dir (NULL: sg_datadir_path("mappings")) and checks everything that
 * `signoff mappings --check` checks: valid JSON without duplicate keys, required members
 * and types, no unknown member, the framework known and defined by one file only, the
 * catalog present and of that framework, every control ID in the catalog and not
 * withdrawn, no control listed twice, every finding code and evidence kind known, every
 * finding code mapped to at least one control of each framework, relationships valid,
 * FedRAMP baselines valid and equal to the catalog's. Reports every problem through fn
 * (may be NULL): EX_NOINPUT when dir cannot be read or holds no *.json file, EX_IOERR
 * when a file cannot be read, else EX_DATAERR with file, line and JSON pointer (past
 * the SG_MAX_MESSAGES-th problem, which nobody prints, the line is not looked up: 0).
 * Returns the number of problems. *out is New (sg_mapset_free()) when there were none,
 * else NULL. */
size_t sg_map_check(struct sg_mapset **out, const char *dir, sg_map_problem_fn fn,
                    void *ctx);

/* sg_map_check keeping only the first problem, in err. Returns 0 or -1. */
int sg_map_load(struct sg_mapset **out, const char *dir, struct sg_error *err);

void sg_mapset_free(struct sg_mapset *ms); /* NULL is fine */

/* Borrowed (see struct sg_control): NULL when the directory has no file for fw. */
const struct sg_framework_map *sg_mapset_framework(const struct sg_mapset *ms,
                                                   enum sg_framework fw);
size_t sg_mapset_nframeworks(const struct sg_mapset *ms); /* frameworks present */
size_t sg_mapset_ncontrols(const struct sg_mapset *ms);   /* over all frameworks */

/* SPEC §6 control status for one period. */
enum sg_control_status {
    SG_CS_EXCEPTIONS_NOTED, /* a finding of a mapped exception code is in the period */
    SG_CS_EVIDENCE_PRESENT, /* no exception, and a mapped evidence kind has count > 0 */
    SG_CS_NO_EVIDENCE,      /* neither */
};
const char *sg_control_status_name(enum sg_control_status s); /* "exceptions noted" … */
const char *sg_control_status_key(enum sg_control_status s);  /* "exceptions-noted" … */

/* finding_count and evidence_count are the period's counts per code and kind (as in
 * struct sg_trace_stats). */
enum sg_control_status sg_control_status(const struct sg_control *c,
                                         const long finding_count[SG_F__COUNT],
                                         const long evidence_count[SG_E__COUNT]);

/* 1 when c belongs in a package cut for baseline (one SG_BASELINE_* bit): it lists that
 * baseline. baseline 0 means no filter (every control, every framework). */
int sg_control_in_baseline(const struct sg_control *c, unsigned baseline);

#endif
