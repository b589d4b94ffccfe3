/* trace/engine.c: the judging loop of SPEC §4 — "each decision is judged once, in the
 * period that holds its judgement time" — and the findings of each verdict. Streams
 * decisions and exposures from the store; one arena per decision bounds memory. */
#include "trace_int.h"

#include "signoff/findings.h"
#include "signoff/json.h"
#include "signoff/progress.h"
#include "signoff/store.h"
#include "signoff/threads.h"
#include "signoff/time.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
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
    /* judging exposures beside the decisions (sg_trace_run): the verdicts go to the
       spool, to be handed to fn in order afterwards; rows judged count in *peer_seen;
       *stop set means the other side failed */
    FILE *spool;
    atomic_long *peer_seen;
    atomic_int *stop;
    int is_peer;
    long *spooled; /* verdicts spooled into the current range (decisions) */
};

static int spool_put(struct loop *l, const struct sg_verdict *v);

static void tick(struct loop *l)
{
    if (l->is_peer) {
        atomic_fetch_add_explicit(l->peer_seen, 1, memory_order_relaxed);
        return;
    }
    if (++l->seen % 256 == 1) {
        int64_t n =
            l->seen + (l->peer_seen != NULL
                           ? atomic_load_explicit(l->peer_seen, memory_order_relaxed)
                           : 0);
        sg_progress("judge", n, n, l->total);
    }
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

    if (l->is_peer && atomic_load_explicit(l->stop, memory_order_relaxed))
        return sg_error_set(l->err, EX_SOFTWARE, NULL, "stopped");
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
    if (l->spool != NULL)
        return spool_put(l, &v);
    if (l->o->fn != NULL && l->o->fn(l->o->ctx, &v) != 0)
        return sg_error_set(l->err, EX_IOERR, NULL, "cannot write the verdicts");
    return 0;
}

static int on_exposure(void *ctx, struct sg_exposure *x)
{
    struct loop *l = ctx;
    struct sg_trace_stats *s = l->stats;
    struct sg_verdict v;

    if (l->is_peer && atomic_load_explicit(l->stop, memory_order_relaxed))
        return sg_error_set(l->err, EX_SOFTWARE, NULL, "stopped");
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
    if (l->spool != NULL)
        return spool_put(l, &v);
    if (l->o->fn != NULL && l->o->fn(l->o->ctx, &v) != 0)
        return sg_error_set(l->err, EX_IOERR, NULL, "cannot write the verdicts");
    return 0;
}

/* ---- a second core: the exposures, then decisions from the end ------------------ */

/* The exposure rules read nothing the decision rules write, and no decision's verdict
 * depends on another's, so on a file store a second read connection judges the
 * exposures on another core while this one judges the decisions; when it is done, it
 * takes ranges of decisions from the end while this connection takes them from the
 * front, until they meet. Both read one snapshot: the first connection holds SQLite's
 * shared lock from before the second opens until after it is done, and no writer
 * commits while a shared lock is held. The second connection's findings are merged into
 * this connection's table, and its verdicts, spooled to temporary files, are handed to
 * fn after this connection's, in the order one thread would give: its decision ranges
 * in id order (they were judged from the end, range by range), then the exposures. */

/* Ranges of decisions, [bound[c-1], bound[c]) for c in 0..n-1 (no bound before the
 * first and after the last): this connection takes them from the front, the second
 * from the back. */
struct split {
    pthread_mutex_t mu;
    int ready; /* bounds set: before that the second connection takes none */
    int front, back;
    int n;
    char **bound; /* n - 1 */
};

static int split_take(struct split *sp, int from_back)
{
    int c = -1;
    pthread_mutex_lock(&sp->mu);
    if (sp->ready && sp->front <= sp->back)
        c = from_back ? sp->back-- : sp->front++;
    pthread_mutex_unlock(&sp->mu);
    return c;
}

static int split_left(struct split *sp)
{
    int left;
    pthread_mutex_lock(&sp->mu);
    left = sp->ready && sp->front <= sp->back;
    pthread_mutex_unlock(&sp->mu);
    return left;
}

static const char *split_lo(const struct split *sp, int c)
{
    return c == 0 ? NULL : sp->bound[c - 1];
}

static const char *split_hi(const struct split *sp, int c)
{
    return c == sp->n - 1 ? NULL : sp->bound[c];
}

