/* trace/engine.c: the judging loop of SPEC §4 — "each decision is judged once, in the
 * period that holds its judgement time" — and the findings of each verdict. Streams
 * decisions and exposures from the store; one arena per decision bounds memory. */
#include "trace_int.h"

#include "signoff/json.h"
#include "signoff/progress.h"
#include "signoff/time.h"

#include <string.h>

static const char *const untraced_names[SG_R__COUNT] = {
    "agent-approver",        "approval-after-deploy", "deployed-despite-veto",
    "invalid-policy",        "no-authorization",      "non-human-notified",
    "notified-after-deploy", "self-approval",         "stale-approval",
    "tier-too-low",          "unknown-approver",      "veto-window-open",
};
static const char *const deferral_names[SG_D__COUNT] = {
    "expired-acceptance", "late-acceptance", "no-acceptance",
    "non-human-owner",    "unknown-owner",
};

const char *sg_untraced_reason_name(int r)
{
    return r >= 0 && r < SG_R__COUNT ? untraced_names[r] : "?";
}

const char *sg_deferral_reason_name(int r)
{
    return r >= 0 && r < SG_D__COUNT ? deferral_names[r] : "?";
}

const char *sg_path_name(enum sg_path p)
{
    static const char *const names[] = {"untraced", "approval", "veto-window", "policy"};
    return (unsigned)p < 4 ? names[p] : "?";
}

