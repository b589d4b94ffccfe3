/* model.h: the typed view of stored records that the trace engine judges, and the
 * queries that fetch them from the store (src/store/query.c). Every query takes `to`
 * and returns only what exists for the judgement (SPEC §4 "Evidence is frozen at to").
 * Strings and arrays live in a caller's arena (arena.h), valid until it is reset. */
#ifndef SIGNOFF_MODEL_H
#define SIGNOFF_MODEL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "signoff/arena.h"
#include "signoff/error.h"
#include "signoff/store.h"

struct sg_decision {
    const char *id, *agent, *action, *outcome;
    const char *change_ref, *requested_by; /* NULL when absent */
    const char *policy_id;                 /* NULL: no citation */
    int64_t policy_version;
    int64_t at, t; /* t: change.deployed_at, else at */
    const char **targets; /* distinct, byte order */
    size_t ntargets;
    const char **vulns; /* distinct vuln ids, byte order */
    size_t nvulns;
    /* What SPEC §4 Other findings read of the record (SG_DF_* bits, sg_decision_facts,
       stored at ingest), and its tier when that is an integer */
    unsigned facts;
    int has_tier;
    int64_t tier;
    json_t *doc; /* the whole record (sg_q_decision only, else NULL); owned by the
                    query's caller via sg_decision_release */
    const char *source;  /* provenance: file, line */
    long line;
};

/* sg_decision.facts: "Missing" is SPEC §4's (absent, null, "", [] or {}) */
enum {
    SG_DF_NO_CONFIDENCE = 1u << 0,
    SG_DF_NO_FACTORS = 1u << 1,
    SG_DF_NO_POLICY = 1u << 2,
    SG_DF_NO_RATIONALE = 1u << 3,
    SG_DF_NO_VULNS = 1u << 4,
    SG_DF_CVSS = 1u << 5,         /* an entry of vulns (an array) has a cvss member */
    SG_DF_NO_CONTEXT = 1u << 6,   /* factors.exposure, .exploitability, .business_criticality
                                     all Missing */
    SG_DF_TESTS_PASSED = 1u << 7, /* change.tests.result is the string "passed" */
    SG_DF_NO_ROLLBACK = 1u << 8,  /* change.rollback_plan Missing */
};

/* The SG_DF_* bits of a decision record, and its tier when that is an integer (*has_tier
 * 1, the value in *tier; else 0 and 0). Ingest stores them with the decision. */
unsigned sg_decision_facts(const json_t *doc, int *has_tier, int64_t *tier);

struct sg_approval {
    const char *id, *decision, *change_ref, *by, *outcome;
    int64_t at;
};

struct sg_notification {
    const char *id, *to;
    int64_t at, window; /* window: its veto_window, or -1 when absent */
};

struct sg_acceptance {
    const char *id, *decision, *vuln, *asset, *owner;
    int64_t ack, expires; /* expires SG_TIME_MAX when absent */
    int has_expires;
};

struct sg_policy {
    const char *id, *signed_by;
    int64_t version;
    int has_signed_at, has_review_by;
    int64_t signed_at, review_by;
    json_t *scope; /* NULL when absent/Missing; owned by the arena's caller: decref */
};

struct sg_asset {
    const char *id, *environment;
    int criticality; /* 1 low .. 4 critical */
};

struct sg_exposure {
    const char *id, *vuln, *asset;
    int64_t first_seen, last_seen; /* last_seen SG_TIME_MIN when absent */
    int has_last_seen, fixed;
    int severity;  /* 0 when absent */
    int has_cvss;
    double cvss;
    int observations; /* how many observations are stored */
};

enum sg_party { SG_PARTY_UNKNOWN, SG_PARTY_KNOWN_HUMAN, SG_PARTY_NON_HUMAN };

void sg_decision_release(struct sg_decision *d); /* drops doc */