/* the decisions a range holds: SIGNOFF_RANGE, else 8 192 */
static size_t range_size(void)
{
    const char *e = getenv("SIGNOFF_RANGE");
    long v = e != NULL ? strtol(e, NULL, 10) : 0;
    return v > 0 ? (size_t)v : 8192;
}

struct range_spool {
    long start; /* offset in the decision spool */
    long count; /* verdicts */
};

struct peer {
    struct sg_store *st;
    const struct sg_trace_opts *o;
    struct sg_trace_stats stats;
    struct sg_error err;
    FILE *spool;  /* the exposures' verdicts (fn only) */
    FILE *dspool; /* the decisions' verdicts, range after range (fn only) */
    struct range_spool *ranges;
    size_t nranges;
    struct split *split;
    atomic_long seen;
    atomic_int *stop;
    int rc;
};

static int put_str(FILE *f, const char *s)
{
    int32_t n = s != NULL ? (int32_t)strlen(s) : -1;
    return fwrite(&n, sizeof(n), 1, f) == 1 && (n <= 0 || fwrite(s, (size_t)n, 1, f) == 1)
               ? 0
               : -1;
}

static const char *get_str(FILE *f, struct sg_arena *ar, int *bad)
{
    int32_t n;
    char *s;
    if (fread(&n, sizeof(n), 1, f) != 1 || n < -1) {
        *bad = 1;
        return NULL;
    }
    if (n < 0)
        return NULL;
    s = sg_arena_alloc(ar, (size_t)n + 1);
    if (n > 0 && fread(s, (size_t)n, 1, f) != 1)
        *bad = 1;
    s[n] = '\0';
    return s;
}

/* A spooled verdict: this, then its strings (put_str) — for an exposure id, vuln,
 * asset; for a decision id, agent, action, outcome, change_ref, requested_by,
 * policy_id, source, its targets and vulns — then by and via. */
struct spooled {
    int32_t kind, state, path, production;
    uint32_t reasons, facts;
    int64_t when, required_tier, remediated_at;
    int64_t first_seen, last_seen; /* exposure */
    int32_t has_last_seen, fixed, severity, has_cvss, observations, has_tier;
    double cvss;
    int64_t at, t, policy_version, tier, line; /* decision */
    int64_t ntargets, nvulns;
};

static int spool_put(struct loop *l, const struct sg_verdict *v)
{
    const struct sg_exposure *x = v->exposure;
    const struct sg_decision *d = v->decision;
    struct spooled r;
    int bad = 0;
    memset(&r, 0, sizeof(r));
    r.kind = (int32_t)v->kind;
    r.state = (int32_t)v->state;
    r.path = (int32_t)v->path;
    r.production = v->production;
    r.reasons = v->reasons;
    r.when = v->when;
    r.required_tier = v->required_tier;
    r.remediated_at = v->remediated_at;
    if (x != NULL) {
        r.first_seen = x->first_seen;
        r.last_seen = x->last_seen;
        r.has_last_seen = x->has_last_seen;
        r.fixed = x->fixed;
        r.severity = x->severity;
        r.has_cvss = x->has_cvss;
        r.observations = x->observations;
        r.cvss = x->cvss;
    } else {
        r.facts = d->facts;
        r.has_tier = d->has_tier;
        r.at = d->at;
        r.t = d->t;
        r.policy_version = d->policy_version;
        r.tier = d->tier;
        r.line = d->line;
        r.ntargets = (int64_t)d->ntargets;
        r.nvulns = (int64_t)d->nvulns;
    }
    bad |= fwrite(&r, sizeof(r), 1, l->spool) != 1;
    if (x != NULL) {
        bad |= put_str(l->spool, x->id) | put_str(l->spool, x->vuln) |
               put_str(l->spool, x->asset);
    } else {
        const char *const strs[] = {d->id,        d->agent,      d->action,
                                    d->outcome,   d->change_ref, d->requested_by,
                                    d->policy_id, d->source};
        for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
            bad |= put_str(l->spool, strs[i]);
        for (size_t i = 0; i < d->ntargets; i++)
            bad |= put_str(l->spool, d->targets[i]);
        for (size_t i = 0; i < d->nvulns; i++)
            bad |= put_str(l->spool, d->vulns[i]);
    }
    bad |= put_str(l->spool, v->by) | put_str(l->spool, v->via);
    if (bad)
        return sg_error_set(l->err, EX_IOERR, NULL,
                            "cannot write the verdicts to a temporary file");
    if (l->spooled != NULL)
        (*l->spooled)++;
    return 0;
}

/* Hands COUNT spooled verdicts from offset START to fn (COUNT < 0: all to the end), in
 * the order they were judged. */
