/* trace/exposure.c: SPEC §4 Exposures — deadline, remediation, excuse, and the silent
 * deferral / sla-breach verdict, judged in every period the overdue span overlaps. */
#include "trace_int.h"

#include "signoff/time.h"

#include <string.h>

/* "Severity from CVSS: >= 9.0 critical, >= 7.0 high, >= 4.0 medium, else low" */
static int severity_of_cvss(double cvss)
{
    return cvss >= 9.0 ? 4 : cvss >= 7.0 ? 3 : cvss >= 4.0 ? 2 : 1;
}

int sg_tr_exposure(struct sg_store *st, const struct sg_trace_opts *o,
                   const struct sg_exposure *x, struct sg_arena *ar, struct sg_verdict *v,
                   struct sg_error *err)
{
    const struct sg_settings *set = o->settings;
    const int64_t from = o->period.from, to = o->period.to;
    int sev = x->severity ? x->severity
                          : x->has_cvss ? severity_of_cvss(x->cvss) : set->default_severity;
    int64_t deadline = sg_time_add(x->first_seen, set->remediation_sla[sev]);
    int64_t remediated, by_change;
    struct sg_acceptance *acc = NULL;
    size_t nacc = 0;
    int decided;

    memset(v, 0, sizeof(*v));
    v->kind = SG_VK_EXPOSURE;
    v->exposure = x;
    v->when = deadline;
    /* remediated at the earliest of: the t of a covering patch/upgrade/config_change with
       first_seen <= t < to; or last_seen when fixed and last_seen < to */
    if (sg_q_first_remediation(st, x->vuln, x->asset, x->first_seen, to, &by_change, err) != 0)
        return -1;
    remediated = by_change;
    if (x->fixed && x->has_last_seen && x->last_seen < to && x->last_seen < remediated)
        remediated = x->last_seen;
    v->remediated_at = remediated;
    if (remediated <= deadline) {
        v->state = SG_ST_REMEDIATED;
        return 0;
    }
    /* overdue when deadline < to and not remediated at <= deadline */
    if (!(deadline < to)) {
        v->state = SG_ST_NOT_DUE;
        return 0;
    }
    /* judged in every period the overdue span [deadline, remediation) overlaps: when
       deadline < to and it was not remediated at <= from */
    if (remediated != SG_TIME_MAX && remediated <= from) {
        v->state = SG_ST_PAST;
        return 0;
    }
    /* excused by an acceptance naming its pair, or linked to a decision covering it: owner
       a known human, acknowledged_at <= deadline, expires absent or > the end of the
       overdue span (the remediation time, or to while still open) */
    int64_t end = remediated != SG_TIME_MAX ? remediated : to;
    if (sg_q_pair_acceptances(st, x->vuln, x->asset, to, ar, &acc, &nacc, err) != 0)
        return -1;
    for (size_t i = 0; i < nacc; i++) {
        enum sg_party owner;
        if (acc[i].ack > deadline || acc[i].expires <= end)
            continue;
        if (sg_tr_party(st, acc[i].owner, &owner, err) != 0)
            return -1;
        if (owner == SG_PARTY_KNOWN_HUMAN) {
            v->state = SG_ST_EXCUSED;
            v->by = acc[i].owner;
            v->via = acc[i].id;
            return 0;
        }
    }
    /* silent when no decision (any outcome) covering its pair has at <= deadline */
    if (sg_q_pair_decided(st, x->vuln, x->asset, deadline, to, &decided, err) != 0)
        return -1;
    v->state = decided ? SG_ST_BREACH : SG_ST_SILENT;
    return 0;
}