/* Decisions that exist at `to` (at < to) whose judgement may fall in the period:
 * changes with change_from <= t < to, others with at >= other_from. In id order. With
 * SG_QD_PROVENANCE each has its source and line; without, NULL and 0 (the rules never
 * read them, and the scan then reads no record row). */
enum { SG_QD_PROVENANCE = 1u << 0 };
typedef int (*sg_decision_fn)(void *ctx, struct sg_decision *d);
int sg_q_each_decision(struct sg_store *st, int64_t to, int64_t change_from, int64_t other_from,
                       unsigned flags, struct sg_arena *ar, sg_decision_fn fn, void *ctx,
                       struct sg_error *err);
/* The same for the decisions with lo <= id < hi (byte order; NULL: no bound). */
int sg_q_each_decision_in(struct sg_store *st, int64_t to, int64_t change_from,
                          int64_t other_from, unsigned flags, const char *lo, const char *hi,
                          struct sg_arena *ar, sg_decision_fn fn, void *ctx,
                          struct sg_error *err);
/* Every `every`-th decision id in byte order (the every-th, the 2*every-th, ...), to cut
 * the decisions into ranges of `every`: new strings in *out (free each, and the array). */
int sg_q_decision_bounds(struct sg_store *st, size_t every, char ***out, size_t *n,
                         struct sg_error *err);
/* One decision by id, if it exists at `to`. Returns 1 found, 0 not, -1 error. */
int sg_q_decision(struct sg_store *st, const char *id, int64_t to, struct sg_arena *ar,
                  struct sg_decision *out, struct sg_error *err);
/* The same without the whole record (doc stays NULL): for the rules, which read facts. */
int sg_q_decision_core(struct sg_store *st, const char *id, int64_t to, struct sg_arena *ar,
                       struct sg_decision *out, struct sg_error *err);

/* Linked approvals (SPEC §2 Links), ordered by at then id. */
int sg_q_approvals(struct sg_store *st, const struct sg_decision *d, int64_t to,
                   struct sg_arena *ar, struct sg_approval **out, size_t *n, struct sg_error *err);
int sg_q_notifications(struct sg_store *st, const char *decision, int64_t to, struct sg_arena *ar,
                       struct sg_notification **out, size_t *n, struct sg_error *err);
/* Acceptances linked to decision by `decision` or naming one of its vulns x targets. */
int sg_q_acceptances(struct sg_store *st, const struct sg_decision *d, int64_t to,
                     struct sg_arena *ar, struct sg_acceptance **out, size_t *n,
                     struct sg_error *err);
/* Returns 1 found (exists at to: signed_at < to or none), 0 not, -1 error. */
int sg_q_policy(struct sg_store *st, const char *id, int64_t version, int64_t to,
                struct sg_arena *ar, struct sg_policy *out, struct sg_error *err);
int sg_q_party(struct sg_store *st, const char *id, enum sg_party *out, struct sg_error *err);
/* Is id an agent? *scope gets its credential_scope (new reference, or NULL). */
int sg_q_agent(struct sg_store *st, const char *id, int *is_agent, json_t **scope,
               struct sg_error *err);
int sg_q_asset(struct sg_store *st, const char *id, struct sg_arena *ar, struct sg_asset *out,
               struct sg_error *err); /* 1 found, 0 not */
/* Display name of an identity or agent; NULL when none. */
const char *sg_q_name(struct sg_store *st, const char *id, struct sg_arena *ar);

/* A judging run over the whole store at `to` is about to start (sg_q_run_end when it
 * ends): the store may prepare what makes the run's many queries cheaper, for the
 * decision rules (SG_RUN_DECISIONS) and the exposure rules (SG_RUN_EXPOSURES). The
 * answers of every query are the same with or without it. */
enum { SG_RUN_DECISIONS = 1u << 0, SG_RUN_EXPOSURES = 1u << 1 };
int sg_q_run_begin(struct sg_store *st, int64_t to, unsigned which, struct sg_error *err);
void sg_q_run_end(struct sg_store *st);