static int spool_replay(FILE *f, long start, long count, const struct sg_trace_opts *o,
                        struct sg_error *err)
{
    struct sg_arena ar;
    struct spooled r;
    int rc = 0;

    if (fflush(f) != 0 || fseek(f, start, SEEK_SET) != 0)
        return sg_error_set(err, EX_IOERR, NULL, "cannot read back the verdicts");
    sg_arena_init(&ar);
    for (long k = 0; rc == 0 && (count < 0 || k < count); k++) {
        struct sg_exposure x;
        struct sg_decision d;
        struct sg_verdict v;
        int bad = 0;
        if (fread(&r, sizeof(r), 1, f) != 1) {
            if (count >= 0 || ferror(f))
                rc = sg_error_set(err, EX_IOERR, NULL, "cannot read back the verdicts");
            break;
        }
        sg_arena_reset(&ar);
        memset(&x, 0, sizeof(x));
        memset(&d, 0, sizeof(d));
        memset(&v, 0, sizeof(v));
        if (r.kind == SG_VK_EXPOSURE) {
            x.id = get_str(f, &ar, &bad);
            x.vuln = get_str(f, &ar, &bad);
            x.asset = get_str(f, &ar, &bad);
            x.first_seen = r.first_seen;
            x.last_seen = r.last_seen;
            x.has_last_seen = r.has_last_seen;
            x.fixed = r.fixed;
            x.severity = r.severity;
            x.has_cvss = r.has_cvss;
            x.observations = r.observations;
            x.cvss = r.cvss;
            v.exposure = &x;
        } else if (r.ntargets >= 0 && r.nvulns >= 0 && r.ntargets < (1 << 24) &&
                   r.nvulns < (1 << 24)) {
            const char **strs[] = {&d.id,        &d.agent,      &d.action,
                                   &d.outcome,   &d.change_ref, &d.requested_by,
                                   &d.policy_id, &d.source};
            for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
                *strs[i] = get_str(f, &ar, &bad);
            d.ntargets = (size_t)r.ntargets;
            d.nvulns = (size_t)r.nvulns;
            d.targets = sg_arena_alloc(&ar, (d.ntargets + 1) * sizeof(*d.targets));
            d.vulns = sg_arena_alloc(&ar, (d.nvulns + 1) * sizeof(*d.vulns));
            for (size_t i = 0; i < d.ntargets; i++)
                d.targets[i] = get_str(f, &ar, &bad);
            for (size_t i = 0; i < d.nvulns; i++)
                d.vulns[i] = get_str(f, &ar, &bad);
            d.facts = r.facts;
            d.has_tier = r.has_tier;
            d.at = r.at;
            d.t = r.t;
            d.policy_version = r.policy_version;
            d.tier = r.tier;
            d.line = (long)r.line;
            v.decision = &d;
        } else {
            bad = 1;
        }
        v.by = get_str(f, &ar, &bad);
        v.via = get_str(f, &ar, &bad);
        if (bad) {
            rc = sg_error_set(err, EX_IOERR, NULL, "cannot read back the verdicts");
            break;
        }
        v.kind = (enum sg_verdict_kind)r.kind;
        v.state = (enum sg_state)r.state;
        v.path = (enum sg_path)r.path;
        v.production = r.production;
        v.reasons = r.reasons;
        v.when = r.when;
        v.required_tier = r.required_tier;
        v.remediated_at = r.remediated_at;
        if (o->fn(o->ctx, &v) != 0)
            rc = sg_error_set(err, EX_IOERR, NULL, "cannot write the verdicts");
    }
    sg_arena_release(&ar);
    return rc;
}

/* deferrals and escalations whose due time at + AS may fall at or after `from` */
static int64_t other_from(const struct sg_trace_opts *o)
{
    return sg_time_sub(o->period.from, o->settings->acceptance_sla);
}

static unsigned scan_flags(const struct sg_trace_opts *o)
{
    return o->fn != NULL ? SG_QD_PROVENANCE : 0;
}

