/* record.h: the nine kinds of SPEC §2 and their validation. A record is a jansson
 * object with null members dropped; sg_record_validate() checks it exactly as SPEC §2
 * says (required fields, types, enums, ranges, times, durations, cross-field rules)
 * and reports the first problem. Typed access for the store and the trace engine is by
 * the getters below, which assume a validated record. */
#ifndef SIGNOFF_RECORD_H
#define SIGNOFF_RECORD_H

#include <jansson.h>
#include <stdint.h>

#include "signoff/error.h"

enum sg_kind {
    SG_K_IDENTITY,
    SG_K_AGENT,
    SG_K_ASSET,
    SG_K_POLICY,
    SG_K_DECISION,
    SG_K_APPROVAL,
    SG_K_NOTIFICATION,
    SG_K_RISK_ACCEPTANCE,
    SG_K_EXPOSURE,
    SG_K__COUNT
};

const char *sg_kind_name(enum sg_kind k); /* "identity", ..., "risk_acceptance" */
int sg_kind_lookup(const char *name);     /* -1 when unknown */

/* Criticality and severity share one order: low 1 < medium 2 < high 3 < critical 4. */
int sg_level_lookup(const char *name); /* 0 when not one of the four */
const char *sg_level_name(int level);

/* Validates obj (nulls already dropped). On success returns 0 and sets *kind. On a
 * problem returns -1 and fills err (EX_DATAERR) at `pos`. */
int sg_record_validate(const json_t *obj, enum sg_kind *kind, const struct sg_pos *pos,
                       struct sg_error *err);

/* Getters on validated records (NULL / fallback when absent or Missing). */
const char *sg_rec_str(const json_t *obj, const char *key);  /* NULL if absent or "" */
const char *sg_rec_str2(const json_t *obj, const char *key, const char *sub);
int sg_rec_time(const json_t *obj, const char *key, int64_t *out); /* 0 = present */
int sg_rec_time2(const json_t *obj, const char *key, const char *sub, int64_t *out);

#endif