const char *sg_state_name(enum sg_state s)
{
    static const char *const names[] = {
        "traced",          "untraced",   "documented", "undocumented", "answered",
        "orphaned",        "pending",    "remediated", "not-due",      "excused",
        "silent-deferral", "sla-breach", "past"};
    return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

const char *sg_tr_reason_bits(struct sg_arena *ar, unsigned bits,
                              const char *(*name)(int), int count)
{
    struct sg_buf b = {0};
    const char *s;
    int first = 1;
    sg_buf_addc(&b, '[');
    for (int i = 0; i < count; i++)
        if (bits & (1u << i)) {
            if (!first)
                sg_buf_addc(&b, ',');
            sg_json_put_string(&b, name(i));
            first = 0;
        }
    sg_buf_addc(&b, ']');
    s = sg_arena_strdup(ar, sg_buf_str(&b));
    sg_buf_release(&b);
    return s;
}

const char *sg_verdict_reasons_json(struct sg_arena *ar, const struct sg_verdict *v)
{
    if (v->kind == SG_VK_CHANGE)
        return sg_tr_reason_bits(ar, v->reasons, sg_untraced_reason_name, SG_R__COUNT);
    if (v->kind == SG_VK_DEFERRAL)
        return sg_tr_reason_bits(ar, v->reasons, sg_deferral_reason_name, SG_D__COUNT);
    return "[]";
}

int sg_tr_finding(struct sg_store *st, enum sg_finding_code code, const char *subject,
                  const char *reasons, struct sg_trace_stats *stats, struct sg_error *err)
{
    int rc = sg_q_finding_add(st, sg_finding_name(code), subject, reasons,
                              sg_severity_name(sg_finding_severity(code)), err);
    if (rc < 0)
        return -1;
    if (rc > 0 && stats != NULL)
        stats->findings[code]++;
    return 0;
}

struct loop {
    struct sg_store *st;
    const struct sg_trace_opts *o;
    struct sg_trace_stats *stats;
    struct sg_arena *ar;
    struct sg_error *err;
    int64_t seen, total; /* rows judged so far, rows in the store: the progress line */
};

static void tick(struct loop *l)
{
    if (++l->seen % 256 == 1)
        sg_progress("judge", l->seen, l->seen, l->total);
}

static int judge_decision(struct loop *l, struct sg_decision *d, struct sg_verdict *v)
{
    if (strcmp(d->outcome, "act") == 0)
        return sg_tr_change(l->st, l->o, d, l->ar, v, l->err);
    if (strcmp(d->outcome, "defer") == 0)
        return sg_tr_deferral(l->st, l->o, d, l->ar, v, l->err);
    return sg_tr_escalation(l->st, l->o, d, l->ar, v, l->err);
}

static int on_decision(void *ctx, struct sg_decision *d)
{
    struct loop *l = ctx;
    struct sg_trace_stats *s = l->stats;
    const struct sg_period *p = &l->o->period;
    struct sg_verdict v;
    int is_change = strcmp(d->outcome, "act") == 0;

    tick(l);

    /* the judgement time: t for a change, at + AS for a deferral or an escalation */
    int64_t when = is_change ? d->t : sg_time_add(d->at, l->o->settings->acceptance_sla);
    if (is_change && !(p->from <= when && when < p->to))
        return 0;
    if (!is_change && when < p->from)
        return 0; /* judged in an earlier period */
    if (judge_decision(l, d, &v) != 0)
        return -1;
    switch (v.state) {
    case SG_ST_PENDING:
        s->pending++;
        break;
    case SG_ST_TRACED:
        s->changes++;
        s->traced++;
        s->by_path[v.path]++;
        s->evidence[SG_E_TRACED_CHANGE]++;
        if (v.path == SG_PATH_VETO_WINDOW)
            s->evidence[SG_E_RESPECTED_NOTIFICATION]++;
        if (v.path == SG_PATH_POLICY)
            s->evidence[SG_E_SIGNED_POLICY]++;
        if (v.production) {
            s->production_changes++;
            s->production_traced++;
        }
        break;
    case SG_ST_UNTRACED:
        s->changes++;
        s->untraced++;
        s->by_path[SG_PATH_UNTRACED]++;
        if (v.production)
            s->production_changes++;
        if (sg_tr_finding(
                l->st, SG_F_UNTRACED_CHANGE, d->id,
                sg_tr_reason_bits(l->ar, v.reasons, sg_untraced_reason_name, SG_R__COUNT),
                s, l->err) != 0)
            return -1;
        break;
    case SG_ST_DOCUMENTED:
        s->deferrals++;
        s->documented++;
        s->evidence[SG_E_DOCUMENTED_DEFERRAL]++;
        break;
    case SG_ST_UNDOCUMENTED:
        s->deferrals++;
        s->undocumented++;
        if (sg_tr_finding(
                l->st, SG_F_UNDOCUMENTED_DEFERRAL, d->id,
                sg_tr_reason_bits(l->ar, v.reasons, sg_deferral_reason_name, SG_D__COUNT),
                s, l->err) != 0)
            return -1;
        break;
    case SG_ST_ANSWERED:
        s->escalations++;
        s->answered++;
        s->evidence[SG_E_ANSWERED_ESCALATION]++;
        break;
    case SG_ST_ORPHANED:
        s->escalations++;
        s->orphaned++;
        if (sg_tr_finding(l->st, SG_F_ORPHANED_ESCALATION, d->id, "[]", s, l->err) != 0)
            return -1;
        break;
    default:
        break;
    }
    if (v.state != SG_ST_PENDING) {
        s->evidence[SG_E_DECISION_RECORD]++;
        if (sg_tr_other(l->st, l->o, d, &v, l->ar, s, l->err) != 0)
            return -1;
    }
    if (l->o->fn != NULL && l->o->fn(l->o->ctx, &v) != 0)
        return sg_error_set(l->err, EX_IOERR, NULL, "cannot write the verdicts");
    return 0;
}

static int on_exposure(void *ctx, struct sg_exposure *x)
{
    struct loop *l = ctx;
    struct sg_trace_stats *s = l->stats;
    struct sg_verdict v;

    tick(l);
    if (sg_tr_exposure(l->st, l->o, x, l->ar, &v, l->err) != 0)
        return -1;
    switch (v.state) {
    case SG_ST_REMEDIATED:
        /* evidence of the period: a remediation by the deadline that happened in it */
        if (v.remediated_at >= l->o->period.from && v.remediated_at < l->o->period.to) {
            s->remediated++;
            s->evidence[SG_E_REMEDIATED_EXPOSURE]++;
        }
        break;
    case SG_ST_EXCUSED:
        s->exposures_judged++;
        s->excused++;
        break;
    case SG_ST_SILENT:
        s->exposures_judged++;
        s->silent++;
        if (sg_tr_finding(l->st, SG_F_SILENT_DEFERRAL, x->id, "[]", s, l->err) != 0)
            return -1;
        break;
    case SG_ST_BREACH:
        s->exposures_judged++;
        s->breaches++;
        if (sg_tr_finding(l->st, SG_F_SLA_BREACH, x->id, "[]", s, l->err) != 0)
            return -1;
        break;
    default:
        break;
    }
    if (l->o->fn != NULL && l->o->fn(l->o->ctx, &v) != 0)
        return sg_error_set(l->err, EX_IOERR, NULL, "cannot write the verdicts");
    return 0;
}

int sg_trace_run(struct sg_store *st, const struct sg_trace_opts *o,
                 struct sg_trace_stats *stats, struct sg_error *err)
{
    struct sg_arena ar;
    struct loop l = {st, o, stats, &ar, err, 0, 0};
    int64_t nd = 0, nx = 0;
    int rc;

    memset(stats, 0, sizeof(*stats));
    if (sg_progress_wanted() && (sg_store_count(st, SG_K_DECISION, &nd, err) != 0 ||
                                 sg_store_count(st, SG_K_EXPOSURE, &nx, err) != 0))
        return -1;
    l.total = nd + nx;
    if (sg_q_findings_clear(st, err) != 0)
        return -1;
    /* one read transaction for the whole run (when the caller has none): one snapshot,
       and SQLite neither takes its lock per query nor commits per finding */
    int own_txn = sg_store_in_transaction(st) == 0;
    if (own_txn && sg_store_read_begin(st, err) != 0)
        return -1;
    if (sg_q_run_begin(st, o->period.to, err) != 0) {
        if (own_txn)
            sg_store_read_end(st);
        return -1;
    }
    sg_arena_init(&ar);
    /* deferrals and escalations whose due time at + AS may fall at or after `from` */
    int64_t other_from = sg_time_sub(o->period.from, o->settings->acceptance_sla);
    rc = sg_q_each_decision(st, o->period.to, o->period.from, other_from, &ar,
                            on_decision, &l, err);
    if (rc == 0)
        rc = sg_q_each_exposure(st, o->period.to, &ar, on_exposure, &l, err);
    sg_arena_release(&ar);
    sg_q_run_end(st);
    if (own_txn)
        sg_store_read_end(st);
    return rc;
}

int sg_trace_change(struct sg_store *st, const struct sg_trace_opts *o,
                    const struct sg_decision *d, struct sg_arena *ar,
                    struct sg_verdict *v, struct sg_error *err)
{
    return sg_tr_change(st, o, d, ar, v, err);
}

int sg_trace_decision(struct sg_store *st, const struct sg_trace_opts *o,
                      const struct sg_decision *d, struct sg_arena *ar,
                      struct sg_verdict *v, struct sg_error *err)
{
    if (strcmp(d->outcome, "act") == 0)
        return sg_tr_change(st, o, d, ar, v, err);
    if (strcmp(d->outcome, "defer") == 0)
        return sg_tr_deferral(st, o, d, ar, v, err);
    return sg_tr_escalation(st, o, d, ar, v, err);
}

int sg_trace_exposure(struct sg_store *st, const struct sg_trace_opts *o,
                      const struct sg_exposure *x, struct sg_arena *ar,
                      struct sg_verdict *v, struct sg_error *err)
{
    return sg_tr_exposure(st, o, x, ar, v, err);
}