static void *peer_main(void *arg)
{
    struct peer *p = arg;
    struct sg_arena ar;
    struct loop l = {p->st, p->o,     &p->stats, &ar,     &p->err, 0,
                     0,     p->spool, &p->seen,  p->stop, 1,       NULL};
    int c;

    sg_arena_init(&ar);
    p->rc = sg_q_findings_clear(p->st, &p->err);
    if (p->rc == 0)
        p->rc = sg_q_run_begin(p->st, p->o->period.to, SG_RUN_EXPOSURES, &p->err);
    if (p->rc == 0)
        p->rc = sg_q_each_exposure(p->st, p->o->period.to, &ar, on_exposure, &l, &p->err);
    /* then decisions from the end, while any are left */
    if (p->rc == 0 && split_left(p->split)) {
        p->rc = sg_q_run_begin(p->st, p->o->period.to, SG_RUN_DECISIONS, &p->err);
        l.spool = p->dspool;
        while (p->rc == 0 && (c = split_take(p->split, 1)) >= 0) {
            if (p->dspool != NULL) {
                p->ranges =
                    sg_xreallocarray(p->ranges, p->nranges + 1, sizeof(*p->ranges));
                p->ranges[p->nranges].start = ftell(p->dspool);
                p->ranges[p->nranges].count = 0;
                l.spooled = &p->ranges[p->nranges++].count;
                if (p->ranges[p->nranges - 1].start < 0) {
                    p->rc = sg_error_set(&p->err, EX_IOERR, NULL,
                                         "cannot write the verdicts to a temporary file");
                    break;
                }
            }
            p->rc = sg_q_each_decision_in(p->st, p->o->period.to, p->o->period.from,
                                          other_from(p->o), scan_flags(p->o),
                                          split_lo(p->split, c), split_hi(p->split, c),
                                          &ar, on_decision, &l, &p->err);
        }
    }
    sg_q_run_end(p->st);
    sg_arena_release(&ar);
    if (p->rc != 0)
        atomic_store(p->stop, 1);
    return NULL;
}

/* A finding of the second connection into this run's table, counted when it is new
 * here: both connections may find the same one (a stale policy that decisions on both
 * cite), and the table keeps it once. */
static int add_finding(void *ctx, const char *code, const char *subject,
                       const char *reasons, const char *severity)
{
    struct loop *l = ctx;
    int rc = sg_q_finding_add(l->st, code, subject, reasons, severity, l->err);
    int c = sg_finding_lookup(code);
    if (rc < 0)
        return -1;
    if (rc > 0 && c >= 0 && c < SG_F__COUNT)
        l->stats->findings[c]++;
    return 0;
}

/* Opens the second connection when it may be used: a file store, read in a transaction
 * that has written nothing, and more than one thread allowed (SIGNOFF_THREADS). */
static struct sg_store *peer_open(struct sg_store *st)
{
    struct sg_store *p = NULL;
    struct sg_error e;

    if (sg_store_path(st) == NULL || !sg_store_reading(st) || sg_threads(2) < 2)
        return NULL;
    sg_error_init(&e);
    if (sg_store_open(&p, sg_store_path(st), SG_STORE_READONLY, &e) != 0)
        return NULL;
    if (sg_store_read_begin(p, &e) != 0) {
        sg_store_close(p);
        return NULL;
    }
    return p;
}

/* This connection's share of the decisions: ranges from the front while any are left,
 * or all of them in one scan when there is no second connection. */
static int own_decisions(struct sg_store *st, const struct sg_trace_opts *o,
                         struct split *sp, struct loop *l, struct sg_error *err)
{
    int c, rc = 0;
    if (!sp->ready)
        return sg_q_each_decision(st, o->period.to, o->period.from, other_from(o),
                                  scan_flags(o), l->ar, on_decision, l, err);
    while (rc == 0 && (c = split_take(sp, 0)) >= 0)
        rc = sg_q_each_decision_in(st, o->period.to, o->period.from, other_from(o),
                                   scan_flags(o), split_lo(sp, c), split_hi(sp, c), l->ar,
                                   on_decision, l, err);
    return rc;
}

int sg_trace_run(struct sg_store *st, const struct sg_trace_opts *o,
                 struct sg_trace_stats *stats, struct sg_error *err)
{
    struct sg_arena ar;
    atomic_int stop = 0;
    struct loop l = {st, o, stats, &ar, err, 0, 0, NULL, NULL, &stop, 0, NULL};
    struct peer peer;
    struct split sp;
    struct sg_store *pst = NULL;
    pthread_t thread;
    int64_t nd = 0, nx = 0;
    int rc, started = 0;

