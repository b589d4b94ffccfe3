/* trace/trace_int.h: what the rule files of src/trace/ share. Each rule file holds the
 * rules of one part of SPEC §4. */
#ifndef SIGNOFF_TRACE_INT_H
#define SIGNOFF_TRACE_INT_H

#include "signoff/trace.h"

/* One judged target: the asset it names, if known. */
struct target {
    const char *id;
    int known;
    const char *environment;
    int criticality;
};

struct targets {
    struct target *v;
    size_t n;
    int64_t required_tier;
    int production; /* a known target in production */
    int unknown;    /* count of unknown targets */
};

/* SPEC §4 Required tier; also which targets are known, and in production. */
int sg_tr_targets(struct sg_store *st, const struct sg_settings *set, const struct sg_decision *d,
                  struct sg_arena *ar, struct targets *out, struct sg_error *err);
int sg_tr_party(struct sg_store *st, const char *id, enum sg_party *out, struct sg_error *err);

/* SPEC §4 Changes, rule 3: is the cited policy valid authorization for d? */
int sg_tr_policy_valid(const struct sg_settings *set, const struct sg_decision *d,
                       const struct sg_policy *p, enum sg_party signer, const struct targets *tg);

/* Judges a change (rules 1-3 and every untraced reason). */
int sg_tr_change(struct sg_store *st, const struct sg_trace_opts *o, const struct sg_decision *d,
                 struct sg_arena *ar, struct sg_verdict *v, struct sg_error *err);
int sg_tr_deferral(struct sg_store *st, const struct sg_trace_opts *o,
                   const struct sg_decision *d, struct sg_arena *ar, struct sg_verdict *v,
                   struct sg_error *err);
int sg_tr_escalation(struct sg_store *st, const struct sg_trace_opts *o,
                     const struct sg_decision *d, struct sg_arena *ar, struct sg_verdict *v,
                     struct sg_error *err);
int sg_tr_exposure(struct sg_store *st, const struct sg_trace_opts *o,
                   const struct sg_exposure *x, struct sg_arena *ar, struct sg_verdict *v,
                   struct sg_error *err);
/* SPEC §4 Other findings of a judged decision. */
int sg_tr_other(struct sg_store *st, const struct sg_trace_opts *o, const struct sg_decision *d,
                const struct sg_verdict *v, struct sg_arena *ar, struct sg_trace_stats *stats,
                struct sg_error *err);

/* Records a finding (reasons: a JSON array text). */
int sg_tr_finding(struct sg_store *st, enum sg_finding_code code, const char *subject,
                  const char *reasons, struct sg_trace_stats *stats, struct sg_error *err);
/* JSON array text of the names of the set bits. */
const char *sg_tr_reason_bits(struct sg_arena *ar, unsigned bits, const char *(*name)(int),
                              int count);

int sg_tr_contains(const char *const *v, size_t n, const char *s);

#endif
