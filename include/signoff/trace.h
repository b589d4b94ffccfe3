/* trace.h: the trace engine — every verdict of SPEC §4 for one period. It streams the
 * store's decisions and exposures (model.h), judges each once, writes findings into
 * the store's finding table (read back sorted with sg_q_each_finding) and reports each
 * verdict through a callback for the report and `trace`. Memory is bounded by what one
 * decision's links need. The reading of SPEC §4 where it needs one is docs/rules.md. */
#ifndef SIGNOFF_TRACE_H
#define SIGNOFF_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "signoff/error.h"
#include "signoff/findings.h"
#include "signoff/model.h"
#include "signoff/period.h"
#include "signoff/settings.h"
#include "signoff/store.h"

/* SPEC §4 Changes: the path that traced a change. */
enum sg_path { SG_PATH_UNTRACED, SG_PATH_APPROVAL, SG_PATH_VETO_WINDOW, SG_PATH_POLICY };
const char *sg_path_name(enum sg_path p); /* "untraced" "approval" "veto-window" "policy" */

/* Untraced reasons, in byte order of their words (a bit each). */
enum sg_untraced_reason {
    SG_R_AGENT_APPROVER,
    SG_R_APPROVAL_AFTER_DEPLOY,
    SG_R_DEPLOYED_DESPITE_VETO,
    SG_R_INVALID_POLICY,
    SG_R_NO_AUTHORIZATION,
    SG_R_NON_HUMAN_NOTIFIED,
    SG_R_NOTIFIED_AFTER_DEPLOY,
    SG_R_SELF_APPROVAL,
    SG_R_STALE_APPROVAL,
    SG_R_TIER_TOO_LOW,
    SG_R_UNKNOWN_APPROVER,
    SG_R_VETO_WINDOW_OPEN,
    SG_R__COUNT
};
const char *sg_untraced_reason_name(int r);

/* Deferral reasons, in byte order. */
enum sg_deferral_reason {
    SG_D_EXPIRED_ACCEPTANCE,
    SG_D_LATE_ACCEPTANCE,
    SG_D_NO_ACCEPTANCE,
    SG_D_NON_HUMAN_OWNER,
    SG_D_UNKNOWN_OWNER,
    SG_D__COUNT
};
const char *sg_deferral_reason_name(int r);

enum sg_verdict_kind { SG_VK_CHANGE, SG_VK_DEFERRAL, SG_VK_ESCALATION, SG_VK_EXPOSURE };
enum sg_state {
    SG_ST_TRACED,
    SG_ST_UNTRACED,
    SG_ST_DOCUMENTED,
    SG_ST_UNDOCUMENTED,
    SG_ST_ANSWERED,
    SG_ST_ORPHANED,
    SG_ST_PENDING,
    /* exposures */
    SG_ST_REMEDIATED, /* remediated by its deadline */
    SG_ST_NOT_DUE,    /* deadline not yet passed at to */
    SG_ST_EXCUSED,    /* overdue, excused by an acceptance */
    SG_ST_SILENT,     /* silent-deferral */
    SG_ST_BREACH,     /* sla-breach */
    SG_ST_PAST,       /* overdue span ended before the period: not judged */
};
const char *sg_state_name(enum sg_state s);

/* One verdict, borrowed for the callback's duration. */
struct sg_verdict {
    enum sg_verdict_kind kind;
    enum sg_state state;
    const struct sg_decision *decision; /* NULL for exposures */
    const struct sg_exposure *exposure; /* NULL for decisions */
    int64_t when;      /* judgement time: t, due time, or the exposure's deadline */
    enum sg_path path; /* changes */
    const char *by;    /* the named human (changes, answered escalations), or NULL */
    const char *via;   /* id of the approval / notification / acceptance, or POLICY@V */
    unsigned reasons;  /* bits of sg_untraced_reason or sg_deferral_reason */
    int64_t required_tier;
    int production;       /* a known target in production */
    int64_t remediated_at; /* exposures: SG_TIME_MAX when not remediated before to */
};

/* The verdict's reasons as a JSON array text ("[]" when none), in ar. */
const char *sg_verdict_reasons_json(struct sg_arena *ar, const struct sg_verdict *v);

typedef int (*sg_verdict_fn)(void *ctx, const struct sg_verdict *v);

struct sg_trace_stats {
    long changes, traced, untraced, production_changes, production_traced;
    long by_path[4];
    long deferrals, documented, undocumented, escalations, answered, orphaned, pending;
    long exposures_judged, silent, breaches, excused, remediated;
    long findings[SG_F__COUNT];
    long evidence[SG_E__COUNT];
};

struct sg_trace_opts {
    const struct sg_settings *settings;
    struct sg_period period;
    sg_verdict_fn fn; /* may be NULL */
    void *ctx;
};

/* Judges the period. Findings land in the store's finding table (cleared first). */
int sg_trace_run(struct sg_store *st, const struct sg_trace_opts *o, struct sg_trace_stats *stats,
                 struct sg_error *err);

/* Judges one decision as a change (for `trace`): fills v (strings in ar). */
int sg_trace_change(struct sg_store *st, const struct sg_trace_opts *o,
                    const struct sg_decision *d, struct sg_arena *ar, struct sg_verdict *v,
                    struct sg_error *err);
/* Judges one deferral or escalation (state may be SG_ST_PENDING). */
int sg_trace_decision(struct sg_store *st, const struct sg_trace_opts *o,
                      const struct sg_decision *d, struct sg_arena *ar, struct sg_verdict *v,
                      struct sg_error *err);
/* Judges one exposure for the period. */
int sg_trace_exposure(struct sg_store *st, const struct sg_trace_opts *o,
                      const struct sg_exposure *x, struct sg_arena *ar, struct sg_verdict *v,
                      struct sg_error *err);

#endif