/* Exposures that exist at to, one per id with the observation SPEC §4 judges. */
typedef int (*sg_exposure_fn)(void *ctx, struct sg_exposure *x);
int sg_q_each_exposure(struct sg_store *st, int64_t to, struct sg_arena *ar, sg_exposure_fn fn,
                       void *ctx, struct sg_error *err);
/* Earliest t of a change with action patch/upgrade/config_change covering (vuln, asset)
 * with from_t <= t < to; SG_TIME_MAX when none. */
int sg_q_first_remediation(struct sg_store *st, const char *vuln, const char *asset,
                           int64_t from_t, int64_t to, int64_t *out, struct sg_error *err);
/* Does a decision (any outcome) covering the pair exist with at <= at_max (and < to)? */
int sg_q_pair_decided(struct sg_store *st, const char *vuln, const char *asset, int64_t at_max,
                      int64_t to, int *out, struct sg_error *err);
/* Acceptances naming the pair or linked to a decision covering it. */
int sg_q_pair_acceptances(struct sg_store *st, const char *vuln, const char *asset, int64_t to,
                          struct sg_arena *ar, struct sg_acceptance **out, size_t *n,
                          struct sg_error *err);
/* Ids of changes sharing a target with `d`, with after < t <= until and at < to. */
int sg_q_changes_near(struct sg_store *st, const struct sg_decision *d, int64_t after,
                      int64_t until, int64_t to, struct sg_arena *ar, const char ***out,
                      size_t *n, struct sg_error *err);

/* Ids matching a trace query: decisions by id, by change ref, by vuln id. */
int sg_q_match(struct sg_store *st, const char *id, int64_t to, struct sg_arena *ar,
               const char ***by_id, size_t *n_id, const char ***by_ref, size_t *n_ref,
               const char ***by_vuln, size_t *n_vuln, struct sg_error *err);
/* Exposures (ids) of a vuln. */
int sg_q_exposures_of_vuln(struct sg_store *st, const char *vuln, struct sg_arena *ar,
                           const char ***out, size_t *n, struct sg_error *err);
/* One exposure by id, judged observation at to. 1 found, 0 not. */
int sg_q_exposure(struct sg_store *st, const char *id, int64_t to, struct sg_arena *ar,
                  struct sg_exposure *out, struct sg_error *err);

/* The findings sink: a temporary table, deduplicated on (code, subject). Returns 1
 * when added, 0 when already there, -1 on error. */
int sg_q_finding_add(struct sg_store *st, const char *code, const char *subject,
                     const char *reasons_json, const char *severity, struct sg_error *err);
typedef int (*sg_finding_row_fn)(void *ctx, const char *code, const char *subject,
                                 const char *reasons_json, const char *severity);
/* In finding then subject byte order. */
int sg_q_each_finding(struct sg_store *st, sg_finding_row_fn fn, void *ctx, struct sg_error *err);
int sg_q_findings_clear(struct sg_store *st, struct sg_error *err);



/* Policies existing at `to`, by id then version; parties (identities and agents) by id.
 * Strings borrowed for the callback. */
struct sg_policy_row {
    const char *id, *title, *signed_by;
    int64_t version, signed_at, review_by;
    int has_signed_at, has_review_by;
    int64_t cited; /* decisions existing at `to` that cite it */
};
int sg_q_each_policy(struct sg_store *st, int64_t to,
                     int (*fn)(void *ctx, const struct sg_policy_row *p), void *ctx,
                     struct sg_error *err);
struct sg_party_row {
    const char *id, *name;
    int is_identity, is_agent, human; /* human: the identity's flag */
};
int sg_q_each_party(struct sg_store *st, int (*fn)(void *ctx, const struct sg_party_row *p),
                    void *ctx, struct sg_error *err);

#endif