    memset(stats, 0, sizeof(*stats));
    memset(&peer, 0, sizeof(peer));
    memset(&sp, 0, sizeof(sp));
    pthread_mutex_init(&sp.mu, NULL);
    if (sg_progress_wanted() && (sg_store_count(st, SG_K_DECISION, &nd, err) != 0 ||
                                 sg_store_count(st, SG_K_EXPOSURE, &nx, err) != 0)) {
        pthread_mutex_destroy(&sp.mu);
        return -1;
    }
    l.total = nd + nx;
    if (sg_q_findings_clear(st, err) != 0) {
        pthread_mutex_destroy(&sp.mu);
        return -1;
    }
    /* one read transaction for the whole run (when the caller has none): one snapshot,
       and SQLite neither takes its lock per query nor commits per finding */
    int own_txn = sg_store_in_transaction(st) == 0;
    if (own_txn && sg_store_read_begin(st, err) != 0) {
        pthread_mutex_destroy(&sp.mu);
        return -1;
    }
    if ((pst = peer_open(st)) != NULL) {
        peer.st = pst;
        peer.o = o;
        peer.stop = &stop;
        peer.split = &sp;
        sg_error_init(&peer.err);
        atomic_init(&peer.seen, 0);
        if (o->fn != NULL &&
            ((peer.spool = tmpfile()) == NULL || (peer.dspool = tmpfile()) == NULL)) {
            if (peer.spool != NULL)
                fclose(peer.spool);
            sg_store_close(pst);
            pst = NULL;
        }
    }
    if (pst != NULL) {
        l.peer_seen = &peer.seen;
        started = pthread_create(&thread, NULL, peer_main, &peer) == 0;
        if (!started) {
            if (peer.spool != NULL)
                fclose(peer.spool);
            if (peer.dspool != NULL)
                fclose(peer.dspool);
            sg_store_close(pst);
            pst = NULL;
        }
    }
    rc = 0;
    /* the ranges, while the second connection judges the exposures */
    if (started) {
        char **bound = NULL;
        size_t nb = 0;
        rc = sg_q_decision_bounds(st, range_size(), &bound, &nb, err);
        if (rc == 0 && nb > 0) {
            pthread_mutex_lock(&sp.mu);
            sp.bound = bound;
            sp.n = (int)nb + 1;
            sp.front = 0;
            sp.back = sp.n - 1;
            sp.ready = 1;
            pthread_mutex_unlock(&sp.mu);
        }
    }
    if (rc == 0)
        rc = sg_q_run_begin(
            st, o->period.to,
            started ? SG_RUN_DECISIONS : SG_RUN_DECISIONS | SG_RUN_EXPOSURES, err);
    sg_arena_init(&ar);
    if (rc == 0)
        rc = own_decisions(st, o, &sp, &l, err);
    if (rc != 0) {
        atomic_store(&stop, 1);
        /* the second connection takes no more ranges */
        pthread_mutex_lock(&sp.mu);
        sp.ready = 0;
        pthread_mutex_unlock(&sp.mu);
    }
    if (started) {
        pthread_join(thread, NULL);
        if (rc == 0 && peer.rc != 0) {
            *err = peer.err;
            rc = -1;
        }
        /* the second connection's findings join this run's (add_finding counts them);
           its other counts add up: each decision and exposure was judged once */
        memset(peer.stats.findings, 0, sizeof(peer.stats.findings));
        if (rc == 0)
            rc = sg_q_each_finding(pst, add_finding, &l, err);
        if (rc == 0) {
            _Static_assert(sizeof(struct sg_trace_stats) % sizeof(long) == 0,
                           "sg_trace_stats holds longs only");
            long *a = (long *)stats;
            const long *b = (const long *)&peer.stats;
            for (size_t i = 0; i < sizeof(*stats) / sizeof(long); i++)
                a[i] += b[i];
        }
        /* its decision ranges in id order (judged from the end), then the exposures */
        for (size_t i = peer.nranges; rc == 0 && o->fn != NULL && i-- > 0;)
            rc = spool_replay(peer.dspool, peer.ranges[i].start, peer.ranges[i].count, o,
                              err);
        if (rc == 0 && o->fn != NULL)
            rc = spool_replay(peer.spool, 0, -1, o, err);
        if (peer.spool != NULL)
            fclose(peer.spool);
        if (peer.dspool != NULL)
            fclose(peer.dspool);
        free(peer.ranges);
        sg_store_close(pst);
    } else if (rc == 0) {
        rc = sg_q_each_exposure(st, o->period.to, &ar, on_exposure, &l, err);
    }
    for (int i = 0; i + 1 < sp.n; i++)
        free(sp.bound[i]);
    free(sp.bound);
    pthread_mutex_destroy(&sp.mu);
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
